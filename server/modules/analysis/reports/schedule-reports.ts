import type { ReportKind } from '../../../platform/db/schema-analysis.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { endedPeriods, reportPeriodRange } from './report-periods.js';
import { insertScheduledReports, listScheduledReports, listStreetsWithFirstDay } from './repository.js';

/** How many ended periods of each kind the schedule looks back over (the last ended is 1). */
export interface ReportLookBack {
  weeks: number;
  months: number;
}

/** REPORT_BACKFILL_WEEKS and REPORT_BACKFILL_MONTHS by default. */
export const DEFAULT_LOOK_BACK: ReportLookBack = { weeks: 8, months: 3 };

/**
 * Queues, for every street, the 周报 of each week and the 月报 of each month ended within the
 * look-back that has no scheduled report yet, so the periods a stopped platform missed are made
 * when it runs again. The week and month last ended are always queued, as a report that nothing
 * happened is one too; an earlier period only if it ended on or after the street's first day of
 * data (its first roll-up row), so a new street, or a new deployment, is not handed a stack of
 * empty reports. Each period is queued once per street (a unique index on the schedule's rows):
 * rounds may repeat and processes run side by side. The newest periods are queued first, so the
 * worker, which takes the oldest row first, makes them first. Returns how many it queued.
 */
export async function scheduleReports(db: Executor, options: { now: Date; lookBack?: ReportLookBack }): Promise<number> {
  const lookBack = options.lookBack ?? DEFAULT_LOOK_BACK;
  const due = (['weekly', 'monthly'] as const).flatMap((kind) =>
    endedPeriods(kind, options.now, kind === 'weekly' ? lookBack.weeks : lookBack.months).map((period, age) => ({ kind, period, age, to: reportPeriodRange(kind, period).to })),
  );
  return inTransaction(db, async (tx) => {
    const streets = await listStreetsWithFirstDay(tx);
    const kept = new Set((await listScheduledReports(tx, { unitIds: streets.map((s) => s.id), periods: due.map((d) => d.period) })).map((r) => `${r.unit_id} ${r.kind} ${r.period}`));
    const wanted: { street: (typeof streets)[number]; kind: ReportKind; period: string }[] = [];
    // One order for every process (newest period, then kind, then street), so two schedules inserting together never wait on each other in a cycle.
    for (const d of [...due].sort((a, b) => b.to.localeCompare(a.to) || a.kind.localeCompare(b.kind))) {
      for (const street of streets) {
        const hasData = street.firstDay !== null && d.to >= street.firstDay;
        if ((d.age === 0 || hasData) && !kept.has(`${street.id} ${d.kind} ${d.period}`)) wanted.push({ street, kind: d.kind, period: d.period });
      }
    }
    return insertScheduledReports(tx, { reports: wanted, now: options.now });
  });
}
