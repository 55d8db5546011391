import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../audit/canonical-json.js';
import type { DB } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { AppError } from '../errors.js';

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs `work` at most once per (principal, Idempotency-Key). The key is claimed by inserting its
 * row in the same transaction as the work, so a concurrent retry waits on the unique index and
 * then replays the first answer; a key reused for a different request is refused.
 */
export async function withIdempotency<T>(
  db: Executor,
  options: { principal: string; key: string | undefined; request: unknown },
  work: (tx: Transaction<DB>) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  if (!options.key) return inTransaction(db, async (tx) => ({ ...(await work(tx)), replayed: false }));
  if (options.key.length > 200) throw new AppError('VALIDATION_FAILED', [{ path: 'headers.idempotency-key', message: 'at most 200 characters' }]);
  const requestHash = crypto.createHash('sha256').update(canonicalJson(options.request)).digest('hex');
  const key = options.key;
  const claimed = await inTransaction(db, async (tx) => {
    const inserted = await tx
      .insertInto('idempotency_key')
      .values({ principal: options.principal, key, request_hash: requestHash, status_code: 0, response: 'null' })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) return null;
    const result = await work(tx);
    await tx
      .updateTable('idempotency_key')
      .set({ status_code: result.status, response: JSON.stringify(result.body) })
      .where('principal', '=', options.principal)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
  if (claimed) return claimed;
  const stored = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status_code', 'response'])
    .where('principal', '=', options.principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH');
  return { status: stored.status_code, body: stored.response as T, replayed: true };
}
