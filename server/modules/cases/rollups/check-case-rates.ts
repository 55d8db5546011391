import type { Executor } from '../../../platform/db/transaction.js';
import { diffRates, type RateDifference } from './repository.js';

export type { RateDifference } from './repository.js';

/**
 * Compares the stored counters with a fresh recomputation from the cases and their timeline and
 * returns every (day, unit, counter) where they differ, ordered by day and unit; an empty list
 * means the roll-ups agree with the cases. `limit` caps the rows returned.
 */
export async function checkCaseRates(db: Executor, options: { streetId?: number | null; limit?: number | null } = {}): Promise<RateDifference[]> {
  return diffRates(db, options.streetId ?? null, options.limit ?? null);
}
