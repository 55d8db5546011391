import type { Logger } from 'pino';
import { z } from 'zod';
import { maskPhone } from '../../crypto/pii.js';
import type { DeliveryChannel } from './channel.js';

/** What a deployment plugs in for its SMS gateway (短信平台). */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

export const SmsPayload = z.object({ to: z.string().min(5).max(20), text: z.string().min(1).max(500) });

/** Stand-in until a gateway is configured: logs what would be sent, with the number masked. */
export function consoleSmsSender(log: Logger): SmsSender {
  return {
    async send(to, text) {
      log.info({ to: maskPhone(to), text }, 'sms (console sender): would send');
    },
  };
}

export function smsChannel(sender: SmsSender): DeliveryChannel {
  return {
    name: 'sms',
    async deliver(message) {
      const payload = SmsPayload.parse(message.payload);
      await sender.send(payload.to, payload.text);
    },
  };
}
