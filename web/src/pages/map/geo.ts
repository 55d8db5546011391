/** An org node's boundary as GeoJSON, when it is a polygon the map can draw; null otherwise. */
export function asPolygon(value: unknown): GeoJSON.Polygon | GeoJSON.MultiPolygon | null {
  if (typeof value !== 'object' || value === null) return null;
  const geometry = value as { type?: unknown; coordinates?: unknown };
  if ((geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') && Array.isArray(geometry.coordinates)) {
    return geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
  }
  return null;
}
