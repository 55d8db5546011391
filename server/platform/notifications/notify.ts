import { sql, type OperationNodeSource } from 'kysely';
import { runTogether } from '../db/together.js';
import type { Executor } from '../db/transaction.js';
import { insertRows } from '../db/insert-rows.js';

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
  await runTogether(tx, notifyQueries(tx, [{ userIds, notice }]));
}

/**
 * notifyUsers for several notices, as writes to run with runTogether: the inbox rows of all of
 * them in one INSERT, their outbox rows in another.
 */
export function notifyQueries(tx: Executor, notices: readonly { userIds: number[]; notice: Notice }[]): OperationNodeSource[] {
  const sent = notices.map(({ userIds, notice }) => ({ notice, recipients: [...new Set(userIds)] }));
  const inbox = sent.flatMap(({ notice, recipients }) =>
    recipients.map((user_id) => ({ user_id, kind: notice.kind, title: notice.title, body: notice.body ?? '', case_id: notice.caseId ?? null })),
  );
  const events = sent.map(({ notice, recipients }) => ({ topic: notice.kind, payload: { ...notice, recipients } }));
  return [...(inbox.length > 0 ? [insertRows(tx, 'notification', inbox)] : []), ...(events.length > 0 ? [outboxQuery(events)] : [])];
}

/**
 * One outbox row for the log channel and one per active webhook subscribed to the topic, in a
 * single statement (the subscriptions are read by the INSERT itself).
 */
export async function enqueueEvent(tx: Executor, topic: string, payload: Record<string, unknown>): Promise<void> {
  await outboxQuery([{ topic, payload }]).execute(tx);
}

/** The outbox INSERT of several events; each event's rows keep the events' order. */
function outboxQuery(events: readonly { topic: string; payload: Record<string, unknown> }[]) {
  // Due at the application's clock, the one the dispatcher claims by: the database's now() has
  // microseconds, so a claim at a JS Date (milliseconds) of the same instant could miss it.
  const due = new Date();
  const topics = events.map((e) => e.topic);
  const bodies = events.map((e) => JSON.stringify(e.payload));
  return sql`
    insert into outbox (channel, topic, payload, next_attempt_at)
    select channel, topic, payload, ${due}::timestamptz
    from (
      select 'log' as channel, e.topic, e.payload, e.n, 0::bigint as subscription
      from unnest(${topics}::text[], ${bodies}::jsonb[]) with ordinality as e(topic, payload, n)
      union all
      select 'webhook', e.topic, e.payload || jsonb_build_object('subscriptionId', s.id), e.n, s.id
      from unnest(${topics}::text[], ${bodies}::jsonb[]) with ordinality as e(topic, payload, n)
      join webhook_subscription s on s.active and (cardinality(s.topics) = 0 or e.topic = any(s.topics))
    ) rows
    order by n, subscription`;
}
