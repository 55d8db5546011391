import { sql, type Insertable } from 'kysely';
import type { AnalysisWarningTable } from '../../platform/db/schema-analysis.js';
import type { Executor } from '../../platform/db/transaction.js';
import { addDays, localDayStart } from './periods.js';

/**
 * Every query of the analysis module. The views read the roll-ups (case_rollup_daily,
 * case_rate_daily through cases/rates/repository.ts); only the overdue list, class problems and
 * hot words read case rows, each through an index and with a bound.
 */

export type AreaKind = 'street' | 'community' | 'grid';

export interface AreaNode {
  id: number;
  kind: AreaKind;
  name: string;
  path: string;
  streetId: number;
}

export async function findAreaNode(db: Executor, id: number): Promise<AreaNode> {
  const n = await db.selectFrom('org_node').select(['id', 'kind', 'name', 'path', 'street_id']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: n.id, kind: n.kind as AreaKind, name: n.name, path: n.path, streetId: n.street_id ?? n.id };
}

/** The kind of an org node when it is a street, community or grid; null for any other node or none. */
export async function findAreaKind(db: Executor, id: number): Promise<AreaKind | null> {
  const n = await db.selectFrom('org_node').select('kind').where('id', '=', id).where('kind', 'in', ['street', 'community', 'grid']).executeTakeFirst();
  return (n?.kind as AreaKind | undefined) ?? null;
}

/** Every street, as the area node its analysis starts from. */
export async function listStreets(db: Executor): Promise<AreaNode[]> {
  const rows = await db.selectFrom('org_node').select(['id', 'name', 'path']).where('kind', '=', 'street').orderBy('id').execute();
  return rows.map((s) => ({ id: s.id, kind: 'street', name: s.name, path: s.path, streetId: s.id }));
}

/** Direct children of an area node of one kind (a street's communities, a community's grids). */
export async function childNodes(db: Executor, parentId: number, kind: AreaKind) {
  return db.selectFrom('org_node').select(['id', 'name']).where('parent_id', '=', parentId).where('kind', '=', kind).orderBy('id').execute();
}

/** The grids in a subtree (a grid's subtree is itself). */
export async function gridsUnder(db: Executor, path: string) {
  return db.selectFrom('org_node').select(['id', 'name', 'path', 'street_id']).where('kind', '=', 'grid').where('path', 'like', `${path}%`).orderBy('id').execute();
}

/** The grids of a subtree with their community and boundary (GeoJSON), for the dashboard's map. */
export async function gridsWithBoundaries(db: Executor, path: string) {
  return db
    .selectFrom('org_node as g')
    .leftJoin('org_node as c', (join) => join.onRef('c.id', '=', 'g.parent_id').on('c.kind', '=', 'community'))
    .select(['g.id', 'g.name', 'g.boundary', 'c.id as community_id', 'c.name as community_name'])
    .where('g.kind', '=', 'grid')
    .where('g.path', 'like', `${path}%`)
    .orderBy('g.id')
    .execute();
}

export async function categoryNames(db: Executor, ids: number[]): Promise<Map<number, { code: string; nameZh: string; nameEn: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('case_category').select(['id', 'code', 'name_zh', 'name_en']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, nameZh: r.name_zh, nameEn: r.name_en }]));
}

/** Cases a unit received on each of the given local days, by category (from case_rollup_daily). */
export async function receivedByDayAndCategory(db: Executor, unit: { kind: AreaKind; id: number }, days: string[]) {
  return db
    .selectFrom('case_rollup_daily_live')
    .select(['day', 'category_id', sql<number>`sum(received)::int`.as('received')])
    .where('unit_kind', '=', unit.kind)
    .where('unit_id', '=', unit.id)
    .where('day', 'in', days)
    .groupBy(['day', 'category_id'])
    .having(sql<number>`sum(received)`, '>', 0)
    .execute();
}

/**
 * Per grid and category: the count received on `day`, and the total over the `baselineDays`
 * before it, for the pairs whose day count reaches `minCount` (no other pair can fire).
 */
