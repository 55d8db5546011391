import type { Executor } from '../../platform/db/transaction.js';
import { anyId } from '../../platform/db/any.js';
import { AppError } from '../../platform/errors.js';

export interface CaseLocation {
  streetId: number;
  communityId: number | null;
  gridId: number | null;
  buildingId: number | null;
  householdId: number | null;
  path: string;
  address: string | null;
}

type Ring = [number, number][];

/** Ray casting on a GeoJSON polygon (outer ring minus holes), lon/lat as given. */
export function pointInPolygon(lon: number, lat: number, polygon: { coordinates: Ring[] }): boolean {
  const inRing = (ring: Ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const [outer, ...holes] = polygon.coordinates;
  return !!outer && inRing(outer) && !holes.some(inRing);
}

/** What locating a case needs of a household. */
export interface LocatedHousehold {
  id: number;
  org_path: string;
  street_id: number;
  address: string | null;
}

function fromPath(path: string, streetId: number) {
  const ids = path.split('/').filter(Boolean).map(Number);
  // district / street / community / grid / building
  return { streetId, communityId: ids[2] ?? null, gridId: ids[3] ?? null, buildingId: ids[4] ?? null };
}

/** What locating a case is given: a household, a building, or a point (lat/lon); an address is kept. */
export interface PlaceInput {
  householdId?: number | null;
  /** The household's row when the caller has read it already. */
  household?: LocatedHousehold | null;
  buildingId?: number | null;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  streetId?: number | null;
}

/**
 * Where a case is: from a household, a building, or a point that falls in a grid's boundary.
 * The grid is found automatically; an address alone is kept but does not place the case.
 */
export async function locateCase(db: Executor, input: PlaceInput): Promise<CaseLocation> {
  const [where] = await locateCases(db, [input]);
  if (where instanceof AppError) throw where;
  return where!;
}

/** Grids that have a boundary, of the given streets or of all (null). */
function gridsWithBoundary(db: Executor, streets: number[] | null) {
  let query = db.selectFrom('org_node').select(['id', 'path', 'street_id', 'boundary']).where('kind', '=', 'grid').where('boundary', 'is not', null);
  if (streets) query = query.where('street_id', '=', anyId(streets));
  return query.orderBy('id').execute();
}

/**
 * locateCase for several cases at once, in at most one query per kind of place (households,
 * buildings, grid boundaries); each input gets its location or the AppError it would throw.
 */
export async function locateCases(db: Executor, inputs: readonly PlaceInput[]): Promise<(CaseLocation | AppError)[]> {
  const unread = [...new Set(inputs.filter((i) => i.householdId && i.household?.id !== i.householdId).map((i) => i.householdId!))];
  const buildingIds = [...new Set(inputs.filter((i) => !i.householdId && i.buildingId).map((i) => i.buildingId!))];
  const points = inputs.filter((i) => !i.householdId && !i.buildingId && i.lat != null && i.lon != null);
  const gridStreets = [...new Set(points.map((i) => i.streetId ?? null))];
  const [households, buildings, grids] = await Promise.all([
    unread.length ? db.selectFrom('household').select(['id', 'org_path', 'street_id', 'address']).where('id', '=', anyId(unread)).execute() : [],
    buildingIds.length ? db.selectFrom('org_node').select(['id', 'path', 'street_id', 'kind', 'address', 'name']).where('id', '=', anyId(buildingIds)).execute() : [],
    points.length ? gridsWithBoundary(db, gridStreets.includes(null) ? null : (gridStreets as number[])) : [],
  ]);
  const householdById = new Map<number, LocatedHousehold>(households.map((h) => [h.id, h]));
  const buildingById = new Map(buildings.map((b) => [b.id, b]));
  return inputs.map((input) => {
    if (input.householdId) {
      const h = input.household?.id === input.householdId ? input.household : householdById.get(input.householdId);
      if (!h) return new AppError('HOUSEHOLD_NOT_FOUND', { id: input.householdId });
      return { ...fromPath(h.org_path, h.street_id), householdId: h.id, path: h.org_path, address: input.address ?? h.address };
    }
    if (input.buildingId) {
      const b = buildingById.get(input.buildingId);
      if (!b || b.kind !== 'building' || !b.street_id) return new AppError('ORG_NODE_NOT_FOUND', { id: input.buildingId });
      return { ...fromPath(b.path, b.street_id), householdId: null, path: b.path, address: input.address ?? b.address ?? b.name };
    }
    if (input.lat != null && input.lon != null) {
      const hit = grids.find((g) => {
        if (input.streetId && g.street_id !== input.streetId) return false;
        const b = g.boundary as { type?: string; coordinates?: Ring[] } | null;
        return b?.type === 'Polygon' && Array.isArray(b.coordinates) && pointInPolygon(input.lon!, input.lat!, b as { coordinates: Ring[] });
      });
      if (hit && hit.street_id) return { ...fromPath(hit.path, hit.street_id), buildingId: null, householdId: null, path: hit.path, address: input.address ?? null };
    }
    return new AppError('LOCATION_UNKNOWN', { hint: 'give a householdId, a buildingId, or lat/lon inside a grid' });
  });
}
