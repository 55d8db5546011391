import { z } from 'zod';
import { localDay } from '../time-limits.js';

/**
 * Periods over case_rate_daily. Days are local (Asia/Shanghai) calendar days, as rates.ts writes
 * them; a month is the local days from its first to its last.
 */

function isCalendarDay(d: string): boolean {
  const at = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === d;
}

// Years 1900–2999: wide enough for any record, narrow enough that every day is a valid SQL date.
export const LocalDay = z.string().regex(/^(19|2\d)\d{2}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(isCalendarDay, 'not a calendar day');
export const LocalMonth = z.string().regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export type PeriodKind = 'day' | 'month';

export interface DayRange {
  /** First local day, inclusive. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
}

export function dayRange(day: string): DayRange {
  return { from: day, to: day };
}

export function monthRange(month: string): DayRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The range as the whole local months inside it (each as its first day) and the days left over at either end. */
export function splitByMonth(range: DayRange): { months: string[]; days: DayRange[] } {
  const months: string[] = [];
  const first = range.from.endsWith('-01') ? range.from.slice(0, 7) : nextMonth(range.from.slice(0, 7));
  for (let m = first; monthRange(m).to <= range.to; m = nextMonth(m)) months.push(m);
  if (months.length === 0) return { months, days: [range] };
  const covered = { from: `${months[0]}-01`, to: monthRange(months.at(-1)!).to };
  const days: DayRange[] = [];
  if (range.from < covered.from) days.push({ from: range.from, to: addDays(covered.from, -1) });
  if (range.to > covered.to) days.push({ from: addDays(covered.to, 1), to: range.to });
  return { months: months.map((m) => `${m}-01`), days };
}

/** The local day `n` days after `day` (before, for negative `n`); arithmetic on UTC midnights. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const at = new Date(Date.UTC(y, m - 2, 1));
  return at.toISOString().slice(0, 7);
}

export function periodRange(period: PeriodKind, date: string): DayRange {
  return period === 'day' ? dayRange(date) : monthRange(date);
}

/** The local month so far: its first day to today. */
export function currentMonthToDate(now = new Date()): DayRange {
  const today = localDay(now);
  return { from: `${today.slice(0, 7)}-01`, to: today };
}
