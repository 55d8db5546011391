import type { ReportKind } from '../../../platform/db/schema-analysis.js';
import { monthRange, previousMonth } from '../../cases/rates/period.js';
import { localDay } from '../../cases/time-limits.js';
import { addDays, isoWeekOf, isoWeekRange } from '../periods.js';

/** The days a report's period covers: an ISO week or a month. */
export const reportPeriodRange = (kind: ReportKind, period: string) => (kind === 'weekly' ? isoWeekRange(period) : monthRange(period));

/** The periods last ended at `now` (local time): last ISO week from Monday on, last month from the 1st on. */
export function lastEndedPeriods(now: Date): { weekly: string; monthly: string } {
  const today = localDay(now);
  return { weekly: isoWeekOf(addDays(today, -7)), monthly: previousMonth(today.slice(0, 7)) };
}
