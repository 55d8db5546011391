import type { AppContext } from '../context.js';
import { startLoop } from './background-loop.js';
import { channelRegistry, type ChannelRegistry, type DeliveryChannel, type OutboxMessage } from './channels/channel.js';
import { logChannel } from './channels/log.js';
import { consoleSmsSender, smsChannel } from './channels/sms.js';
import { webhookChannel } from './channels/webhook.js';
import { consoleWechatSender, wechatChannel } from './channels/wechat.js';
import { claimOutbox, markDelivered, markFailed } from './outbox-repository.js';

export type OutboxContext = Pick<AppContext, 'db' | 'config' | 'log'>;

export interface OutboxCounts {
  claimed: number;
  delivered: number;
  failed: number;
  /** Failed for the last allowed time: kept with its error, no longer tried. */
  gaveUp: number;
}

/** First retry after 10 s, doubling, never more than an hour apart. */
export const RETRY_BASE_MS = 10_000;
export const RETRY_CAP_MS = 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
}

/** The channels a deployment ships with; SMS and WeChat log what they would send. */
export function defaultChannels(ctx: OutboxContext): DeliveryChannel[] {
  return [
    logChannel(ctx.log),
    webhookChannel({ db: ctx.db, timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS }),
    smsChannel(consoleSmsSender(ctx.log)),
    wechatChannel(consoleWechatSender(ctx.log)),
  ];
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

/**
 * One round of delivery: claim a batch (committed at once), deliver every row of it in
 * parallel outside any transaction, then record each result in its own short statement.
 * Rows only exist once the change that wrote them committed, so nothing is sent for a change
 * that rolled back.
 */
export async function deliverOutboxOnce(
  ctx: OutboxContext,
  options: { now?: Date; channels?: ChannelRegistry; limit?: number } = {},
): Promise<OutboxCounts> {
  const now = options.now ?? new Date();
  const { config } = ctx;
  const channels = options.channels ?? channelRegistry(defaultChannels(ctx));
  // Every row of the batch is delivered at the same time, so one timeout bounds the round.
  const leaseUntil = new Date(now.getTime() + config.WEBHOOK_TIMEOUT_MS + 60_000);
  const rows = await claimOutbox(ctx.db, { now, limit: options.limit ?? config.OUTBOX_BATCH_SIZE, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, leaseUntil });
  const counts: OutboxCounts = { claimed: rows.length, delivered: 0, failed: 0, gaveUp: 0 };
  await Promise.all(rows.map((row) => deliverOne(ctx, channels, row, now, counts)));
  return counts;
}

async function deliverOne(ctx: OutboxContext, channels: ChannelRegistry, row: OutboxMessage, now: Date, counts: OutboxCounts): Promise<void> {
  const channel = channels.get(row.channel);
  try {
    if (!channel) throw new Error(`no delivery channel "${row.channel}" is registered`);
    await channel.deliver(row, { now });
  } catch (err) {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= ctx.config.OUTBOX_MAX_ATTEMPTS;
    const error = giveUp ? `gave up after ${attempts} attempts: ${describe(err)}` : describe(err);
    await markFailed(ctx.db, { id: row.id, error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) });
    counts.failed += 1;
    if (giveUp) counts.gaveUp += 1;
    ctx.log[giveUp ? 'error' : 'warn']({ outboxId: row.id, channel: row.channel, topic: row.topic, attempts, error }, 'outbox delivery failed');
    return;
  }
  await markDelivered(ctx.db, { id: row.id, at: now });
  counts.delivered += 1;
}

/** Delivers the outbox every OUTBOX_INTERVAL_MS in this process; returns a stop function. */
export function startOutbox(ctx: OutboxContext, options: { channels?: ChannelRegistry } = {}): () => Promise<void> {
  const channels = options.channels ?? channelRegistry(defaultChannels(ctx));
  return startLoop({
    name: 'outbox',
    intervalMs: ctx.config.OUTBOX_INTERVAL_MS,
    log: ctx.log,
    tick: async () => (await deliverOutboxOnce(ctx, { channels })).claimed >= ctx.config.OUTBOX_BATCH_SIZE,
  });
}
