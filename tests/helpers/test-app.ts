import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/platform/config.js';
import type { AppContext } from '../../server/platform/context.js';
import { PiiCipher } from '../../server/platform/crypto/pii.js';
import type { Database } from '../../server/platform/db/database.js';
import { createTestDatabase } from './test-db.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/gongzhi-test-unused',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...overrides,
  });
}

/** The real app on a fresh database, with a random encryption key, for `app.inject` tests. */
export async function createTestApp(configOverrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(configOverrides);
  const ctx: AppContext = {
    db: database.db,
    dbKind: database.kind,
    config,
    cipher: new PiiCipher(crypto.randomBytes(32)),
    log: pino({ level: 'silent' }),
  };
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  return {
    app,
    ctx,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