export async function gridCategoryCounts(db: Executor, q: { gridIds: number[]; day: string; baselineDays: number; minCount: number }) {
  if (q.gridIds.length === 0) return [];
  const today = sql<number>`coalesce(sum(received) filter (where day = ${q.day}), 0)::int`;
  return db
    .selectFrom('case_rollup_daily_live')
    .select(['unit_id as grid_id', 'category_id', today.as('count'), sql<number>`coalesce(sum(received) filter (where day < ${q.day}), 0)::int`.as('prior_total')])
    .where('unit_kind', '=', 'grid')
    .where('unit_id', 'in', q.gridIds)
    .where('day', '>=', addDays(q.day, -q.baselineDays))
    .where('day', '<=', q.day)
    .groupBy(['unit_id', 'category_id'])
    .having(today, '>=', q.minCount)
    .orderBy('unit_id')
    .orderBy('category_id')
    .execute();
}

export type NewWarning = Insertable<AnalysisWarningTable>;

/** Stores warnings once per grid, category and day; returns only those stored by this call. */
export async function insertWarnings(tx: Executor, rows: NewWarning[]) {
  if (rows.length === 0) return [];
  return tx
    .insertInto('analysis_warning')
    .values(rows)
    .onConflict((oc) => oc.columns(['grid_id', 'category_id', 'day']).doNothing())
    .returning(['id', 'grid_id', 'grid_path', 'category_id', 'day', 'count', 'baseline', 'p_value'])
    .execute();
}

/** Users subscribed to a unit whose subtree holds the grid, for this category or for all. */
export async function subscriberIds(tx: Executor, q: { gridPath: string; categoryId: number }): Promise<number[]> {
  const rows = await tx
    .selectFrom('analysis_subscription')
    .select('user_id')
    .where(sql<boolean>`${q.gridPath} like unit_path || '%'`)
    .where((eb) => eb.or([eb('category_id', 'is', null), eb('category_id', '=', q.categoryId)]))
    .execute();
  return rows.map((r) => r.user_id);
}

/** The stored warnings of a subtree over a range of local days, newest first. */
export async function warningsUnder(db: Executor, q: { path: string; from: string; to: string; limit: number }) {
  return db
    .selectFrom('analysis_warning as w')
    .innerJoin('org_node as g', 'g.id', 'w.grid_id')
    .select(['w.id', 'w.grid_id', 'g.name as grid_name', 'w.category_id', 'w.day', 'w.count', 'w.baseline', 'w.baseline_days', 'w.p_value', 'w.rule', 'w.created_at'])
    .where('w.grid_path', 'like', `${q.path}%`)
    .where('w.day', '>=', q.from)
    .where('w.day', '<=', q.to)
    .orderBy('w.day', 'desc')
    .orderBy('w.count', 'desc')
    .orderBy('w.id')
    .limit(q.limit)
    .execute();
}

const OPEN_OVERDUE = sql<boolean>`overdue and status not in ('closed', 'merged', 'withdrawn')`;

/** Open overdue cases of a subtree, longest overdue first (cases_open_overdue_idx), and how many there are. */
export async function openOverdueCases(db: Executor, q: { path: string; limit: number }) {
  const base = db.selectFrom('cases').where(OPEN_OVERDUE).where('org_path', 'like', `${q.path}%`);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'public_id', 'category_id', 'grid_id', 'status', 'received_at', 'due_response_at', 'due_at', 'supervision_level', 'handler_kind', 'handler_org_id'])
      .orderBy(sql`coalesce(due_at, due_response_at)`)
      .orderBy('id')
      .limit(q.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Open overdue cases of a subtree now, per grid (cases_open_overdue_idx: the open overdue cases only). */
export async function openOverdueByGrid(db: Executor, path: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['grid_id', sql<number>`count(*)::int`.as('n')])
    .where(OPEN_OVERDUE)
    .where('org_path', 'like', `${path}%`)
    .where('grid_id', 'is not', null)
    .groupBy('grid_id')
    .execute();
  return new Map(rows.map((r) => [r.grid_id!, r.n]));
}

