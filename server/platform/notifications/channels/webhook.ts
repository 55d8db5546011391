import crypto from 'node:crypto';
import type { Executor } from '../../db/transaction.js';
import { findWebhookSubscription } from '../outbox-repository.js';
import type { DeliveryChannel, OutboxMessage } from './channel.js';

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the subscription's secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The JSON the subscriber receives: the event without the routing detail. */
export function webhookBody(message: OutboxMessage): string {
  const { subscriptionId: _routing, ...data } = message.payload;
  return JSON.stringify({ id: message.id, topic: message.topic, createdAt: message.createdAt.toISOString(), data });
}

/**
 * Signed webhooks. The receiver checks X-Gongzhi-Signature over the timestamp and the raw body,
 * rejects old timestamps, and deduplicates by X-Gongzhi-Delivery (delivery is at least once).
 * Redirects are not followed and any answer but 2xx counts as a failure.
 */
export function webhookChannel(options: { db: Executor; timeoutMs: number }): DeliveryChannel {
  return {
    name: 'webhook',
    async deliver(message, { now }) {
      const subscriptionId = Number(message.payload.subscriptionId);
      if (!Number.isSafeInteger(subscriptionId)) throw new Error('webhook event without a subscriptionId');
      const subscription = await findWebhookSubscription(options.db, subscriptionId);
      if (!subscription?.active) throw new Error(`webhook subscription ${subscriptionId} is missing or inactive`);
      const body = webhookBody(message);
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const response = await fetch(subscription.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gongzhi-Webhook/0.1',
          'x-gongzhi-event': message.topic,
          'x-gongzhi-delivery': String(message.id),
          'x-gongzhi-timestamp': timestamp,
          'x-gongzhi-signature': webhookSignature(subscription.secret, timestamp, body),
        },
        body,
      });
      // The answer's body is not needed; release the connection.
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status} from ${new URL(subscription.url).host}`);
    },
  };
}
