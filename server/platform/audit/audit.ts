import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { atCommit, laneOf, LANES } from '../db/transaction.js';
import { canonicalJson } from './canonical-json.js';
import { insertRows } from '../db/insert-rows.js';

export interface AuditActor {
  id: number | null;
  name: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  /** A before/after summary of the change (never plaintext identity numbers or phones). */
  summary?: Record<string, unknown>;
  requestId?: string | null;
  /** The street whose chain the row joins; null for platform-wide events (chain 0). */
  streetId?: number | null;
}

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_CLASS = 727002;

export interface HashedFields {
  chain: number;
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Record<string, unknown>;
  request_id: string | null;
  prev_hash: string;
}

/** Each row's hash covers its own fields and the previous row's hash. */
export function auditRowHash(row: HashedFields): string {
  const body = canonicalJson({ ...row, at: row.at.toISOString() });
  return crypto.createHash('sha256').update(body).digest('hex');
}

/** Entries waiting for the end of their transaction (see appendAudit). */
const pendingEntries = new WeakMap<Transaction<DB>, AuditEntry[]>();

/**
 * Appends entries to the audit log inside the caller's transaction, so the write and its audit
 * row commit or roll back together. A street's chain is split into lanes (migration 008); the
 * rows of one lane are serialised by a transaction-scoped advisory lock, held until commit, and a
 * transaction writes in its own lane (laneOf), so transactions of one street queue only when
 * they pick the same lane. In a transaction opened by inTransaction the rows are written last,
 * just before COMMIT (atCommit), so the lock is held only for the last statements.
 */
export async function appendAudit(tx: Transaction<DB>, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const all = Array.isArray(entries) ? entries : [entries];
  if (all.length === 0) return;
  const queued = pendingEntries.get(tx);
  if (queued) {
    queued.push(...all);
    return;
  }
  const deferred = atCommit(tx, async () => {
    const list = pendingEntries.get(tx) ?? [];
    pendingEntries.delete(tx);
    await writeAuditRows(tx, list);
  }, { last: true });
  if (deferred) pendingEntries.set(tx, [...all]);
  else await writeAuditRows(tx, all);
}

async function writeAuditRows(tx: Transaction<DB>, all: AuditEntry[]): Promise<void> {
  if (all.length === 0) return;
  const byChain = new Map<number, AuditEntry[]>();
  for (const e of all) {
    const chain = e.streetId ?? 0;
    const list = byChain.get(chain);
    if (list) list.push(e);
    else byChain.set(chain, [e]);
  }
  // Every chain's rows of this transaction go into the transaction's lane (see laneOf).
  const lane = laneOf(tx);
  for (const chain of [...byChain.keys()].sort((a, b) => a - b)) {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_CLASS * LANES + lane}, ${chain}::int)`.execute(tx);
    const last = await tx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .where('lane', '=', lane)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const at = new Date();
    const rows = byChain.get(chain)!.map((e) => {
      seq += 1;
      const fields: HashedFields = {
        chain,
        seq,
        at,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId == null ? null : String(e.targetId),
        summary: e.summary ?? {},
        request_id: e.requestId ?? null,
        prev_hash: prev,
      };
      prev = auditRowHash(fields);
      return { ...fields, lane, summary: JSON.stringify(fields.summary), hash: prev };
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await insertRows(tx, 'audit_log', rows.slice(i, i + 1000), { json: ['summary'] }).execute();
    }
  }
}
