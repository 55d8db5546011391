import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { auditRowHash, GENESIS_HASH, type HashedFields } from './audit.js';

function hashedFieldsOf(row: HashedFields & Record<string, unknown>): HashedFields {
  return {
    chain: row.chain,
    seq: row.seq,
    at: row.at,
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    summary: row.summary,
    request_id: row.request_id,
    prev_hash: row.prev_hash,
  };
}

export interface ChainBreak {
  id: number;
  chain: number;
  lane: number;
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
}

export interface VerifyResult {
  ok: boolean;
  rowsChecked: number;
  chains: number;
  firstBroken: ChainBreak | null;
}

/**
 * Walks every chain — each lane of each street's log (migration 008) — in order and names the
 * first row whose hash or link does not hold.
 */
export async function verifyAuditChain(db: Kysely<DB>, options: { batchSize?: number; chains?: number[] } = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5000;
  let query = db.selectFrom('audit_log').select(['chain', 'lane']).distinct().orderBy('chain').orderBy('lane');
  if (options.chains) query = options.chains.length ? query.where('chain', 'in', options.chains) : query.where(sql<boolean>`false`);
  const lanes = await query.execute();
  let rowsChecked = 0;
  let firstBroken: ChainBreak | null = null;
  for (const { chain, lane } of lanes) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let afterSeq = 0;
    let chainBroken = false;
    while (!chainBroken) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', chain)
        .where('lane', '=', lane)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        rowsChecked += 1;
        const at = { id: row.id, chain, lane, seq: row.seq };
        let reason: ChainBreak['reason'] | null = null;
        if (row.seq !== expectedSeq) reason = 'sequence_gap';
        else if (row.prev_hash !== prev) reason = 'prev_hash_mismatch';
        else if (auditRowHash(hashedFieldsOf(row)) !== row.hash) reason = 'hash_mismatch';
        if (reason) {
          if (!firstBroken || row.id < firstBroken.id) firstBroken = { ...at, reason };
          chainBroken = true;
          break;
        }
        prev = row.hash;
        expectedSeq += 1;
        afterSeq = row.seq;
      }
      if (rows.length < batchSize) break;
    }
  }
  return { ok: firstBroken === null, rowsChecked, chains: new Set(lanes.map((l) => l.chain)).size, firstBroken };
}
