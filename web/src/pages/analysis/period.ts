// Periods of the analysis views: local days (Asia/Shanghai, see rates/period.ts) and ISO weeks.

const DAY_MS = 86_400_000;

const parseDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The day `n` days after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return formatDay(parseDay(day) + n * DAY_MS);
}

/** Days from..to counted inclusively. */
export function daysInRange(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS) + 1;
}

/** The ISO week (YYYY-Www) a day falls in. */
export function isoWeekOf(day: string): string {
  const ms = parseDay(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const ordinal = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  return `${year}-W${String(Math.floor((ordinal - 1) / 7) + 1).padStart(2, '0')}`;
}

/** The category's name in the UI language. */
export function categoryName(category: { nameZh: string; nameEn: string }, language: string): string {
  return language === 'en' ? category.nameEn : category.nameZh;
}
