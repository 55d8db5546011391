import type { Executor } from '../../platform/db/transaction.js';
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

/**
 * Where a case is: from a household, a building, or a point that falls in a grid's boundary.
 * The grid is found automatically; an address alone is kept but does not place the case.
 */
export async function locateCase(
  db: Executor,
  input: {
    householdId?: number | null;
    /** The household's row when the caller has read it already. */
    household?: LocatedHousehold | null;
    buildingId?: number | null;
    lat?: number | null;
    lon?: number | null;
    address?: string | null;
    streetId?: number | null;
  },
): Promise<CaseLocation> {
  if (input.householdId) {
    const h =
      input.household?.id === input.householdId
        ? input.household
        : await db.selectFrom('household').select(['id', 'org_path', 'street_id', 'address']).where('id', '=', input.householdId).executeTakeFirst();
    if (!h) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: input.householdId });
    return { ...fromPath(h.org_path, h.street_id), householdId: h.id, path: h.org_path, address: input.address ?? h.address };
  }
  if (input.buildingId) {
    const b = await db.selectFrom('org_node').select(['id', 'path', 'street_id', 'kind', 'address', 'name']).where('id', '=', input.buildingId).executeTakeFirst();
    if (!b || b.kind !== 'building' || !b.street_id) throw new AppError('ORG_NODE_NOT_FOUND', { id: input.buildingId });
    return { ...fromPath(b.path, b.street_id), householdId: null, path: b.path, address: input.address ?? b.address ?? b.name };
  }
  if (input.lat != null && input.lon != null) {
    let query = db.selectFrom('org_node').select(['id', 'path', 'street_id', 'boundary']).where('kind', '=', 'grid').where('boundary', 'is not', null);
    if (input.streetId) query = query.where('street_id', '=', input.streetId);
    const grids = await query.execute();
    const hit = grids.find((g) => {
      const b = g.boundary as { type?: string; coordinates?: Ring[] } | null;
      return b?.type === 'Polygon' && Array.isArray(b.coordinates) && pointInPolygon(input.lon!, input.lat!, b as { coordinates: Ring[] });
    });
    if (hit && hit.street_id) return { ...fromPath(hit.path, hit.street_id), buildingId: null, householdId: null, path: hit.path, address: input.address ?? null };
  }
  throw new AppError('LOCATION_UNKNOWN', { hint: 'give a householdId, a buildingId, or lat/lon inside a grid' });
}
