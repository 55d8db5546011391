import type { AppContext } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { startLoop } from '../../../platform/notifications/background-loop.js';
import { previousMonth } from '../../cases/rates/period.js';
import { localDay } from '../../cases/time-limits.js';
import { addDays, isoWeekOf } from '../periods.js';
import { listStreets } from '../repository.js';
import { runReportWorkerOnce } from './generate-report.js';
import { insertScheduledReports } from './repository.js';

/** The periods last ended at `now` (local time): last ISO week from Monday on, last month from the 1st on. */
export function lastEndedPeriods(now: Date): { weekly: string; monthly: string } {
  const today = localDay(now);
  return { weekly: isoWeekOf(addDays(today, -7)), monthly: previousMonth(today.slice(0, 7)) };
}

/**
 * Queues, for every street, the 周报 of the week and the 月报 of the month last ended, each once
 * (a unique index per street, kind and period for the schedule's rows), so rounds may repeat
 * and processes may run side by side. Returns how many reports it queued.
 */
export async function scheduleReports(db: Executor, now: Date): Promise<number> {
  const due = lastEndedPeriods(now);
  const streets = await listStreets(db);
  return inTransaction(db, async (tx) => {
    const weekly = await insertScheduledReports(tx, { streets, kind: 'weekly', period: due.weekly, now });
    const monthly = await insertScheduledReports(tx, { streets, kind: 'monthly', period: due.monthly, now });
    return weekly + monthly;
  });
}

/** The report worker and the schedule in this process, as configured; returns their stop functions. */
export function startReportLoops(ctx: Pick<AppContext, 'db' | 'config' | 'log'>): (() => Promise<void>)[] {
  const stops: (() => Promise<void>)[] = [];
  if (ctx.config.REPORTS_INTERVAL_MS > 0) {
    stops.push(startLoop({ name: 'reports', intervalMs: ctx.config.REPORTS_INTERVAL_MS, log: ctx.log, tick: async () => (await runReportWorkerOnce(ctx)) > 0 }));
  }
  if (ctx.config.REPORT_SCHEDULE_INTERVAL_MS > 0) {
    stops.push(startLoop({ name: 'report-schedule', intervalMs: ctx.config.REPORT_SCHEDULE_INTERVAL_MS, log: ctx.log, tick: async () => (await scheduleReports(ctx.db, new Date()), false) }));
  }
  return stops;
}
