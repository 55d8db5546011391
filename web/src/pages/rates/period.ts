// Rates count by the local calendar of the deployment (Asia/Shanghai), whatever the browser's zone.
const ZONE = 'Asia/Shanghai';

/** Today as YYYY-MM-DD in Asia/Shanghai. */
export function localToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The last `count` months, newest first, as YYYY-MM. */
export function recentMonths(count: number, today = localToday()): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** The days of a month up to today, as YYYY-MM-DD. */
export function daysOfMonth(month: string, today = localToday()): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((day) => day <= today);
}

/** A month named in the UI language, e.g. 2026年11月 / November 2026. */
export function monthLabel(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** The server's bilingual sentence (a rule, a formula) in the UI language. */
export function inLanguage(text: { zh: string; en: string }, language: string): string {
  return language === 'en' ? text.en : text.zh;
}
