import os from 'node:os';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { AppContext } from '../../../platform/context.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { childKind } from '../access.js';
import { readMonthlyAnalysis } from '../read-monthly-analysis.js';
import { readWeeklyAnalysis } from '../read-weekly-analysis.js';
import { findAreaNode, type AreaNode } from '../repository.js';
import type { ReportData } from './report-tables.js';
import { claimReport, failReport, finishReport, setReportProgress, type ClaimedReport } from './repository.js';
import { writeReportPdf } from './write-pdf.js';
import { writeReportXlsx } from './write-xlsx.js';

export type ReportWorkerContext = Pick<AppContext, 'db' | 'log'>;

/** A claim whose worker stopped beating this long ago is taken over (the process died). */
export const REPORT_STALE_MS = 10 * 60_000;
/** A report claimed this many times without finishing is given up as failed. */
export const MAX_REPORT_ATTEMPTS = 3;

/**
 * A read-only reader whose scope is the report's unit. A kept report is the unit's, not its
 * requester's: whoever asked, its monthly ranking holds the units under it and nothing wider.
 */
function unitReader(unit: AreaNode): Actor {
  return { userId: 0, username: 'report', displayName: 'report', roles: [{ role: 'auditor', orgNodeId: unit.id, path: unit.path }], organisationId: null, residentId: null, sessionId: 0 };
}

/** The analysis a report lays out: the weekly or monthly view's own use case, for the report's unit. */
export async function readReportData(db: Executor, report: Pick<ClaimedReport, 'unit_id' | 'kind' | 'period'>): Promise<ReportData> {
  const unit = await findAreaNode(db, report.unit_id);
  const reader = unitReader(unit);
  const ref = { kind: unit.kind, id: unit.id };
  if (report.kind === 'weekly') return { kind: 'weekly', data: await readWeeklyAnalysis(db, reader, { week: report.period, unit: ref }) };
  // The units one level down, as the monthly view ranks them (a grid ranks among grids).
  return { kind: 'monthly', data: await readMonthlyAnalysis(db, reader, { month: report.period, unit: ref, unitKind: childKind(unit.kind) ?? 'grid' }) };
}

async function xlsxBytes(data: ReportData, lang: 'zh' | 'en'): Promise<Buffer> {
  const out = new PassThrough();
  const [bytes] = await Promise.all([buffer(out), writeReportXlsx(out, data, lang)]);
  return bytes;
}

class ClaimLost extends Error {}

/** Makes the files of a claimed report, saying how far it is as it goes; the row is done at the end. */
async function generateReport(db: Executor, claim: ClaimedReport, now: () => Date): Promise<void> {
  const step = async (progress: number) => {
    if (!(await setReportProgress(db, claim, progress, now()))) throw new ClaimLost();
  };
  await step(5);
  const data = await readReportData(db, claim);
  await step(40);
  const xlsx = claim.formats.includes('xlsx') ? await xlsxBytes(data, claim.lang) : null;
  await step(60);
  const pdf = claim.formats.includes('pdf') ? await writeReportPdf(data, claim.lang, now()) : null;
  await step(95);
  if (!(await finishReport(db, claim, { pdf, xlsx }, now()))) throw new ClaimLost();
}

/**
 * One round of the report worker: claims waiting reports one at a time (SKIP LOCKED, so any
 * number of processes share the queue and none makes a report twice) and makes each, up to
 * `limit`. The claim commits before the work, so nothing is locked while a file is written; a
 * worker that lost its claim (it stalled, another took over) writes nothing more. Returns how
 * many reports this round finished or failed.
 */
export async function runReportWorkerOnce(ctx: ReportWorkerContext, options: { now?: () => Date; workerId?: string; limit?: number } = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const worker = options.workerId ?? `${os.hostname()}:${process.pid}`;
  let handled = 0;
  while (handled < (options.limit ?? 1)) {
    const at = now();
    const claim = await ctx.db.transaction().execute((tx) => claimReport(tx, { now: at, staleBefore: new Date(at.getTime() - REPORT_STALE_MS), worker }));
    if (!claim) break;
    handled += 1;
    if (claim.attempts > MAX_REPORT_ATTEMPTS) {
      await failReport(ctx.db, claim, `gave up after ${MAX_REPORT_ATTEMPTS} attempts that did not finish`, now());
      continue;
    }
    const started = Date.now();
    try {
      await generateReport(ctx.db, claim, now);
      ctx.log.info({ reportId: claim.id, kind: claim.kind, period: claim.period, ms: Date.now() - started }, 'report generated');
    } catch (err) {
      if (err instanceof ClaimLost) {
        ctx.log.warn({ reportId: claim.id, worker }, 'report claim lost to another worker; stopped');
        continue;
      }
      ctx.log.error({ err, reportId: claim.id }, 'report generation failed');
      await failReport(ctx.db, claim, err instanceof Error ? err.message : String(err), now());
    }
  }
  return handled;
}
