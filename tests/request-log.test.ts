import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import type { AppContext } from '../server/platform/context.js';
import { PiiCipher } from '../server/platform/crypto/pii.js';
import type { Database } from '../server/platform/db/database.js';
import { testConfig } from './helpers/test-app.js';
import { createTestDatabase } from './helpers/test-db.js';

/** Each request is logged once, when it is answered: method, path, status, time, request id; never its credentials. */
describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ LOG_LEVEL: 'info' });
    const ctx: AppContext = { db: database.db, dbKind: database.kind, config, cipher: new PiiCipher(crypto.randomBytes(32)), log: pino({ level: 'info' }, sink) };
    app = await buildApp(ctx, { serveWeb: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('writes one line a request, when it is answered', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'log-test-1' } });
    await app.inject({ method: 'GET', url: '/api/cases?x=1', headers: { 'x-request-id': 'log-test-2', authorization: 'Bearer secret-token' } });
    // Other lines may name the request too (a refusal logged by the error handler); one says it was answered.
    const mine = lines.filter((l) => typeof l.reqId === 'string' && String(l.reqId).startsWith('log-test-') && l.msg === 'request completed');
    expect(mine.map((l) => [l.reqId, l.msg, (l.req as { method: string }).method, (l.res as { statusCode: number }).statusCode])).toEqual([
      ['log-test-1', 'request completed', 'GET', 200],
      ['log-test-2', 'request completed', 'GET', 401],
    ]);
    expect(mine.every((l) => typeof l.responseTime === 'number' && (l.responseTime as number) >= 0)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
  });
});
