import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import type { DatabaseKind } from '../../../platform/db/database.js';
import type { DB, ImportKind, ImportRowError } from '../../../platform/db/schema.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import { columnsOf, type ColumnSpec } from './columns.js';
import { validateHouseholdSheet, type HouseholdRecord } from './household-sheet.js';
import { JobProgress, NO_PROGRESS, type ProgressSink } from './progress.js';
import type { ImportSheet } from './read-sheet.js';
import { finishJob, lockImports } from './repository.js';
import { validateResidentSheet, type ResidentRecord } from './resident-sheet.js';
import { upsertHouseholds, type ImportSummary } from './upsert-households.js';
import { upsertResidents } from './upsert-residents.js';

/** What a background import needs from the app: the root database handle, not a request's transaction. */
export interface ImportRuntime {
  db: Kysely<DB>;
  cipher: PiiCipher;
  dbKind: DatabaseKind;
  log: Logger;
}

export type CheckedSheet =
  | { kind: 'households'; records: HouseholdRecord[]; errors: ImportRowError[] }
  | { kind: 'residents'; records: ResidentRecord[]; errors: ImportRowError[] };

/** Errors in the order a user fixes them: by row, then by column as laid out in the sheet. */
export function sortErrors(columns: ImportKind | readonly ColumnSpec<string>[], errors: ImportRowError[]): ImportRowError[] {
  const specs = typeof columns === 'string' ? columnsOf(columns) : columns;
  const order = new Map(specs.map((c, i) => [c.header, i]));
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99));
}

export async function checkSheet(db: Executor, cipher: PiiCipher, scope: Scope, sheet: ImportSheet, progress: ProgressSink): Promise<CheckedSheet> {
  if (sheet.kind === 'households') {
    const { records, errors } = await validateHouseholdSheet(db, scope, sheet, progress);
    return { kind: 'households', records, errors: sortErrors('households', errors) };
  }
  const { records, errors } = await validateResidentSheet(db, cipher, scope, sheet, progress);
  return { kind: 'residents', records, errors: sortErrors('residents', errors) };
}

function streetOf(checked: CheckedSheet): number | null {
  const streets = new Set(
    checked.kind === 'households' ? checked.records.map((r) => r.building.streetId) : checked.records.map((r) => r.household.streetId),
  );
  return streets.size === 1 ? ([...streets][0] ?? null) : null;
}

/**
 * Validates a whole file and, only if no row has an error, writes every row in one transaction.
 * Inside the transaction the file is checked again against the archive as it is then, so a
 * change made meanwhile cannot slip past validation. The job row records the outcome.
 */
export async function applySheet(
  db: Kysely<DB>,
  cipher: PiiCipher,
  sheet: ImportSheet,
  options: Caller & { scope: Scope; jobId: number; fileName: string; progress: ProgressSink },
): Promise<{ errors: ImportRowError[] } | { summary: ImportSummary }> {
  return inTransaction(db, async (tx) => {
    await lockImports(tx);
    const checked = await checkSheet(tx, cipher, options.scope, sheet, NO_PROGRESS);
    if (checked.errors.length) return { errors: checked.errors };
    const summary =
      checked.kind === 'households'
        ? await upsertHouseholds(tx, checked.records, options)
        : await upsertResidents(tx, cipher, checked.records, options);
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'import.completed',
      targetType: 'import_job',
      targetId: options.jobId,
      summary: { kind: sheet.kind, fileName: options.fileName, rows: sheet.rows.length, ...summary },
      requestId: options.requestId,
      streetId: streetOf(checked),
    });
    await finishJob(tx, options.jobId, { status: 'done', processedRows: sheet.rows.length, summary: { ...summary } });
    return { summary };
  });
}

/** The background half of an import: validating → rejected, or importing → done; failed on any fault. */
export async function runImport(
  rt: ImportRuntime,
  job: { id: number; fileName: string },
  sheet: ImportSheet,
  options: Caller & { scope: Scope },
): Promise<void> {
  await runImportJob(rt, { id: job.id, totalRows: sheet.rows.length }, {
    check: async (progress) => (await checkSheet(rt.db, rt.cipher, options.scope, sheet, progress)).errors,
    apply: (progress) => applySheet(rt.db, rt.cipher, sheet, { ...options, jobId: job.id, fileName: job.fileName, progress }),
  });
}

/** The two phases of any import: check every row (nothing written), then write all in one transaction. */
export interface ImportPhases {
  check(progress: ProgressSink): Promise<ImportRowError[]>;
  /** Checks again inside its transaction and writes, recording the done job itself; or returns the errors. */
  apply(progress: ProgressSink): Promise<{ errors: ImportRowError[] } | { summary: unknown }>;
}

/** Runs the phases of a job with live progress: validating → rejected, or importing → done; failed on any fault. */
export async function runImportJob(rt: Pick<ImportRuntime, 'db' | 'dbKind' | 'log'>, job: { id: number; totalRows: number }, phases: ImportPhases): Promise<void> {
  const total = job.totalRows;
  const progress = new JobProgress(rt.db, { id: job.id, status: 'validating', processedRows: 0, totalRows: total }, rt.dbKind === 'postgres');
  try {
    const errors = await phases.check(progress);
    if (errors.length) {
      await finishJob(rt.db, job.id, { status: 'rejected', processedRows: total, errors });
      return;
    }
    await progress.phase('importing', true);
    const outcome = await phases.apply(progress);
    if ('errors' in outcome) await finishJob(rt.db, job.id, { status: 'rejected', processedRows: total, errors: outcome.errors });
  } catch (err) {
    rt.log.error({ err, importJobId: job.id }, 'import failed');
    await finishJob(rt.db, job.id, { status: 'failed', processedRows: 0 }).catch((e: unknown) =>
      rt.log.error({ err: e, importJobId: job.id }, 'could not record the failed import'),
    );
  } finally {
    progress.end();
  }
}
