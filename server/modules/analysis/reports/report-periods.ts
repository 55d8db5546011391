import type { ReportKind } from '../../../platform/db/schema-analysis.js';
import { monthRange, previousMonth } from '../../cases/rates/period.js';
import { localDay } from '../../cases/time-limits.js';
import { addDays, isoWeekOf, isoWeekRange } from '../periods.js';

/** The days a report's period covers: an ISO week or a month. */
export const reportPeriodRange = (kind: ReportKind, period: string) => (kind === 'weekly' ? isoWeekRange(period) : monthRange(period));

/** The `count` periods of a kind ended by `now` (local time), the last ended first: weeks from Monday on, months from the 1st on. */
export function endedPeriods(kind: ReportKind, now: Date, count: number): string[] {
  const today = localDay(now);
  const periods: string[] = [];
  let month = today.slice(0, 7);
  for (let k = 1; k <= count; k++) {
    if (kind === 'weekly') periods.push(isoWeekOf(addDays(today, -7 * k)));
    else periods.push((month = previousMonth(month)));
  }
  return periods;
}

/** The periods last ended at `now` (local time): last ISO week from Monday on, last month from the 1st on. */
export function lastEndedPeriods(now: Date): { weekly: string; monthly: string } {
  return { weekly: endedPeriods('weekly', now, 1)[0]!, monthly: endedPeriods('monthly', now, 1)[0]! };
}
