import type { Logger } from 'pino';
import type { DeliveryChannel } from './channel.js';

/** Every event also leaves through the log, so an operator can follow what was notified. */
export function logChannel(log: Logger): DeliveryChannel {
  return {
    name: 'log',
    async deliver(message) {
      log.info({ outboxId: message.id, topic: message.topic, payload: message.payload }, 'event');
    },
  };
}
