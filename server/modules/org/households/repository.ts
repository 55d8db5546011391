import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';

export interface HouseholdFilter {
  q?: string | undefined;
  tags?: string[] | undefined;
  phoneHash?: string | undefined;
  path?: string | undefined;
  page: number;
  pageSize: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A name matches from its start (王建国 for 王) or from its given name (王建国 for 建国): staff
 * search either way. Both are prefix matches, which the btree indexes of migration 006 serve for
 * any length of query (trigram indexes cannot help one- or two-character Chinese names).
 */
function nameMatches(q: string) {
  const prefix = `${escapeLike(q)}%`;
  return sql<boolean>`(r.name like ${prefix} or substr(r.name, 2) like ${prefix})`;
}

/** Households in scope matching name, address, tags and an exact phone; newest address order. */
export async function searchHouseholds(db: Executor, scope: Scope, f: HouseholdFilter) {
  let query = db.selectFrom('household as h').where(inScope('h.org_path', scope));
  if (f.path) query = query.where('h.org_path', 'like', `${f.path}%`);
  if (f.tags?.length) query = query.where('h.tags', '@>', sql<string[]>`${f.tags}::text[]`);
  if (f.q) {
    // A member's name (see nameMatches), or the address anywhere. The name side is one hashed
    // subplan served by the name indexes; the scope filter narrows the households first, so a
    // grid worker's search reads only their grid (measured: 10× faster than a UNION of both).
    const q = f.q;
    query = query.where((eb) =>
      eb.or([
        eb('h.id', 'in', (sub) =>
          sub
            .selectFrom('household_member as m')
            .innerJoin('resident as r', 'r.id', 'm.resident_id')
            .select('m.household_id')
            .where('m.until', 'is', null)
            .where(nameMatches(q)),
        ),
        eb('h.address', 'ilike', `%${escapeLike(q)}%`),
      ]),
    );
  }
  if (f.phoneHash) {
    // The few households of residents with this phone, found through resident_phone_idx.
    const phoneHash = f.phoneHash;
    query = query.where('h.id', 'in', (sub) =>
      sub
        .selectFrom('household_member as m')
        .innerJoin('resident as r', 'r.id', 'm.resident_id')
        .select('m.household_id')
        .where('m.until', 'is', null)
        .where('r.phone_hash', '=', phoneHash),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'h.id',
        'h.address',
        'h.unit',
        'h.room',
        'h.housing',
        'h.area_m2 as areaM2',
        'h.tags',
        'h.building_id as buildingId',
        'h.grid_id as gridId',
        'h.community_id as communityId',
        (eb) =>
          eb
            .selectFrom('household_member as m')
            .innerJoin('resident as r', 'r.id', 'm.resident_id')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.until', 'is', null)
            .where('m.relationship', '=', 'head')
            .select('r.name')
            .limit(1)
            .as('headName'),
        (eb) =>
          eb
            .selectFrom('household_member as m')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.until', 'is', null)
            .select(sql<number>`count(*)::int`.as('n'))
            .as('memberCount'),
        (eb) => eb.selectFrom('visit as v').whereRef('v.household_id', '=', 'h.id').select(sql<Date>`max(v.visited_at)`.as('at')).as('lastVisitAt'),
      ])
      .orderBy('h.org_path')
      .orderBy('h.unit')
      .orderBy('h.room')
      .orderBy('h.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ ...r, headName: r.headName ?? null, memberCount: r.memberCount ?? 0, lastVisitAt: r.lastVisitAt ?? null })),
    total: count.n,
  };
}

/** A household in scope or HOUSEHOLD_NOT_FOUND; `forUpdate` locks the row for the transaction. */
export async function getHouseholdInScope(db: Executor, scope: Scope, id: number, forUpdate = false) {
  let query = db.selectFrom('household').selectAll().where('id', '=', id).where(inScope('org_path', scope));
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('HOUSEHOLD_NOT_FOUND', { id });
  return row;
}

export async function householdMembers(db: Executor, householdId: number) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('resident as r', 'r.id', 'm.resident_id')
    .select([
      'r.id as residentId',
      'r.name',
      'r.gender',
      'r.birth_date as birthDate',
      'm.relationship',
      'r.id_number_mask as idNumber',
      'r.phone_mask as phone',
      'r.political_status as politicalStatus',
      'r.tags',
      'r.version',
    ])
    .where('m.household_id', '=', householdId)
    .where('m.until', 'is', null)
    .orderBy(sql`m.relationship = 'head'`, 'desc')
    .orderBy('r.birth_date')
    .execute();
}

