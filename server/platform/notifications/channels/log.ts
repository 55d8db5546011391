import type { Logger } from 'pino';
import type { DeliveryChannel } from './channel.js';

/**
 * Every event also leaves through the log, so an operator can follow what was notified. At debug
 * level: a busy street sends thousands a day, and at info they would bury everything else
 * (LOG_LEVEL=debug shows them).
 */
export function logChannel(log: Logger): DeliveryChannel {
  return {
    name: 'log',
    async deliver(message) {
      log.debug({ outboxId: message.id, topic: message.topic, payload: message.payload }, 'event');
    },
  };
}
