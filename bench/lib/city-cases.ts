import type { Kysely } from 'kysely';
import type pg from 'pg';
import { DEFAULT_CATALOGUE } from '../../server/modules/cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../../server/modules/cases/install-catalogue.js';
import { Random } from '../../server/modules/demo/random.js';
import type { CaseChannel, Priority, CaseStatus, Satisfaction } from '../../server/platform/db/schema-cases.js';
import type { DB } from '../../server/platform/db/schema.js';
import { makeUser, type NodeRef } from '../../tests/helpers/factories.js';
import { copyRecords } from './copy-from.js';
import { CASE_COLUMNS, TEXTS, type CaseRecord } from './open-cases.js';

/**
 * A city for the city-scale benchmark: an org tree shaped like Beijing's (16 districts, 343
 * streets, about 20 communities a street and 5 grids a community), the default category
 * catalogue, and a year of cases generated row by row (never all in memory, the same rows on
 * every pass for a seed) with the timeline entries the roll-up rebuild reads: one `rate` event
 * for every rated case and one `overdue` event for every case that passed its resolution limit.
 *
 * Simplifications, so a plain GROUP BY over cases gives the same counts as the roll-ups: cases
 * are handled by their grid (no department or property company units, no dispatch/take events);
 * each case is rated at most once, a dissatisfied rating leaving it `reopened`; only the
 * resolution deadline marks a case overdue.
 */

export const STREETS = 343;
const DISTRICTS = 16;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CityUnit {
  id: number;
  path: string;
  name: string;
  streetId: number;
}

