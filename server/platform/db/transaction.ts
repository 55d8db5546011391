import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** What a use case runs its queries on: the database, or a transaction already open. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** Work queued by atCommit, per transaction opened by inTransaction. */
const commitTails = new WeakMap<Transaction<DB>, { step: () => Promise<void>; last: boolean }[]>();

/**
 * Runs `work` in a transaction on either engine. When `executor` is already a transaction
 * the work joins it, so use cases compose without nesting transactions. What atCommit queued
 * runs after `work`, just before COMMIT.
 */
export async function inTransaction<T>(executor: Executor, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<DB>);
  return executor.transaction().execute(async (tx) => {
    const tail: { step: () => Promise<void>; last: boolean }[] = [];
    commitTails.set(tx, tail);
    const result = await work(tx);
    // In the order queued, except that `last` steps follow all others (a step may queue more).
    while (tail.length > 0) {
      const i = Math.max(0, tail.findIndex((t) => !t.last));
      const [next] = tail.splice(i, 1);
      await next!.step();
    }
    commitTails.delete(tx);
    return result;
  });
}

/**
 * Queues `step` to run at the end of the transaction that inTransaction opened, just before
 * COMMIT, and returns true; returns false (queuing nothing) for a transaction it did not open.
 * For writes that take a lock many transactions share (a chain's advisory lock), or that are
 * summed over the whole transaction (roll-up changes): taken last, such a lock is held only for
 * the commit, not for the whole use case. Steps marked `last` run after all others, so every
 * transaction takes the shared locks in one order and none deadlock.
 */
export function atCommit(tx: Transaction<DB>, step: () => Promise<void>, options: { last?: boolean } = {}): boolean {
  const tail = commitTails.get(tx);
  if (!tail) return false;
  tail.push({ step, last: options.last ?? false });
  return true;
}

/**
 * How many lanes a street's shared rows are split into (migration 008): its audit chain (and,
 * before migration 015 moved counter writes to an append-only delta, its day counters). More lanes, fewer collisions between concurrent transactions of one street
 * (two collide with chance 1/LANES); readers sum or verify over all of them.
 */
export const LANES = 16;

const lanes = new WeakMap<object, number>();

/**
 * The lane this transaction writes its counters and audit rows in: picked at random once per
 * transaction, so all its shared rows lie in one lane and it takes their locks in one order.
 * Outside a transaction every call is a transaction of its own and picks afresh.
 */
export function laneOf(executor: Executor): number {
  if (!executor.isTransaction) return Math.floor(Math.random() * LANES);
  let lane = lanes.get(executor);
  if (lane === undefined) {
    lane = Math.floor(Math.random() * LANES);
    lanes.set(executor, lane);
  }
  return lane;
}
