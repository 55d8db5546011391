import { z } from 'zod';

export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A row id in a path: plain decimal digits only (no `0x1f`, `1e3` or spaces), within the safe integers. */
export const PathId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'an id is a positive whole number')
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), 'the id is too large');
export const IdParams = z.strictObject({ id: PathId });

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

const yearInRange = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 2999;
};

/** A calendar date (YYYY-MM-DD) in the years 1900–2999: real dates, and ones PostgreSQL stores as given. */
export const CalendarDate = z.iso.date().refine(yearInRange, 'the year must be between 1900 and 2999');

/** An instant with an offset (ISO 8601), in the years 1900–2999, as a Date. */
export const Instant = z.iso
  .datetime({ offset: true })
  .refine(yearInRange, 'the year must be between 1900 and 2999')
  .transform((s) => new Date(s));