/**
 * 类问题: the same place (the building, or the grid when no building is known) and category
 * received `minCount` or more times over the local days `from`..`to`, most frequent first. Reads
 * the street's cases of those days only (cases_received_idx), then keeps the subtree's; merged
 * duplicates do not count. The days are read first (a materialized CTE) because the planner,
 * taking street and subtree for independent, otherwise walks the subtree's every case through
 * cases_path_idx: a street's whole year (~30,000 cases at 10,000,000) for a month's few thousand.
 */
export async function classProblems(db: Executor, q: { streetId: number; path: string; from: string; to: string; minCount: number; limit: number }) {
  const r = await sql<{ place_id: number; place_kind: 'building' | 'grid'; place_name: string; category_id: number; count: number; first_at: Date; last_at: Date; public_ids: string[] }>`
    select p.place_id, n.kind as place_kind, n.name as place_name, p.category_id, p.count, p.first_at, p.last_at, p.public_ids
    from (
      with days as materialized (
        select building_id, grid_id, category_id, received_at, public_id, org_path, status from cases
        where street_id = ${q.streetId} and received_at >= ${localDayStart(q.from)} and received_at < ${localDayStart(addDays(q.to, 1))}
      )
      select coalesce(building_id, grid_id) as place_id, category_id, count(*)::int as count,
        min(received_at) as first_at, max(received_at) as last_at,
        (array_agg(public_id order by received_at desc))[1:10] as public_ids
      from days
      where org_path like ${`${q.path}%`} and status <> 'merged' and coalesce(building_id, grid_id) is not null
      group by 1, 2
      having count(*) >= ${q.minCount}
    ) p
    join org_node n on n.id = p.place_id
    order by p.count desc, p.last_at desc, p.place_id, p.category_id
    limit ${q.limit}`.execute(db);
  return r.rows;
}

/** Descriptions of the most recent cases of a subtree received over local days `from`..`to`, at most `limit`. */
export async function recentDescriptions(db: Executor, q: { streetId: number; path: string; from: string; to: string; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('description')
    .where('street_id', '=', q.streetId)
    .where('received_at', '>=', localDayStart(q.from))
    .where('received_at', '<', localDayStart(addDays(q.to, 1)))
    .where('org_path', 'like', `${q.path}%`)
    .where('status', '<>', 'merged')
    .orderBy('received_at', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => r.description);
}

const SUBSCRIPTION = ['s.id', 's.unit_kind', 's.unit_id', 'n.name as unit_name', 's.category_id', 's.created_at'] as const;

export async function insertSubscription(tx: Executor, s: { userId: number; unit: AreaNode; categoryId: number | null }) {
  return tx
    .insertInto('analysis_subscription')
    .values({ user_id: s.userId, unit_kind: s.unit.kind, unit_id: s.unit.id, unit_path: s.unit.path, category_id: s.categoryId })
    .onConflict((oc) => oc.expression(sql`user_id, unit_id, coalesce(category_id, 0)`).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findSubscription(db: Executor, q: { userId: number; unitId: number; categoryId: number | null }) {
  let query = db.selectFrom('analysis_subscription as s').innerJoin('org_node as n', 'n.id', 's.unit_id').select(SUBSCRIPTION).where('s.user_id', '=', q.userId).where('s.unit_id', '=', q.unitId);
  query = q.categoryId === null ? query.where('s.category_id', 'is', null) : query.where('s.category_id', '=', q.categoryId);
  return query.executeTakeFirst();
}

export async function listSubscriptions(db: Executor, userId: number) {
  return db.selectFrom('analysis_subscription as s').innerJoin('org_node as n', 'n.id', 's.unit_id').select(SUBSCRIPTION).where('s.user_id', '=', userId).orderBy('s.id').execute();
}

/** Deletes one of the user's subscriptions; undefined when it is not theirs. */
export async function deleteSubscription(tx: Executor, q: { userId: number; id: number }) {
  return tx.deleteFrom('analysis_subscription').where('id', '=', q.id).where('user_id', '=', q.userId).returning(['id', 'unit_id', 'category_id']).executeTakeFirst();
}
