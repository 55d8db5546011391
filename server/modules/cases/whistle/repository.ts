import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { WhistleKind, WhistleSummonsTable, WhistleTable } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';
import type { DayRange } from '../rates/period.js';

export type WhistleRow = Selectable<WhistleTable>;
export type SummonsRow = Selectable<WhistleSummonsTable>;

/** The whistle if `visible` holds for it, else WHISTLE_NOT_FOUND; `forUpdate` locks it. */
export async function findWhistle(db: Executor, id: number, visible: Expression<SqlBool>, forUpdate = false): Promise<WhistleRow> {
  let query = db.selectFrom('whistle as w').selectAll('w').where('w.id', '=', id).where(visible);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('WHISTLE_NOT_FOUND', { id });
  return row;
}

export async function findSummons(db: Executor, whistleId: number, departmentId: number): Promise<SummonsRow | undefined> {
  return db.selectFrom('whistle_summons').selectAll().where('whistle_id', '=', whistleId).where('department_id', '=', departmentId).executeTakeFirst();
}

export async function checkinMinutes(db: Executor, kind: WhistleKind): Promise<number> {
  const row = await db.selectFrom('whistle_time_limit').select('checkin_minutes').where('kind', '=', kind).executeTakeFirstOrThrow();
  return row.checkin_minutes;
}

export async function readLimits(db: Executor): Promise<Record<WhistleKind, number>> {
  const rows = await db.selectFrom('whistle_time_limit').select(['kind', 'checkin_minutes']).execute();
  const limits = { routine: 0, tough: 0, emergency: 0 };
  for (const r of rows) limits[r.kind] = r.checkin_minutes;
  return limits;
}

export async function writeLimits(db: Executor, limits: Partial<Record<WhistleKind, number>>): Promise<void> {
  const rows = Object.entries(limits).map(([kind, minutes]) => ({ kind: kind as WhistleKind, checkin_minutes: minutes }));
  await db
    .insertInto('whistle_time_limit')
    .values(rows)
    .onConflict((oc) => oc.column('kind').doUpdateSet({ checkin_minutes: (eb) => eb.ref('excluded.checkin_minutes') }))
    .execute();
}

/** Departments of a street (or of the district above it, serving every street), by id. */
export async function departmentsServing(db: Executor, streetId: number, ids: number[]) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('kind', '=', 'department')
    .where((eb) => eb.or([eb('street_id', '=', streetId), eb('street_id', 'is', null)]))
    .execute();
}

