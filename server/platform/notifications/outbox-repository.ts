import type { Executor } from '../db/transaction.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { OutboxMessage } from './channels/channel.js';

/**
 * Claims up to `limit` undelivered rows due at `now` and leases them until `leaseUntil` by moving
 * their next attempt forward, in one short transaction. SKIP LOCKED keeps two processes from
 * claiming the same row; once committed, the lease keeps it from being claimed again while it is
 * delivered outside any transaction. A process that dies mid-delivery leaves the row to be
 * claimed again when the lease runs out.
 */
export async function claimOutbox(
  db: Kysely<DB>,
  options: { now: Date; limit: number; maxAttempts: number; leaseUntil: Date },
): Promise<OutboxMessage[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('outbox')
      .select(['id', 'channel', 'topic', 'payload', 'attempts', 'created_at'])
      .where('delivered_at', 'is', null)
      .where('next_attempt_at', '<=', options.now)
      .where('attempts', '<', options.maxAttempts)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await tx
      .updateTable('outbox')
      .set({ next_attempt_at: options.leaseUntil })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({ id: r.id, channel: r.channel, topic: r.topic, payload: r.payload, attempts: r.attempts, createdAt: r.created_at }));
  });
}

export async function markDelivered(db: Executor, options: { id: number; at: Date }): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ delivered_at: options.at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', options.id)
    .where('delivered_at', 'is', null)
    .execute();
}

/** A failed attempt: counted, its error kept, and the next attempt planned. */
export async function markFailed(db: Executor, options: { id: number; error: string; nextAttemptAt: Date }): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: options.error.slice(0, 1000), next_attempt_at: options.nextAttemptAt }))
    .where('id', '=', options.id)
    .where('delivered_at', 'is', null)
    .execute();
}

export async function findWebhookSubscription(db: Executor, id: number) {
  return db.selectFrom('webhook_subscription').select(['id', 'url', 'secret', 'active']).where('id', '=', id).executeTakeFirst();
}
