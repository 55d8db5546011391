import { z } from 'zod';

/** Ids as the database holds them (bigint, read back as JS numbers). */
export const Id = z.number().int().positive().max(2 ** 53 - 1);
export const IdQuery = z.coerce.number().int().positive().max(2 ** 53 - 1);

/** Free text: trimmed, bounded, and without NUL, which PostgreSQL text cannot hold. */
export const Text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

const inRange = (year: number) => year >= 1900 && year <= 2200;

/** A calendar date (YYYY-MM-DD) in a sensible range. */
export const DateOnly = z.iso.date().refine((s) => inRange(Number(s.slice(0, 4))), 'must be between 1900 and 2200');

/** An instant with its offset, in a sensible range. */
export const Instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => inRange(d.getUTCFullYear()), 'must be between 1900 and 2200');
