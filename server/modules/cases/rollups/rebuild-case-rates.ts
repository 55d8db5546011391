import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { countExpectedRates, countStoredRates, lockRates, replaceRates } from './repository.js';

export interface RebuildResult {
  /** Stored rows of the scope that were (or, in a dry run, would be) removed. */
  deleted: number;
  /** Recomputed rows that were (or would be) written in their place. */
  inserted: number;
  dryRun: boolean;
}

/**
 * Recomputes case_rate_daily from the cases and their timeline (see repository.ts for what counts
 * where), for one street or for all, in one transaction: the table is locked against counter
 * writes, the scope's rows are deleted and the recomputed rows inserted. A dry run only counts.
 * Joins the caller's transaction when given one (the demo history seeder does).
 */
export async function rebuildCaseRates(db: Executor, options: { streetId?: number | null; dryRun?: boolean } = {}): Promise<RebuildResult> {
  const streetId = options.streetId ?? null;
  if (options.dryRun) {
    return { deleted: await countStoredRates(db, streetId), inserted: await countExpectedRates(db, streetId), dryRun: true };
  }
  return inTransaction(db, async (tx) => {
    await lockRates(tx);
    return { ...(await replaceRates(tx, streetId)), dryRun: false };
  });
}
