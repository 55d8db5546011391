import os from 'node:os';
import type { AppContext } from '../../../platform/context.js';
import { ClaimLost, generateReport } from './generate-report.js';
import { sharedReportRenderer, type ReportRenderer } from './report-renderer.js';
import { claimReport, failReport } from './repository.js';

export type ReportWorkerContext = Pick<AppContext, 'db' | 'log'>;

/** A claim whose worker stopped beating this long ago is taken over (the process died). */
export const REPORT_STALE_MS = 10 * 60_000;
/** A report claimed this many times without finishing is given up as failed. */
export const MAX_REPORT_ATTEMPTS = 3;

/**
 * One round of the report worker: claims waiting reports one at a time (SKIP LOCKED, so any
 * number of processes share the queue and none makes a report twice) and makes each, up to
 * `limit`. The claim commits before the work, so nothing is locked while a file is written; a
 * worker that lost its claim (it stalled, another took over) writes nothing more. Returns how
 * many reports this round finished or failed. Files are rendered in a worker thread (the
 * process's shared one unless `renderer` is given).
 */
export async function runReportWorkerOnce(ctx: ReportWorkerContext, options: { now?: () => Date; workerId?: string; limit?: number; renderer?: ReportRenderer } = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const worker = options.workerId ?? `${os.hostname()}:${process.pid}`;
  const renderer = options.renderer ?? sharedReportRenderer();
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
      await generateReport(ctx.db, claim, { now, renderer });
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
