import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelRegistry, type OutboxMessage } from '../server/platform/notifications/channels/channel.js';
import { consoleSmsSender, smsChannel } from '../server/platform/notifications/channels/sms.js';
import { consoleWechatSender, wechatChannel } from '../server/platform/notifications/channels/wechat.js';
import { defaultChannels, deliverOutboxOnce, type OutboxContext } from '../server/platform/notifications/outbox-dispatcher.js';
import { enqueueEvent } from '../server/platform/notifications/notify.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { startWebhookReceiver } from './helpers/webhook-receiver.js';

/**
 * A claim time just after rows enqueued a moment ago: the database stamps next_attempt_at in
 * microseconds and a JS Date has milliseconds, so `new Date()` taken in the same millisecond as
 * the insert can fall before it and find nothing due.
 */
const justAfterNow = () => new Date(Date.now() + 1_000);

const SECRET = 'whsec-test-对称密钥';

describe('outbox delivery', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let subscriptionId: number;
  const ctx = (config: Partial<OutboxContext['config']> = {}): OutboxContext => ({ ...t.ctx, config: { ...t.ctx.config, ...config } });
  const outbox = () => t.ctx.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  const webhookRow = async () => (await outbox()).find((r) => r.channel === 'webhook')!;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    await t.ctx.db.deleteFrom('outbox').execute();
    await t.ctx.db.deleteFrom('webhook_subscription').execute();
    subscriptionId = (
      await t.ctx.db.insertInto('webhook_subscription').values({ url: receiver.url, secret: SECRET, topics: ['case.overdue'] }).returning('id').executeTakeFirstOrThrow()
    ).id;
  });
  afterEach(() => receiver.close());

  it('delivers a signed webhook that the receiver can verify, and logs every event', async () => {
    await enqueueEvent(t.ctx.db, 'case.overdue', { title: '超期 GZ1', caseId: 42, recipients: [7] });
    await enqueueEvent(t.ctx.db, 'case.accepted', { title: '已受理' }); // not subscribed: log only
    expect((await outbox()).map((r) => [r.channel, r.topic])).toEqual([
      ['log', 'case.overdue'],
      ['webhook', 'case.overdue'],
      ['log', 'case.accepted'],
    ]);

    const now = new Date();
    const counts = await deliverOutboxOnce(t.ctx, { now });
    expect(counts).toEqual({ claimed: 3, delivered: 3, failed: 0, gaveUp: 0 });
    expect(receiver.requests).toHaveLength(1);

    const { headers, body } = receiver.requests[0]!;
    const row = await webhookRow();
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-gongzhi-event']).toBe('case.overdue');
    expect(headers['x-gongzhi-delivery']).toBe(String(row.id));
    const timestamp = headers['x-gongzhi-timestamp'] as string;
    expect(Number(timestamp)).toBe(Math.floor(now.getTime() / 1000));
    const expected = `sha256=${crypto.createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
    const given = headers['x-gongzhi-signature'] as string;
    expect(crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))).toBe(true);
    // A tampered body does not verify.
    const forged = `sha256=${crypto.createHmac('sha256', SECRET).update(`${timestamp}.${body.replace('42', '43')}`).digest('hex')}`;
    expect(forged).not.toBe(given);

    expect(JSON.parse(body)).toEqual({ id: row.id, topic: 'case.overdue', createdAt: row.created_at.toISOString(), data: { title: '超期 GZ1', caseId: 42, recipients: [7] } });
    for (const r of await outbox()) expect(r).toMatchObject({ delivered_at: now, attempts: 1, last_error: null });

    // Delivered rows are never sent again.
    expect(await deliverOutboxOnce(t.ctx, { now: new Date(now.getTime() + 3_600_000) })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a failing endpoint with backoff, then succeeds', async () => {
    receiver.respondWith((n) => (n === 0 ? 500 : 204));
    await enqueueEvent(t.ctx.db, 'case.overdue', { title: 'x' });
    const t0 = new Date();

    expect(await deliverOutboxOnce(t.ctx, { now: t0 })).toMatchObject({ delivered: 1, failed: 1 });
    let row = await webhookRow();
    expect(row).toMatchObject({ delivered_at: null, attempts: 1 });
    expect(row.last_error).toMatch(/HTTP 500/);
    expect(row.next_attempt_at.getTime()).toBe(t0.getTime() + 10_000);

    // Not before the backoff has passed.
    expect(await deliverOutboxOnce(t.ctx, { now: new Date(t0.getTime() + 9_000) })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);

    const t1 = new Date(t0.getTime() + 10_000);
    expect(await deliverOutboxOnce(t.ctx, { now: t1 })).toMatchObject({ claimed: 1, delivered: 1 });
    row = await webhookRow();
    expect(row).toMatchObject({ delivered_at: t1, attempts: 2, last_error: null });
    // The same delivery id both times, so the receiver can deduplicate.
    expect(receiver.requests.map((r) => r.headers['x-gongzhi-delivery'])).toEqual([String(row.id), String(row.id)]);
  });

  it('gives up after the last attempt but keeps the event and its error', async () => {
    receiver.respondWith(() => 503);
    await enqueueEvent(t.ctx.db, 'case.overdue', { title: 'x' });
    const c = ctx({ OUTBOX_MAX_ATTEMPTS: 3 });
    let at = new Date();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const counts = await deliverOutboxOnce(c, { now: at });
      expect(counts.failed).toBeGreaterThanOrEqual(1);
      const next = (await webhookRow()).next_attempt_at;
      delays.push(next.getTime() - at.getTime());
      at = next;
    }
    expect(delays.slice(0, 2)).toEqual([10_000, 20_000]);
    const row = await webhookRow();
    expect(row).toMatchObject({ delivered_at: null, attempts: 3 });
    expect(row.last_error).toMatch(/^gave up after 3 attempts: HTTP 503/);
    expect(await deliverOutboxOnce(c, { now: new Date(at.getTime() + 86_400_000) })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(3);
  });

  it('fails on a timeout and on a missing subscription', async () => {
    receiver.respondWith(() => 'hang');
    await enqueueEvent(t.ctx.db, 'case.overdue', { title: 'x' });
    await deliverOutboxOnce(ctx({ WEBHOOK_TIMEOUT_MS: 200 }), { now: justAfterNow() });
    expect((await webhookRow()).last_error).toMatch(/timeout|abort/i);

    await t.ctx.db.updateTable('webhook_subscription').set({ active: false }).where('id', '=', subscriptionId).execute();
    await deliverOutboxOnce(t.ctx, { now: new Date(Date.now() + 60_000) });
    expect(await webhookRow()).toMatchObject({ attempts: 2, delivered_at: null, last_error: `webhook subscription ${subscriptionId} is missing or inactive` });
  });

  it('sends SMS and WeChat through pluggable senders; the console senders log what they would send', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const sent: string[] = [];
    await t.ctx.db
      .insertInto('outbox')
      .values([
        { channel: 'sms', topic: 'case.reminder', payload: JSON.stringify({ to: '13912345678', text: '您的诉求已受理' }) },
        { channel: 'wechat', topic: 'case.reminder', payload: JSON.stringify({ openId: 'oABCDEFG123', template: 'case_update', data: { status: '已受理' } }) },
        { channel: 'sms', topic: 'case.reminder', payload: JSON.stringify({ text: 'no number' }) },
      ])
      .execute();
    const channels = channelRegistry([
      ...defaultChannels({ ...t.ctx, log }),
      smsChannel({ send: async (to, text) => void sent.push(`${to}:${text}`) }),
    ]);
    const counts = await deliverOutboxOnce({ ...t.ctx, log }, { now: justAfterNow(), channels });
    expect(counts).toMatchObject({ claimed: 3, delivered: 2, failed: 1 });
    expect(sent).toEqual(['13912345678:您的诉求已受理']);
    expect(lines.some((l) => l.includes('wechat (console sender)') && l.includes('case_update'))).toBe(true);
    const bad = (await outbox()).find((r) => r.channel === 'sms' && r.delivered_at === null)!;
    expect(bad.last_error).toMatch(/to/);

    // The console SMS sender never logs the full number.
    const consoleLines: string[] = [];
    const consoleLog = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (consoleLines.push(String(chunk)), done()) }));
    const message: OutboxMessage = { id: 1, channel: 'sms', topic: 't', payload: { to: '13912345678', text: 'hi' }, attempts: 0, createdAt: new Date() };
    await smsChannel(consoleSmsSender(consoleLog)).deliver(message, { now: new Date() });
    await wechatChannel(consoleWechatSender(consoleLog)).deliver({ ...message, channel: 'wechat', payload: { openId: 'oXYZ12345', template: 'x', data: {} } }, { now: new Date() });
    expect(consoleLines.join('')).toContain('139****5678');
    expect(consoleLines.join('')).not.toContain('13912345678');
  });

  it('delivers each row once when two rounds run at the same time', async () => {
    const events = 150;
    for (let i = 0; i < events; i += 50) {
      await t.ctx.db.transaction().execute(async (tx) => {
        for (let j = i; j < Math.min(events, i + 50); j++) await enqueueEvent(tx, 'case.overdue', { n: j });
      });
    }
    const now = new Date();
    const drain = async () => {
      let delivered = 0;
      for (;;) {
        const counts = await deliverOutboxOnce(ctx({ OUTBOX_BATCH_SIZE: 20 }), { now });
        delivered += counts.delivered;
        if (counts.claimed === 0) return delivered;
      }
    };
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a + b).toBe(2 * events);
    const ids = receiver.requests.map((r) => r.headers['x-gongzhi-delivery']);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    const rows = await outbox();
    expect(rows.every((r) => r.delivered_at !== null && r.attempts === 1)).toBe(true);
    if (t.ctx.dbKind === 'postgres') console.info(`outbox: two concurrent rounds delivered ${a} and ${b} rows`);
  });
});
