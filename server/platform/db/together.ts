import { sql, type OperationNodeSource } from 'kysely';
import type { Executor } from './transaction.js';

/**
 * Runs several writes (INSERT, UPDATE, DELETE, each a Kysely builder or raw SQL) as one
 * statement, as data-modifying CTEs of a trivial SELECT: one round trip instead of one each.
 * PostgreSQL runs every such CTE exactly once and to completion whether or not it is read; all
 * of them see the same snapshot, so none may depend on another's rows.
 */
export async function runTogether(tx: Executor, writes: readonly OperationNodeSource[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await sql`${writes[0]}`.execute(tx);
    return;
  }
  await sql`with ${sql.join(writes.map((w, k) => sql`${sql.ref(`w${k}`)} as (${w})`))} select 1`.execute(tx);
}
