import { z } from 'zod';
import { LocalDay, LocalMonth, addDays, dayRange, monthRange, type DayRange } from '../cases/rates/period.js';

export { addDays };

/**
 * Local (Asia/Shanghai) calendar days and ISO weeks for the analysis views. Days are the strings
 * case_rollup_daily keys on; arithmetic runs on UTC midnights so no clock offset creeps in.
 */

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instant a local day starts (UTC+8 all year). */
export function localDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(jan4.toISOString().slice(0, 10), -weekday);
}

/** ISO weeks in a year: 53 when 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksIn(year: number): number {
  return daysBetween(isoWeekOneMonday(year), isoWeekOneMonday(year + 1)) / 7;
}

/** Monday to Sunday of an ISO week `YYYY-Www`. */
export function isoWeekRange(week: string): DayRange {
  const [year, w] = week.split('-W').map(Number) as [number, number];
  const from = addDays(isoWeekOneMonday(year), (w - 1) * 7);
  return { from, to: addDays(from, 6) };
}

export const IsoWeek = z
  .string()
  .regex(/^(19|2\d)\d{2}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected an ISO week YYYY-Www')
  .refine((week) => Number(week.slice(6)) <= isoWeeksIn(Number(week.slice(0, 4))), 'that year has no such ISO week');

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period extends DayRange {
  kind: PeriodKind;
  /** As asked: YYYY-MM-DD, YYYY-Www or YYYY-MM. */
  spec: string;
}

/** The local days of a day, ISO week or month, each written as the other analysis views take it. */
export function periodOf(spec: string): Period | null {
  if (LocalDay.safeParse(spec).success) return { kind: 'day', spec, ...dayRange(spec) };
  if (IsoWeek.safeParse(spec).success) return { kind: 'week', spec, ...isoWeekRange(spec) };
  if (LocalMonth.safeParse(spec).success) return { kind: 'month', spec, ...monthRange(spec) };
  return null;
}

/** A period as one query value: a local day YYYY-MM-DD, an ISO week YYYY-Www or a month YYYY-MM. */
export const PeriodParam = z
  .string()
  .max(10)
  .transform((spec, ctx) => {
    const period = periodOf(spec);
    if (period) return period;
    ctx.addIssue({ code: 'custom', message: 'expected a day YYYY-MM-DD, an ISO week YYYY-Www or a month YYYY-MM' });
    return z.NEVER;
  });

/** The ISO week `YYYY-Www` a local day falls in: the week of its Thursday. */
export function isoWeekOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const thursday = addDays(day, 3 - weekday);
  const year = Number(thursday.slice(0, 4));
  return `${year}-W${String(Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1).padStart(2, '0')}`;
}
