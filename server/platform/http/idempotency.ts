import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../audit/canonical-json.js';
import type { DB } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { AppError } from '../errors.js';

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** What a request with an Idempotency-Key claims: its (principal, key) and a hash of the request. */
export interface IdempotencyClaim {
  principal: string;
  key: string;
  requestHash: string;
}

/** The claim a request makes, or null without a key; a key over 200 characters is refused. */
export function idempotencyClaim(options: { principal: string; key: string | undefined; request: unknown }): IdempotencyClaim | null {
  if (!options.key) return null;
  if (options.key.length > 200) throw new AppError('VALIDATION_FAILED', [{ path: 'headers.idempotency-key', message: 'at most 200 characters' }]);
  const requestHash = crypto.createHash('sha256').update(canonicalJson(options.request)).digest('hex');
  return { principal: options.principal, key: options.key, requestHash };
}

export const claimId = (c: Pick<IdempotencyClaim, 'principal' | 'key'>) => `${c.principal}\u0000${c.key}`;

/**
 * Claims keys inside the caller's transaction by inserting their rows, in key order (so two
 * transactions claiming the same keys wait on each other, never deadlock); a key another
 * transaction holds makes this one wait until that one ends. Returns the ids (claimId) won.
 */
export async function claimKeys(tx: Transaction<DB>, claims: readonly IdempotencyClaim[]): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const sorted = [...claims].sort((a, b) => (claimId(a) < claimId(b) ? -1 : 1));
  const won = await tx
    .insertInto('idempotency_key')
    .values(sorted.map((c) => ({ principal: c.principal, key: c.key, request_hash: c.requestHash, status_code: 0, response: 'null' })))
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning(['principal', 'key'])
    .execute();
  return new Set(won.map(claimId));
}

/** Gives back keys whose work was refused, so a corrected retry runs. */
export async function releaseKeys(tx: Transaction<DB>, claims: readonly IdempotencyClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await sql`
    delete from idempotency_key k
    using unnest(${claims.map((c) => c.principal)}::text[], ${claims.map((c) => c.key)}::text[]) as a(principal, key)
    where k.principal = a.principal and k.key = a.key`.execute(tx);
}

/** Stores the first answer of each claimed key, in one statement. */
export async function storeAnswers(tx: Transaction<DB>, answers: readonly { claim: IdempotencyClaim; status: number; body: unknown }[]): Promise<void> {
  if (answers.length === 0) return;
  await sql`
    update idempotency_key k set status_code = a.status, response = a.response
    from unnest(
      ${answers.map((a) => a.claim.principal)}::text[], ${answers.map((a) => a.claim.key)}::text[],
      ${answers.map((a) => a.status)}::int[], ${answers.map((a) => JSON.stringify(a.body))}::jsonb[]
    ) as a(principal, key, status, response)
    where k.principal = a.principal and k.key = a.key`.execute(tx);
}

/**
 * The stored first answers of keys claimed earlier, in the claims' order: a replay, the
 * IDEMPOTENCY_MISMATCH refusal when the key was used for another request, or undefined when
 * the key is free again (its first request was refused).
 */
export async function replayAnswers<T>(db: Executor, claims: readonly IdempotencyClaim[]): Promise<(StoredResponse<T> | AppError | undefined)[]> {
  if (claims.length === 0) return [];
  const rows = await sql<{ principal: string; key: string; request_hash: string; status_code: number; response: T }>`
    select k.principal, k.key, k.request_hash, k.status_code, k.response
    from idempotency_key k
    join unnest(${claims.map((c) => c.principal)}::text[], ${claims.map((c) => c.key)}::text[]) as a(principal, key)
      on k.principal = a.principal and k.key = a.key`.execute(db);
  const stored = new Map(rows.rows.map((r) => [claimId(r), r]));
  return claims.map((c) => {
    const row = stored.get(claimId(c));
    if (!row) return undefined;
    if (row.request_hash !== c.requestHash) return new AppError('IDEMPOTENCY_MISMATCH');
    return { status: row.status_code, body: row.response, replayed: true };
  });
}

/**
 * Times a request tries to become its key's first request when the request holding the key keeps
 * being refused (and giving it back) under it; past that it is told to retry later.
 */
export const KEY_ATTEMPTS = 3;
export const keyInUse = () => new AppError('CONFLICT', { reason: 'Idempotency-Key in use; retry' });

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
  const claim = idempotencyClaim(options);
  if (!claim) return inTransaction(db, async (tx) => ({ ...(await work(tx)), replayed: false }));
  // A key is free again when its first request was refused after this one found it taken.
  for (let attempt = 0; ; attempt += 1) {
    const first = await inTransaction(db, async (tx) => {
      if ((await claimKeys(tx, [claim])).size === 0) return null;
      const result = await work(tx);
      await storeAnswers(tx, [{ claim, ...result }]);
      return { ...result, replayed: false };
    });
    if (first) return first;
    const [stored] = await replayAnswers<T>(db, [claim]);
    if (stored instanceof AppError) throw stored;
    if (stored) return stored;
    if (attempt >= KEY_ATTEMPTS - 1) throw keyInUse();
  }
}
