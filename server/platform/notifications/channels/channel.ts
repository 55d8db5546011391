import type { OutboxTable } from '../../db/schema-cases.js';

export type OutboxChannelName = OutboxTable['channel'];

/** One outbox row on its way out. */
export interface OutboxMessage {
  id: number;
  channel: OutboxChannelName;
  topic: string;
  payload: Record<string, unknown>;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: Date;
}

/**
 * A way out of the platform. `deliver` resolves when the message was handed over and rejects
 * with the reason otherwise; the dispatcher retries with backoff, so a channel never retries
 * itself and must tolerate a repeated delivery (the receiver deduplicates by message id).
 */
export interface DeliveryChannel {
  readonly name: string;
  deliver(message: OutboxMessage, options: { now: Date }): Promise<void>;
}

export type ChannelRegistry = ReadonlyMap<string, DeliveryChannel>;

export function channelRegistry(channels: DeliveryChannel[]): ChannelRegistry {
  return new Map(channels.map((c) => [c.name, c]));
}
