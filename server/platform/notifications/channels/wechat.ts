import type { Logger } from 'pino';
import { z } from 'zod';
import type { DeliveryChannel } from './channel.js';

/** What a deployment plugs in for WeChat template messages (微信模板消息). */
export interface WechatSender {
  sendTemplate(openId: string, template: string, data: Record<string, string>): Promise<void>;
}

export const WechatPayload = z.object({
  openId: z.string().min(1).max(64),
  template: z.string().min(1).max(64),
  data: z.record(z.string(), z.string()),
});

/** Stand-in until an official account is configured: logs what would be sent. */
export function consoleWechatSender(log: Logger): WechatSender {
  return {
    async sendTemplate(openId, template, data) {
      log.info({ openId: `${openId.slice(0, 4)}…`, template, data }, 'wechat (console sender): would send');
    },
  };
}

export function wechatChannel(sender: WechatSender): DeliveryChannel {
  return {
    name: 'wechat',
    async deliver(message) {
      const payload = WechatPayload.parse(message.payload);
      await sender.sendTemplate(payload.openId, payload.template, payload.data);
    },
  };
}
