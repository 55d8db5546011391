import type { CaseChannel } from '../../../platform/db/schema-cases.js';
import type { Random } from '../random.js';

/**
 * The rhythm of demand on a street in Beijing local time (UTC+8 all year): fewer cases at
 * weekends and on public holidays, more in the summer rains and the heating season, a working-day
 * profile through the hours, and staff who act in office hours unless a case is urgent.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** The local calendar day of an instant, YYYY-MM-DD. */
export const localDayOf = (at: number) => new Date(at + OFFSET).toISOString().slice(0, 10);
/** Local hour (0–23), weekday (0 = Sunday) and month (1–12) of an instant. */
export const localHour = (at: number) => new Date(at + OFFSET).getUTCHours();
export const localWeekday = (at: number) => new Date(at + OFFSET).getUTCDay();
export const localMonth = (at: number) => new Date(at + OFFSET).getUTCMonth() + 1;
/** The instant a local day begins. */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - OFFSET;

/** Statutory public holidays (days off), as published for each year; other years get the fixed ones. */
const HOLIDAYS: Record<number, readonly [string, number][]> = {
  2024: [['01-01', 1], ['02-10', 8], ['04-04', 3], ['05-01', 5], ['06-10', 1], ['09-15', 3], ['10-01', 7]],
  2025: [['01-01', 1], ['01-28', 8], ['04-04', 3], ['05-01', 5], ['05-31', 3], ['10-01', 8]],
  2026: [['01-01', 3], ['02-15', 9], ['04-04', 3], ['05-01', 5], ['06-19', 3], ['09-25', 3], ['10-01', 7]],
  2027: [['01-01', 3], ['02-05', 7], ['04-03', 3], ['05-01', 5], ['06-09', 1], ['09-15', 1], ['10-01', 7]],
};
const FIXED: readonly [string, number][] = [['01-01', 1], ['05-01', 5], ['10-01', 7]];

function holidaySet(year: number): Set<string> {
  const out = new Set<string>();
  for (const [start, days] of HOLIDAYS[year] ?? FIXED) {
    const t = Date.parse(`${year}-${start}T00:00:00Z`);
    for (let i = 0; i < days; i++) out.add(new Date(t + i * DAY).toISOString().slice(0, 10));
  }
  return out;
}

const WEEKDAY = [0.62, 1.12, 1.06, 1.03, 1.02, 0.98, 0.68];
const MONTH = [1.05, 0.9, 0.95, 0.95, 1.0, 1.05, 1.15, 1.12, 1.0, 0.92, 1.05, 1.08];

export interface Day {
  day: string;
  start: number;
  /** Share of the day that lies in the window (the first and the last day are partial). */
  open: number;
  weight: number;
  holiday: boolean;
}

/** Every local day from `from` to `to`, weighted by weekday, holiday, month and a little noise. */
export function daysBetween(rng: Random, from: number, to: number): Day[] {
  const holidays = new Map<number, Set<string>>();
  const days: Day[] = [];
  for (let start = dayStart(localDayOf(from)); start < to; start += DAY) {
    const day = localDayOf(start);
    const year = Number(day.slice(0, 4));
    if (!holidays.has(year)) holidays.set(year, holidaySet(year));
    const holiday = holidays.get(year)!.has(day);
    const open = (Math.min(to, start + DAY) - Math.max(from, start)) / DAY;
    const weight = open * (holiday ? 0.5 : WEEKDAY[localWeekday(start)]!) * MONTH[localMonth(start) - 1]! * rng.between(0.85, 1.15);
    days.push({ day, start, open, weight, holiday });
  }
  return days;
}

/** Splits `total` over the days in proportion to their weights (largest remainders), so the sum is exact. */
export function allocate(days: readonly { weight: number }[], total: number): number[] {
  const sum = days.reduce((n, d) => n + d.weight, 0) || 1;
  const exact = days.map((d) => (d.weight / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]! += 1;
  return out;
}

/** Relative demand per local hour, by channel: the hotline answers round the clock, patrols walk by day. */
const HOURS: Record<'hotline' | 'app' | 'office' | 'patrol', readonly number[]> = {
  hotline: [0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 5, 5.5, 4.5, 3, 3.5, 4.5, 4.5, 4.2, 3.5, 2.8, 3, 2.8, 2.2, 1.3, 0.7],
  app: [0.5, 0.3, 0.2, 0.1, 0.1, 0.2, 0.8, 2, 3, 3.5, 3.5, 3, 3, 2.8, 3, 3, 3, 3, 3.2, 3.8, 4, 3.5, 2.2, 1],
  office: [0, 0, 0, 0, 0, 0, 0, 0.3, 3, 5, 5, 4, 1.5, 2, 4.5, 4.5, 4, 2, 0.5, 0, 0, 0, 0, 0],
  patrol: [0, 0, 0, 0, 0, 0, 0, 0.5, 3, 5, 5, 4, 1, 2, 4.5, 5, 4.5, 2, 0.3, 0, 0, 0, 0, 0],
};
const PROFILE: Record<CaseChannel, keyof typeof HOURS> = {
  hotline: 'hotline',
  phone: 'office',
  visit: 'office',
  patrol: 'patrol',
  resident_app: 'app',
  open311: 'app',
  owners_committee: 'app',
};
const HOUR_CHOICES = Object.fromEntries(
  Object.entries(HOURS).map(([k, weights]) => [k, weights.map((w, h) => [h, w] as const).filter(([, w]) => w > 0)]),
) as Record<keyof typeof HOURS, (readonly [number, number])[]>;

/** An instant on `day` at an hour typical of the channel, inside [from, to). */
export function timeOnDay(rng: Random, day: Day, channel: CaseChannel, from: number, to: number): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = day.start + rng.weighted(HOUR_CHOICES[PROFILE[channel]]) * HOUR + rng.int(0, 3_599_999);
    if (at >= from && at < to) return at;
  }
  return Math.min(to - 1, Math.max(from, day.start + rng.int(0, DAY - 1)));
}

/** Staff act between 08:00 and 18:00; work arriving later waits for the next morning. */
export function officeHours(rng: Random, at: number): number {
  const hour = localHour(at);
  if (hour >= 8 && hour < 18) return at;
  const nextMorning = dayStart(localDayOf(hour >= 18 ? at + DAY : at)) + 8 * HOUR;
  return nextMorning + rng.int(5, 90) * 60_000;
}

/** Residents are called back for a rating between 09:00 and 20:00. */
export function callingHours(rng: Random, at: number): number {
  const hour = localHour(at);
  if (hour >= 9 && hour < 20) return at;
  return dayStart(localDayOf(hour >= 20 ? at + DAY : at)) + 9 * HOUR + rng.int(5, 120) * 60_000;
}

export const MINUTE = 60_000;
export { DAY, HOUR };
