import type { AppContext } from '../../../platform/context.js';
import { startLoop } from '../../../platform/notifications/background-loop.js';
import { pruneReports } from './prune-reports.js';
import { closeSharedReportRenderer } from './report-renderer.js';
import { runReportWorkerOnce } from './run-report-worker.js';
import { scheduleReports } from './schedule-reports.js';

/** The report worker, the schedule and the retention in this process, as configured; returns their stop functions. */
export function startReportLoops(ctx: Pick<AppContext, 'db' | 'config' | 'log'>): (() => Promise<void>)[] {
  const stops: (() => Promise<void>)[] = [];
  if (ctx.config.REPORTS_INTERVAL_MS > 0) {
    const stopWorker = startLoop({ name: 'reports', intervalMs: ctx.config.REPORTS_INTERVAL_MS, log: ctx.log, tick: async () => (await runReportWorkerOnce(ctx)) > 0 });
    // The round in flight finishes first; then the render thread goes.
    stops.push(async () => {
      await stopWorker();
      await closeSharedReportRenderer();
    });
  }
  if (ctx.config.REPORT_SCHEDULE_INTERVAL_MS > 0) {
    const lookBack = { weeks: ctx.config.REPORT_BACKFILL_WEEKS, months: ctx.config.REPORT_BACKFILL_MONTHS };
    stops.push(startLoop({ name: 'report-schedule', intervalMs: ctx.config.REPORT_SCHEDULE_INTERVAL_MS, log: ctx.log, tick: async () => (await scheduleReports(ctx.db, { now: new Date(), lookBack }), false) }));
  }
  if (ctx.config.REPORT_RETENTION_DAYS > 0) {
    const retentionDays = ctx.config.REPORT_RETENTION_DAYS;
    stops.push(startLoop({ name: 'report-retention', intervalMs: RETENTION_INTERVAL_MS, log: ctx.log, tick: async () => (await pruneReports(ctx.db, { now: new Date(), retentionDays }), false) }));
  }
  return stops;
}

/** How often reports past REPORT_RETENTION_DAYS are looked for (and at start-up). */
export const RETENTION_INTERVAL_MS = 3_600_000;
