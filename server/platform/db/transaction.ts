import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** What a use case runs its queries on: the database, or a transaction already open. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Runs `work` in a transaction on either engine. When `executor` is already a transaction
 * the work joins it, so use cases compose without nesting transactions.
 */
export async function inTransaction<T>(executor: Executor, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<DB>);
  return executor.transaction().execute(work);
}
