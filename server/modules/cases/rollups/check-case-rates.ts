import type { Executor } from '../../../platform/db/transaction.js';
import { ROLLUP_TABLES, diffRates, type RateDifference } from './repository.js';

export type { RateDifference, RollupTable } from './repository.js';

/**
 * Compares the stored counters of both roll-ups (case_rate_daily, then case_rollup_daily) with a
 * fresh recomputation from the cases and their timeline and returns every (table, day, unit,
 * category, channel, counter) where they differ, ordered by table, day and unit; an empty list
 * means the roll-ups agree with the cases. `limit` caps the rows returned.
 */
export async function checkCaseRates(db: Executor, options: { streetId?: number | null; limit?: number | null } = {}): Promise<RateDifference[]> {
  const limit = options.limit ?? null;
  const found: RateDifference[] = [];
  for (const table of ROLLUP_TABLES) {
    if (limit !== null && found.length >= limit) break;
    found.push(...(await diffRates(db, table, options.streetId ?? null, limit === null ? null : limit - found.length)));
  }
  return found;
}