export async function usersOfOrganisations(db: Executor, organisationIds: number[]): Promise<number[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db.selectFrom('app_user').select('id').where('organisation_id', 'in', organisationIds).where('disabled_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

export async function nodeInScope(db: Executor, scope: Scope, id: number) {
  const node = await db.selectFrom('org_node as n').select(['n.id', 'n.kind', 'n.path', 'n.street_id']).where('n.id', '=', id).where(inScope('n.path', scope)).executeTakeFirst();
  if (!node) throw new AppError('ORG_NODE_NOT_FOUND', { id });
  return node;
}

export async function nodesAtPaths(db: Executor, paths: string[]) {
  if (paths.length === 0) return [];
  return db.selectFrom('org_node').select(['id', 'kind', 'path', 'street_id']).where('path', 'in', paths).execute();
}

const summaryColumns = [
  'w.id',
  'w.kind',
  'w.status',
  'w.reason',
  'w.place',
  'w.case_id as caseId',
  'c.public_id as casePublicId',
  'w.street_id as streetId',
  'w.org_node_id as orgNodeId',
  'n.name as orgNodeName',
  'w.blown_by as blownById',
  'b.display_name as blownByName',
  'w.blown_at as blownAt',
  'w.checkin_due_at as checkinDueAt',
  'w.closed_at as closedAt',
] as const;

function summaryQuery(db: Executor) {
  return db
    .selectFrom('whistle as w')
    .innerJoin('org_node as n', 'n.id', 'w.org_node_id')
    .leftJoin('app_user as b', 'b.id', 'w.blown_by')
    .leftJoin('cases as c', 'c.id', 'w.case_id')
    .select(summaryColumns)
    .select([
      sql<number>`(select count(*)::int from whistle_summons s where s.whistle_id = w.id)`.as('summoned'),
      sql<number>`(select count(*)::int from whistle_summons s where s.whistle_id = w.id and s.checked_in_at is not null)`.as('checkedIn'),
      sql<number>`(select count(*)::int from whistle_summons s where s.whistle_id = w.id and s.on_time)`.as('onTime'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function presentSummary(r: SummaryRow) {
  const { blownById, blownByName, ...rest } = r;
  return { ...rest, blownBy: blownByName === null ? null : { id: blownById, name: blownByName } };
}

export interface BoardFilter {
  status?: 'open' | 'closed' | undefined;
  kind?: WhistleKind | undefined;
  caseId?: number | undefined;
  page: number;
  pageSize: number;
}

function boardCondition(visible: Expression<SqlBool>, filter: BoardFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [visible];
  if (filter.status) parts.push(sql<SqlBool>`w.status = ${filter.status}`);
  if (filter.kind) parts.push(sql<SqlBool>`w.kind = ${filter.kind}`);
  if (filter.caseId) parts.push(sql<SqlBool>`w.case_id = ${filter.caseId}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The whistle board: open whistles first (nearest check-in due first), then the latest closed. */
export async function listWhistles(db: Executor, visible: Expression<SqlBool>, filter: BoardFilter) {
  const where = boardCondition(visible, filter);
  const [rows, total] = await Promise.all([
    summaryQuery(db)
      .where(where)
      .orderBy(sql`case when w.status = 'open' then 0 else 1 end`)
      .orderBy(sql`case when w.status = 'open' then w.checkin_due_at end`)
      .orderBy('w.blown_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    db.selectFrom('whistle as w').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentSummary), total: total.n };
}

/** One whistle with every summoned department: who checked in, when, with whom, how it was rated. */
export async function whistleDetail(db: Executor, id: number) {
  const [summary, extra, summons] = await Promise.all([
    summaryQuery(db).where('w.id', '=', id).executeTakeFirstOrThrow(),
    db
      .selectFrom('whistle as w')
      .leftJoin('app_user as u', 'u.id', 'w.closed_by')
      .select(['w.closed_by as closedById', 'u.display_name as closedByName', 'w.summary'])
      .where('w.id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('whistle_summons as s')
      .innerJoin('whistle as w', 'w.id', 's.whistle_id')
      .innerJoin('organisation as o', 'o.id', 's.department_id')
      .leftJoin('app_user as u', 'u.id', 's.checked_in_by')
      .select([
        's.department_id as departmentId',
        'o.name as departmentName',
        's.checked_in_at as checkedInAt',
        's.checked_in_by as checkedInById',
        'u.display_name as checkedInByName',
        's.people_sent as peopleSent',
        sql<number | null>`floor(extract(epoch from (s.checked_in_at - w.blown_at)) / 60)::int`.as('minutesToCheckIn'),
        's.on_time as onTime',
        's.rating',
        's.rating_comment as ratingComment',
        's.rated_at as ratedAt',
        'w.status',
      ])
      .where('s.whistle_id', '=', id)
      .orderBy('o.name')
      .orderBy('s.department_id')
      .execute(),
  ]);
  return {
    whistle: {
      ...presentSummary(summary),
      closedBy: extra.closedByName === null || extra.closedById === null ? null : { id: extra.closedById, name: extra.closedByName },
      summary: extra.summary,
    },
    summons: summons.map(({ checkedInById, checkedInByName, status, ...s }) => ({
      ...s,
      checkedIn: s.checkedInAt !== null,
      checkedInBy: checkedInById === null || checkedInByName === null ? null : { id: checkedInById, name: checkedInByName },
      absent: status === 'closed' && s.checkedInAt === null,
    })),
  };
}

/**
 * Per department over the whistles blown in a range of local days: how often summoned, checked
 * in, on time, and the sum and count of ratings. Only summons rows `visible` holds for count.
 */
export async function departmentStatsRows(db: Executor, visible: Expression<SqlBool>, range: DayRange) {
  return db
    .selectFrom('whistle_summons as s')
    .innerJoin('whistle as w', 'w.id', 's.whistle_id')
    .innerJoin('organisation as o', 'o.id', 's.department_id')
    .select([
      's.department_id as departmentId',
      'o.name as departmentName',
      sql<number>`count(*)::int`.as('summoned'),
      sql<number>`count(s.checked_in_at)::int`.as('checkedIn'),
      sql<number>`count(*) filter (where s.on_time)::int`.as('onTime'),
      sql<number>`count(s.rating)::int`.as('rated'),
      sql<number>`coalesce(sum(s.rating), 0)::int`.as('ratingSum'),
    ])
    .where(visible)
    .where(sql<SqlBool>`(w.blown_at at time zone 'Asia/Shanghai')::date between ${range.from}::date and ${range.to}::date`)
    .groupBy(['s.department_id', 'o.name'])
    .orderBy('o.name')
    .orderBy('s.department_id')
    .execute();
}

/**
 * Open whistles `visible` holds, per kind: how many, how many departments they summoned, how
 * many of those checked in, and how many are past their check-in time without having come.
 */
export async function openWhistlesByKind(db: Executor, visible: Expression<SqlBool>, now: Date) {
  return db
    .selectFrom('whistle as w')
    .leftJoin('whistle_summons as s', 's.whistle_id', 'w.id')
    .select([
      'w.kind',
      sql<number>`count(distinct w.id)::int`.as('open'),
      sql<number>`count(s.department_id)::int`.as('summoned'),
      sql<number>`count(s.checked_in_at)::int`.as('checkedIn'),
      sql<number>`count(s.department_id) filter (where s.checked_in_at is null and w.checkin_due_at < ${now})::int`.as('lateNotCheckedIn'),
    ])
    .where('w.status', '=', 'open')
    .where(visible)
    .groupBy('w.kind')
    .execute();
}
