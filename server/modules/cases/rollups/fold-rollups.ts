import { sql } from 'kysely';
import type { Logger } from 'pino';
import { startLoop } from '../../../platform/notifications/background-loop.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { foldDeltas } from './repository.js';

/** Rows of case_rollup_delta moved a round; a fuller backlog takes more rounds, at once. */
export const FOLD_BATCH = 20_000;

/**
 * Folds the roll-up changes the transitions appended (case_rollup_delta, migration 015) into
 * case_rollup_daily, case_rate_daily and case_rate_monthly: one short transaction a batch, until
 * the delta is empty or another process is folding. Readers see the same sums before and after
 * (the *_live views); the fold only keeps the delta small, so they read few rows besides the
 * folded ones. Returns the rows moved.
 */
export async function foldRollups(db: Executor, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? FOLD_BATCH;
  let moved = 0;
  for (;;) {
    const n = await inTransaction(db, (tx) => foldDeltas(tx, batch));
    if (n === null) return moved;
    moved += n;
    if (n < batch) return moved;
  }
}

/**
 * Roll-up changes not yet folded, counted up to `upTo` (a backlog has no bound when no process
 * folds: counting all of it is not what a health check should do).
 */
export async function rollupBacklog(db: Executor, upTo: number): Promise<{ pending: number; atLeast: boolean }> {
  const { n } = await db
    .selectFrom((eb) => eb.selectFrom('case_rollup_delta').select(sql.lit(1).as('one')).limit(upTo).as('d'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const pending = Number(n);
  return { pending, atLeast: pending >= upTo };
}

/** Folds every `intervalMs` in this process; returns a stop function. */
export function startRollupFold(ctx: { db: Executor; log: Logger }, intervalMs: number): () => Promise<void> {
  return startLoop({ name: 'rollup-fold', intervalMs, log: ctx.log, tick: async () => (await foldRollups(ctx.db), false) });
}
