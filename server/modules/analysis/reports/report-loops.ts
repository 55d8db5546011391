import type { AppContext } from '../../../platform/context.js';
import { startLoop } from '../../../platform/notifications/background-loop.js';
import { closeSharedReportRenderer } from './report-renderer.js';
import { runReportWorkerOnce } from './run-report-worker.js';
import { scheduleReports } from './schedule-reports.js';

/** The report worker and the schedule in this process, as configured; returns their stop functions. */
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
  return stops;
}