export interface CityCategory {
  id: number;
  priority: Priority;
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface City {
  streets: CityUnit[];
  communities: (CityUnit & { parentId: number })[];
  grids: (CityUnit & { communityId: number })[];
  categories: CityCategory[];
  reporterId: number;
  /** A street_admin of each street, by street id. */
  streetAdmins: Map<number, number>;
  /** One user holding street_admin at every district: reads the whole city. */
  cityAdminId: number;
}

interface OrgRow {
  id: number;
  parent_id: number | null;
  kind: 'district' | 'street' | 'community' | 'grid';
  code: string;
  name: string;
  path: string;
  street_id: number | null;
}
const ORG_COLUMNS = ['id', 'parent_id', 'kind', 'code', 'name', 'path', 'street_id'] as const;

/** Lognormal-ish weight: streets and communities differ in how much they receive. */
const spreadWeight = (rnd: Random) => Math.exp(0.6 * (rnd.float() + rnd.float() + rnd.float() - 1.5) * 2);

/** Builds the org tree (by COPY, explicit ids), the catalogue and the users the benchmark acts as. */
export async function makeCity(db: Kysely<DB>, client: pg.Client, seed: number): Promise<City> {
  const rnd = new Random(seed);
  const start = Number((await db.selectFrom('org_node').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow()).max ?? 0) + 1;
  let nextId = start;
  const rows: OrgRow[] = [];
  const node = (parent: OrgRow | null, kind: OrgRow['kind'], name: string): OrgRow => {
    const id = nextId++;
    const street = kind === 'street' ? id : kind === 'district' ? null : parent!.street_id;
    const row = { id, parent_id: parent?.id ?? null, kind, code: `CITY-${id}`, name, path: `${parent?.path ?? '/'}${id}/`, street_id: street };
    rows.push(row);
    return row;
  };
  const city: City = { streets: [], communities: [], grids: [], categories: [], reporterId: 0, streetAdmins: new Map(), cityAdminId: 0 };
  const districts = Array.from({ length: DISTRICTS }, (_, d) => node(null, 'district', `第${d + 1}区`));
  for (let s = 0; s < STREETS; s++) {
    const street = node(districts[s % DISTRICTS]!, 'street', `街道${s + 1}`);
    city.streets.push({ id: street.id, path: street.path, name: street.name, streetId: street.id });
    const communities = rnd.int(8, 32);
    for (let c = 0; c < communities; c++) {
      const community = node(street, 'community', `${street.name}社区${c + 1}`);
      city.communities.push({ id: community.id, path: community.path, name: community.name, streetId: street.id, parentId: street.id });
      const grids = rnd.int(3, 7);
      for (let g = 0; g < grids; g++) {
        const grid = node(community, 'grid', `${community.name}网格${g + 1}`);
        city.grids.push({ id: grid.id, path: grid.path, name: grid.name, streetId: street.id, communityId: community.id });
      }
    }
  }
  await copyRecords(client, 'org_node', ORG_COLUMNS, rows);
  await client.query(`select setval(pg_get_serial_sequence('org_node', 'id'), $1)`, [nextId - 1]);
  await client.query('analyze org_node');

  await installCatalogue(db, DEFAULT_CATALOGUE);
  const leaves = await db.selectFrom('case_category').select(['id', 'priority', 'response_minutes', 'resolution_minutes']).where('response_minutes', 'is not', null).orderBy('id').execute();
  city.categories = leaves.map((c) => ({ id: c.id, priority: c.priority, responseMinutes: c.response_minutes!, resolutionMinutes: c.resolution_minutes! }));

  const ref = (u: { id: number; path: string; name: string }, kind: NodeRef['kind']): NodeRef => ({ id: u.id, path: u.path, name: u.name, kind, streetId: kind === 'district' ? null : u.id });
  city.reporterId = (await makeUser(db, [{ role: 'resident', node: ref(city.grids[0]!, 'grid') }])).id;
  for (const s of city.streets) city.streetAdmins.set(s.id, (await makeUser(db, [{ role: 'street_admin', node: ref(s, 'street') }])).id);
  city.cityAdminId = (await makeUser(db, districts.map((d) => ({ role: 'street_admin' as const, node: ref(d, 'district') })))).id;
  return city;
}

export interface CaseEventRecord {
  case_id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: 'rate' | 'overdue';
  from_status: CaseStatus;
  to_status: CaseStatus;
  data: string;
}

export type CityCaseRecord = Omit<CaseRecord, 'priority' | 'channel' | 'handler_kind'> & {
  priority: Priority;
  channel: CaseChannel;
  handler_kind: 'grid' | null;
  replied_at: Date | null;
  closed_at: Date | null;
  overdue: boolean;
  reopen_count: number;
  resolution: 'resolved' | 'unresolved' | null;
  rated_resolved: boolean | null;
  satisfaction: Satisfaction | null;
  rated_at: Date | null;
};

export const CITY_CASE_COLUMNS = [
  ...CASE_COLUMNS,
  'replied_at', 'closed_at', 'overdue', 'reopen_count', 'resolution', 'rated_resolved', 'satisfaction', 'rated_at',
] as const satisfies readonly (keyof CityCaseRecord)[];
export const EVENT_COLUMNS = ['case_id', 'at', 'actor_id', 'actor_name', 'action', 'from_status', 'to_status', 'data'] as const satisfies readonly (keyof CaseEventRecord)[];

/** Roughly how 12345 hotline work orders arrive. */
const CHANNELS: readonly (readonly [CaseChannel, number])[] = [
  ['hotline', 55], ['resident_app', 22], ['phone', 8], ['patrol', 8], ['visit', 4], ['open311', 2], ['owners_committee', 1],
];
const SATISFACTION: readonly (readonly [Satisfaction, number])[] = [['satisfied', 72], ['basically_satisfied', 19], ['dissatisfied', 9]];
const RESOLVED_GIVEN: Record<Satisfaction, number> = { satisfied: 0.97, basically_satisfied: 0.85, dissatisfied: 0.3 };
/** Share of each local hour's volume, 0 h … 23 h; weekends about 80% of a weekday. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 5.5, 7, 7.5, 7, 6, 6, 6.5, 6.5, 6, 5.5, 4.5, 4, 3.5, 3, 2.2, 1.5];

/** The hour starts of the year before `now` and their cumulative weights: received times follow them. */
function yearOfHours(now: number) {
  const first = Math.floor(now / HOUR) * HOUR - 365 * DAY;
  const cumulative = new Float64Array(365 * 24);
  let sum = 0;
  for (let h = 0; h < cumulative.length; h++) {
    const local = new Date(first + h * HOUR + 8 * HOUR);
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    sum += HOURLY[local.getUTCHours()]! * (weekend ? 0.8 : 1);
    cumulative[h] = sum;
  }
  return { first, cumulative, total: sum };
}

function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `count` cases received over the year before `now`, in id order and (to the hour) in time
 * order, as the table fills in production; each with the timeline events that the rebuild reads.
 */
export function* cityCases(city: City, options: { count: number; now: Date; seed: number }): Generator<{ c: CityCaseRecord; events: CaseEventRecord[] }> {
  const rnd = new Random(options.seed);
  const now = options.now.getTime();
  const hours = yearOfHours(now);
  // Where cases come from: each street and community a weight of its own, grids even within.
  const streetWeight = new Map(city.streets.map((s) => [s.id, spreadWeight(rnd)]));
  const communityWeight = city.communities.map((c) => ({ c, w: spreadWeight(rnd) }));
  const streetTotal = new Map<number, number>();
  for (const { c, w } of communityWeight) streetTotal.set(c.streetId, (streetTotal.get(c.streetId) ?? 0) + w);
  const gridsOf = new Map<number, number>();
  for (const g of city.grids) gridsOf.set(g.communityId, (gridsOf.get(g.communityId) ?? 0) + 1);
  const communityShare = new Map(communityWeight.map(({ c, w }) => [c.id, (streetWeight.get(c.streetId)! * w) / streetTotal.get(c.streetId)!]));
  const gridCumulative = new Float64Array(city.grids.length);
  let sum = 0;
  city.grids.forEach((g, i) => (gridCumulative[i] = sum += communityShare.get(g.communityId)! / gridsOf.get(g.communityId)!));
  // A few categories take most of the volume (Zipf-like over a shuffled catalogue).
  const categories = rnd.shuffle(city.categories).map((c, rank) => [c, 1 / (rank + 1) ** 0.9] as const);

  for (let i = 0; i < options.count; i++) {
    const id = i + 1;
    const hour = lowerBound(hours.cumulative, ((i + rnd.float()) / options.count) * hours.total);
    const received = hours.first + hour * HOUR + Math.floor(rnd.float() * HOUR);
    const grid = city.grids[lowerBound(gridCumulative, rnd.float() * sum)]!;
    const category = rnd.weighted(categories);
    const channel = rnd.weighted(CHANNELS);
    const R = category.responseMinutes * 60_000;
    const S = category.resolutionMinutes * 60_000;
    const respondedAt = received + (rnd.chance(0.94) ? rnd.between(0.02, 0.9) * R : R * rnd.between(1.05, 3));
    const dispatchedAt = respondedAt + rnd.between(5, 120) * 60_000;
    const takenAt = dispatchedAt + rnd.between(5, 60) * 60_000;
    const late = rnd.chance(0.07);
    const repliedAt = dispatchedAt + Math.max(10 * 60_000, late ? S * rnd.between(1.02, 1.6) : S * rnd.between(0.05, 0.95));
    const ratedAt = repliedAt + rnd.between(2, 72) * HOUR;
    const satisfaction = rnd.weighted(SATISFACTION);
    const resolved = rnd.chance(RESOLVED_GIVEN[satisfaction]);
    const dueAt = dispatchedAt + S;

    const at = (t: number) => (now >= t ? new Date(t) : null);
    const status: CaseStatus =
      now < respondedAt ? 'submitted'
      : now < dispatchedAt ? 'accepted'
      : now < takenAt ? 'dispatched'
      : now < repliedAt ? 'in_progress'
      : now < ratedAt ? 'replied'
      : satisfaction === 'dissatisfied' ? 'reopened' : 'closed';
    const rated = status === 'closed' || status === 'reopened';
    const overdue = dueAt < Math.min(now, repliedAt) && now >= dispatchedAt;
    const c: CityCaseRecord = {
      id,
      public_id: `GZC${String(id).padStart(10, '0')}`,
      street_id: grid.streetId,
      community_id: grid.communityId,
      grid_id: grid.id,
      building_id: null,
      org_path: grid.path,
      category_id: category.id,
      priority: category.priority,
      channel,
      description: `${TEXTS[i % TEXTS.length]}（第 ${id} 件）`,
      address: `${grid.name}`,
      reporter_user_id: city.reporterId,
      reporter_name: '居民',
      attributes: '{}',
      status,
      owner_node_id: status === 'submitted' ? null : grid.communityId,
      handler_kind: at(dispatchedAt) ? 'grid' : null,
      handler_node_id: at(dispatchedAt) ? grid.id : null,
      received_at: new Date(received),
      due_response_at: new Date(received + R),
      responded_at: at(respondedAt),
      dispatched_at: at(dispatchedAt),
      due_at: at(dispatchedAt) ? new Date(dueAt) : null,
      replied_at: at(repliedAt),
      closed_at: status === 'closed' ? new Date(ratedAt) : null,
      overdue,
      reopen_count: status === 'reopened' ? 1 : 0,
      resolution: status === 'closed' ? (resolved ? 'resolved' : 'unresolved') : null,
      rated_resolved: rated ? resolved : null,
      satisfaction: rated ? satisfaction : null,
      rated_at: rated ? new Date(ratedAt) : null,
    };
    const events: CaseEventRecord[] = [];
    if (overdue) {
      const data = { jobId: 0, phase: 'resolution', dueAt: new Date(dueAt).toISOString(), level: 0, orgNodeId: null };
      events.push({ case_id: id, at: new Date(dueAt + 60_000), actor_id: null, actor_name: '系统', action: 'overdue', from_status: 'in_progress', to_status: 'in_progress', data: JSON.stringify(data) });
    }
    if (rated) {
      const data = { resolved, satisfaction, via: 'resident', as: 'reporter' };
      events.push({ case_id: id, at: new Date(ratedAt), actor_id: city.reporterId, actor_name: '居民', action: 'rate', from_status: 'replied', to_status: status, data: JSON.stringify(data) });
    }
    yield { c, events };
  }
}
