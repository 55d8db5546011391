import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  caseId?: number | null;
}

/**
 * Puts a notice in each recipient's in-app inbox and an event in the outbox, inside the caller's
 * transaction; the outbox is delivered after commit (outbox-dispatcher.ts), so a rolled-back
 * change never notifies anyone.
 */
export async function notifyUsers(tx: Executor, userIds: number[], notice: Notice): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length > 0) {
    await tx
      .insertInto('notification')
      .values(unique.map((user_id) => ({ user_id, kind: notice.kind, title: notice.title, body: notice.body ?? '', case_id: notice.caseId ?? null })))
      .execute();
  }
  await enqueueEvent(tx, notice.kind, { ...notice, recipients: unique });
}

/**
 * One outbox row for the log channel and one per active webhook subscribed to the topic, in a
 * single statement (the subscriptions are read by the INSERT itself).
 */
export async function enqueueEvent(tx: Executor, topic: string, payload: Record<string, unknown>): Promise<void> {
  // Due at the application's clock, the one the dispatcher claims by: the database's now() has
  // microseconds, so a claim at a JS Date (milliseconds) of the same instant could miss it.
  const due = new Date();
  const body = JSON.stringify(payload);
  await sql`
    insert into outbox (channel, topic, payload, next_attempt_at)
    select 'log', ${topic}::text, ${body}::jsonb, ${due}::timestamptz
    union all
    select 'webhook', ${topic}::text, ${body}::jsonb || jsonb_build_object('subscriptionId', id), ${due}::timestamptz
    from webhook_subscription
    where active and (cardinality(topics) = 0 or ${topic}::text = any(topics))`.execute(tx);
}
