import type { Kysely } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import type { DB, ImportRowError } from '../../../platform/db/schema.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import { NO_PROGRESS, type ProgressSink } from '../../org/exchange/progress.js';
import { isBlank } from '../../org/exchange/read-sheet.js';
import { finishJob, lockImports } from '../../org/exchange/repository.js';
import { runImportJob, type ImportRuntime } from '../../org/exchange/run-import.js';
import { getSuggester } from '../categories/suggester.js';
import { submitCases } from '../submit-case.js';
import { HOTLINE_COLUMNS } from './columns.js';
import { checkWorkOrders, type SuggestCategory, type WorkOrder } from './check-work-orders.js';
import type { HotlineSheet } from './read-file.js';

export interface HotlineImportSummary {
  created: number;
  alreadyImported: number;
  suggestedCategory: number;
}

/** Work orders taken in per submitCases call, and the step of the progress bar. */
const CHUNK = 200;
const LON_HEADER = HOTLINE_COLUMNS.find((c) => c.key === 'lon')!.header;

/** A case placed by submitCase in another grid than the checks found: undone with the whole import. */
class PlacedElsewhere extends Error {
  constructor(readonly rowError: ImportRowError) {
    super(rowError.reason);
  }
}

function streetOf(records: readonly WorkOrder[]): number | null {
  const streets = new Set(records.map((r) => r.streetId));
  return streets.size === 1 ? ([...streets][0] ?? null) : null;
}

/**
 * Takes in every new work order through submitCases, in one transaction with the import's own
 * audit row and the finished job, so each case gets its timeline, audit row, rate counters and
 * deadline jobs as any other intake. The file is checked again inside the transaction, against
 * the database as it is then; a work-order number already taken in is skipped and counted.
 */
export async function importWorkOrders(
  db: Kysely<DB>,
  cipher: PiiCipher,
  sheet: HotlineSheet,
  options: Caller & { scope: Scope; jobId: number; fileName: string; suggest: SuggestCategory; progress: ProgressSink },
): Promise<{ errors: ImportRowError[] } | { summary: HotlineImportSummary }> {
  const caller: Caller = { actor: options.actor, requestId: options.requestId };
  try {
    return await inTransaction(db, async (tx) => {
      await lockImports(tx);
      const checked = await checkWorkOrders(tx, { scope: options.scope, sheet, suggest: options.suggest, progress: NO_PROGRESS });
      if (checked.errors.length) return { errors: checked.errors };
      const fresh = checked.records.filter((w) => !w.alreadyImported);
      await options.progress.advance(checked.records.length - fresh.length);
      // A chunk of work orders at a time through submitCases: one statement per step for all of them.
      for (let start = 0; start < fresh.length; start += CHUNK) {
        const chunk = fresh.slice(start, start + CHUNK);
        const { outcomes } = await submitCases(
          tx,
          cipher,
          chunk.map((w) => ({
            ...caller,
            channel: 'hotline' as const,
            externalRef: w.externalRef,
            receivedAt: w.receivedAt,
            reporter: w.reporterName !== null || w.reporterPhone !== null ? { name: w.reporterName, phone: w.reporterPhone } : null,
            reporterHidden: w.reporterHidden,
            description: w.description,
            categoryId: w.categoryId,
            priority: w.priority ?? null,
            buildingId: w.buildingId,
            lat: w.lat,
            lon: w.lon,
            address: w.address,
          })),
        );
        for (const [k, outcome] of outcomes.entries()) {
          // The checks passed a moment ago in this transaction, so a refusal here is a fault: undo the import.
          if (outcome instanceof AppError) throw outcome;
          const w = chunk[k]!;
          if (w.gridId !== null && outcome.grid_id !== w.gridId) {
            throw new PlacedElsewhere({ row: w.row, column: LON_HEADER, reason: '该经纬度同时落在其他街道的网格内，请改填楼栋编码' });
          }
        }
        await options.progress.advance(chunk.length);
      }
      const summary: HotlineImportSummary = {
        created: fresh.length,
        alreadyImported: checked.records.length - fresh.length,
        suggestedCategory: fresh.filter((w) => w.suggested).length,
      };
      await appendAudit(tx, {
        actor: auditActor(caller),
        action: 'import.completed',
        targetType: 'import_job',
        targetId: options.jobId,
        summary: { kind: 'hotline_cases', fileName: options.fileName, rows: sheet.rows.length, ...summary },
        requestId: options.requestId,
        streetId: streetOf(checked.records),
      });
      await finishJob(tx, options.jobId, { status: 'done', processedRows: sheet.rows.length, summary: { ...summary } });
      return { summary };
    });
  } catch (err) {
    if (err instanceof PlacedElsewhere) return { errors: [err.rowError] };
    throw err;
  }
}

/**
 * The suggester's top choice per text, remembered so the check inside the transaction agrees
 * with the first one. The suggester is loaded only when some row leaves its category blank.
 */
async function suggestionsFor(db: Kysely<DB>, sheet: HotlineSheet): Promise<SuggestCategory> {
  const suggester = sheet.rows.some((r) => isBlank(r.cells.category)) ? await getSuggester(db) : undefined;
  const memo = new Map<string, string | undefined>();
  return (text) => {
    if (!memo.has(text)) memo.set(text, suggester?.suggest(text, 1)[0]?.code);
    return memo.get(text);
  };
}

/** The background half of a hotline import: validating → rejected, or importing → done; failed on any fault. */
export async function runHotlineImport(
  rt: ImportRuntime,
  job: { id: number; fileName: string },
  sheet: HotlineSheet,
  options: Caller & { scope: Scope },
): Promise<void> {
  let suggest: SuggestCategory | undefined;
  await runImportJob(rt, { id: job.id, totalRows: sheet.rows.length }, {
    check: async (progress) => {
      suggest = await suggestionsFor(rt.db, sheet);
      return (await checkWorkOrders(rt.db, { scope: options.scope, sheet, suggest, progress })).errors;
    },
    apply: (progress) => importWorkOrders(rt.db, rt.cipher, sheet, { ...options, jobId: job.id, fileName: job.fileName, suggest: suggest!, progress }),
  });
}