export async function householdVisits(db: Executor, householdId: number, limit = 50) {
  return db
    .selectFrom('visit')
    .select([
      'id',
      'visited_at as visitedAt',
      'method',
      'visitor_name as visitorName',
      'notes',
      'follow_up as followUp',
      'follow_up_due as followUpDue',
    ])
    .where('household_id', '=', householdId)
    .orderBy('visited_at', 'desc')
    .limit(limit)
    .execute();
}

export async function nodeNames(db: Executor, ids: number[]) {
  const rows = await db.selectFrom('org_node').select(['id', 'name', 'kind', 'path', 'street_id']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The resident if a current membership of theirs lies in scope, or RESIDENT_NOT_FOUND. */
export async function getResidentInScope(db: Executor, scope: Scope, id: number, forUpdate = false) {
  let query = db
    .selectFrom('resident as r')
    .selectAll('r')
    .where('r.id', '=', id)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('household_member as m')
          .innerJoin('household as h', 'h.id', 'm.household_id')
          .whereRef('m.resident_id', '=', 'r.id')
          .where('m.until', 'is', null)
          .where(inScope('h.org_path', scope)),
      ),
    );
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('RESIDENT_NOT_FOUND', { id });
  return row;
}

/** Current households of residents, only those inside the scope. */
export async function residentHouseholds(db: Executor, scope: Scope, residentIds: number[]) {
  if (residentIds.length === 0) return [];
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.resident_id as residentId', 'h.id', 'h.address', 'm.relationship'])
    .where('m.resident_id', 'in', residentIds)
    .where('m.until', 'is', null)
    .where(inScope('h.org_path', scope))
    .execute();
}

export interface ResidentFilter {
  q?: string | undefined;
  phoneHash?: string | undefined;
  idNumberHash?: string | undefined;
  tags?: string[] | undefined;
  page: number;
  pageSize: number;
}

export async function searchResidents(db: Executor, scope: Scope, f: ResidentFilter) {
  let query = db.selectFrom('resident as r').where(({ exists, selectFrom }) =>
    exists(
      selectFrom('household_member as m')
        .innerJoin('household as h', 'h.id', 'm.household_id')
        .whereRef('m.resident_id', '=', 'r.id')
        .where('m.until', 'is', null)
        .where(inScope('h.org_path', scope)),
    ),
  );
  if (f.q) query = query.where(nameMatches(f.q));
  if (f.phoneHash) query = query.where('r.phone_hash', '=', f.phoneHash);
  if (f.idNumberHash) query = query.where('r.id_number_hash', '=', f.idNumberHash);
  if (f.tags?.length) query = query.where('r.tags', '@>', sql<string[]>`${f.tags}::text[]`);
  const [rows, count] = await Promise.all([
    query
      .select([
        'r.id as residentId',
        'r.name',
        'r.gender',
        'r.birth_date as birthDate',
        'r.id_number_mask as idNumber',
        'r.phone_mask as phone',
        'r.political_status as politicalStatus',
        'r.tags',
        'r.version',
      ])
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: count.n };
}

/** Households visited in the 12 months before `now`, per community and per grid, within scope. */
export async function visitCoverage(db: Executor, scope: Scope, path: string | undefined, since: Date) {
  let base = db.selectFrom('household as h').where(inScope('h.org_path', scope));
  if (path) base = base.where('h.org_path', 'like', `${path}%`);
  const visited = sql<number>`count(*) filter (where exists (
      select 1 from visit v where v.household_id = h.id and v.visited_at >= ${since}))::int`;
  const [grids, communities] = await Promise.all([
    base
      .innerJoin('org_node as g', 'g.id', 'h.grid_id')
      .select(['g.id', 'g.name', 'h.community_id as communityId', sql<number>`count(*)::int`.as('households'), visited.as('visited')])
      .groupBy(['g.id', 'g.name', 'h.community_id'])
      .orderBy('g.id')
      .execute(),
    base
      .innerJoin('org_node as c', 'c.id', 'h.community_id')
      .select(['c.id', 'c.name', sql<number>`count(*)::int`.as('households'), visited.as('visited')])
      .groupBy(['c.id', 'c.name'])
      .orderBy('c.id')
      .execute(),
  ]);
  const rate = <T extends { households: number; visited: number }>(r: T) => ({ ...r, coverage: r.households ? r.visited / r.households : 0 });
  return { since, communities: communities.map(rate), grids: grids.map(rate) };
}

export async function activeTagCodes(db: Executor, kind: 'household' | 'resident'): Promise<Set<string>> {
  const rows = await db.selectFrom('tag').select('code').where('active', '=', true).where('applies_to', 'in', [kind, 'both']).execute();
  return new Set(rows.map((r) => r.code));
}
