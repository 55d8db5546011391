import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { countExpectedRates, countStoredRates, lockRates, replaceRates, type RollupTable } from './repository.js';

export interface RowCounts {
  /** Stored rows of the scope that were (or, in a dry run, would be) removed. */
  deleted: number;
  /** Recomputed rows that were (or would be) written in their place. */
  inserted: number;
}

/**
 * The counts of case_rate_daily, of the monthly rates (case_rate_monthly) under `monthly`, and of
 * the analysis roll-up (case_rollup_daily) under `rollup`.
 */
export interface RebuildResult extends RowCounts {
  monthly: RowCounts;
  rollup: RowCounts;
  dryRun: boolean;
}

/**
 * Recomputes case_rollup_daily from the cases and their timeline (see repository.ts for what
 * counts where), and case_rate_daily and case_rate_monthly from it, for one street or for all, in
 * one transaction: the tables are locked against counter writes, the scope's rows are deleted and
 * the recomputed rows inserted. A dry run only counts. Joins the caller's transaction when given
 * one (the demo history seeder does). A city rebuilds street by street (bench/city-scale.ts):
 * each street is a short transaction, and counter writes of the other streets wait only for it.
 */
export async function rebuildCaseRates(db: Executor, options: { streetId?: number | null; dryRun?: boolean } = {}): Promise<RebuildResult> {
  const streetId = options.streetId ?? null;
  if (options.dryRun) {
    const counts = async (table: RollupTable) => ({
      deleted: await countStoredRates(db, table, streetId),
      inserted: await countExpectedRates(db, table, streetId),
    });
    return { ...(await counts('case_rate_daily')), monthly: await counts('case_rate_monthly'), rollup: await counts('case_rollup_daily'), dryRun: true };
  }
  return inTransaction(db, async (tx) => {
    await lockRates(tx);
    const replaced = await replaceRates(tx, streetId);
    return { ...replaced.case_rate_daily, monthly: replaced.case_rate_monthly, rollup: replaced.case_rollup_daily, dryRun: false };
  });
}
