import { sql, type Updateable } from 'kysely';
import type { AnalysisReportTable, ReportFormat, ReportKind } from '../../../platform/db/schema-analysis.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { AreaNode } from '../repository.js';

/** Every column of a report but its files, whose sizes stand in for them, and the unit's name. */
function reportsQuery(db: Executor) {
  return db
    .selectFrom('analysis_report as r')
    .innerJoin('org_node as n', 'n.id', 'r.unit_id')
    .select([
      'r.id',
      'r.street_id',
      'r.unit_kind',
      'r.unit_id',
      'n.name as unit_name',
      'r.kind',
      'r.period',
      'r.formats',
      'r.lang',
      'r.status',
      'r.progress',
      'r.source',
      'r.requested_by_user_id',
      'r.requested_by_name',
      'r.attempts',
      'r.error',
      'r.created_at',
      'r.started_at',
      'r.finished_at',
      sql<number | null>`octet_length(r.pdf)`.as('pdf_bytes'),
      sql<number | null>`octet_length(r.xlsx)`.as('xlsx_bytes'),
    ]);
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;

export async function insertReport(
  tx: Executor,
  r: { unit: AreaNode; kind: ReportKind; period: string; formats: ReportFormat[]; lang: 'zh' | 'en'; requestedBy: { id: number; name: string }; now: Date },
) {
  return tx
    .insertInto('analysis_report')
    .values({
      street_id: r.unit.streetId,
      unit_kind: r.unit.kind,
      unit_id: r.unit.id,
      unit_path: r.unit.path,
      kind: r.kind,
      period: r.period,
      formats: r.formats,
      lang: r.lang,
      source: 'request',
      requested_by_user_id: r.requestedBy.id,
      requested_by_name: r.requestedBy.name,
      created_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Every street with its first day of data: the first day of its roll-ups (null: no case yet). */
export async function listStreetsWithFirstDay(db: Executor): Promise<(AreaNode & { firstDay: string | null })[]> {
  const rows = await db
    .selectFrom('org_node as n')
    .select(['n.id', 'n.name', 'n.path'])
    // One index probe per street (case_rate_daily_street_idx, and the few rows not folded yet), not a scan of its roll-ups.
    .select((eb) => eb.selectFrom('case_rate_daily_live as r').whereRef('r.street_id', '=', 'n.id').select(sql<string | null>`min(r.day)::text`.as('d')).as('first_day'))
    .where('n.kind', '=', 'street')
    .orderBy('n.id')
    .execute();
  return rows.map((s) => ({ id: s.id, kind: 'street', name: s.name, path: s.path, streetId: s.id, firstDay: s.first_day ?? null }));
}

/** The schedule's reports already there for these units and periods. */
export async function listScheduledReports(db: Executor, q: { unitIds: number[]; periods: string[] }) {
  if (q.unitIds.length === 0 || q.periods.length === 0) return [];
  return db.selectFrom('analysis_report').select(['unit_id', 'kind', 'period']).where('source', '=', 'schedule').where('unit_id', 'in', q.unitIds).where('period', 'in', q.periods).execute();
}

/**
 * The schedule's reports of streets, in the order given, each made once: a row another process
 * inserted meanwhile is kept (the unique index on the schedule's unit, kind and period).
 */
export async function insertScheduledReports(tx: Executor, r: { reports: { street: AreaNode; kind: ReportKind; period: string }[]; now: Date }): Promise<number> {
  if (r.reports.length === 0) return 0;
  const inserted = await tx
    .insertInto('analysis_report')
    .values(
      r.reports.map(({ street, kind, period }) => ({
        street_id: street.id,
        unit_kind: 'street' as const,
        unit_id: street.id,
        unit_path: street.path,
        kind,
        period,
        formats: ['pdf', 'xlsx'] as ReportFormat[],
        lang: 'zh' as const,
        source: 'schedule' as const,
        created_at: r.now,
      })),
    )
    .onConflict((oc) => oc.columns(['unit_id', 'kind', 'period']).where('source', '=', 'schedule').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export async function findReport(db: Executor, id: number): Promise<ReportRow | undefined> {
  return reportsQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** A unit's reports, newest first. */
export async function listUnitReports(db: Executor, q: { unitId: number; kind?: ReportKind; period?: string; limit: number }): Promise<ReportRow[]> {
  let query = reportsQuery(db).where('r.unit_id', '=', q.unitId);
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.period) query = query.where('r.period', '=', q.period);
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(q.limit).execute();
}

export async function reportFile(db: Executor, id: number, format: ReportFormat): Promise<Uint8Array | null> {
  const row = await db.selectFrom('analysis_report').select(format).where('id', '=', id).executeTakeFirst();
  return row?.[format] ?? null;
}

/**
 * Claims the oldest report waiting to be made, or one whose worker stopped beating before
 * `staleBefore`, for the caller's transaction: SKIP LOCKED passes over a row another process is
 * claiming, and the claim (running, attempts + 1) is committed before the work starts.
 */
export async function claimReport(tx: Executor, c: { now: Date; staleBefore: Date; worker: string }) {
  const next = await tx
    .selectFrom('analysis_report')
    .select('id')
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', c.staleBefore)])]))
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!next) return undefined;
  return tx
    .updateTable('analysis_report')
    .set((eb) => ({ status: 'running', progress: 0, attempts: eb('attempts', '+', 1), worker: c.worker, started_at: c.now, heartbeat_at: c.now }))
    .where('id', '=', next.id)
    .returning(['id', 'unit_id', 'unit_kind', 'kind', 'period', 'formats', 'lang', 'attempts'])
    .executeTakeFirstOrThrow();
}

export type ClaimedReport = NonNullable<Awaited<ReturnType<typeof claimReport>>>;

/** Writes only while the claim is still this worker's (no later claim took the row over); false otherwise. */
async function updateClaimed(db: Executor, claim: ClaimedReport, set: Updateable<AnalysisReportTable>): Promise<boolean> {
  const res = await db
    .updateTable('analysis_report')
    .set(set)
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export const setReportProgress = (db: Executor, claim: ClaimedReport, progress: number, now: Date) => updateClaimed(db, claim, { progress, heartbeat_at: now });

export const finishReport = (db: Executor, claim: ClaimedReport, files: { pdf: Buffer | null; xlsx: Buffer | null }, now: Date) =>
  updateClaimed(db, claim, { status: 'done', progress: 100, pdf: files.pdf, xlsx: files.xlsx, error: null, finished_at: now, heartbeat_at: now });

export const failReport = (db: Executor, claim: ClaimedReport, error: string, now: Date) =>
  updateClaimed(db, claim, { status: 'failed', error: error.slice(0, 2000), finished_at: now, heartbeat_at: now });

/**
 * Deletes up to `limit` finished (done or failed) reports made before `createdBefore`, oldest
 * first, passing over rows locked by another transaction; returns what it deleted.
 */
export async function deleteFinishedReports(tx: Executor, q: { createdBefore: Date; limit: number }) {
  const due = tx
    .selectFrom('analysis_report')
    .select('id')
    .where('status', 'in', ['done', 'failed'])
    .where('created_at', '<', q.createdBefore)
    .orderBy('created_at')
    .orderBy('id')
    .limit(q.limit)
    .forUpdate()
    .skipLocked();
  return tx.deleteFrom('analysis_report').where('id', 'in', due).returning(['id', 'street_id', 'unit_id', 'kind', 'period', 'created_at']).execute();
}
