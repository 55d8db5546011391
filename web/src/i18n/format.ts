import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates and numbers in the UI language, through Intl. */
export interface Formatters {
  /** A calendar date; 'YYYY-MM-DD' strings are taken as dates, never shifted by time zone. */
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  percent(ratio: number): string;
  number(value: number | string | null | undefined): string;
}

export function makeFormatters(language: string, empty = '—'): Formatters {
  const dateFormat = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const utcDateFormat = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const percentFormat = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const numberFormat = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });

  const parse = (value: string) => {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  };

  return {
    date(value) {
      if (!value) return empty;
      const date = parse(value);
      if (!date) return value;
      return (DATE_ONLY.test(value) ? utcDateFormat : dateFormat).format(date);
    },
    dateTime(value) {
      if (!value) return empty;
      const date = parse(value);
      return date ? dateTimeFormat.format(date) : value;
    },
    percent: (ratio) => percentFormat.format(ratio),
    number(value) {
      if (value === null || value === undefined || value === '') return empty;
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? numberFormat.format(n) : String(value);
    },
  };
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}
