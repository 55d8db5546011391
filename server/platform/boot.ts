import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadMasterKey } from './crypto/keys.js';
import { PiiCipher } from './crypto/pii.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { DEFAULT_CATALOGUE } from '../modules/cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../modules/cases/install-catalogue.js';

export interface Booted {
  ctx: AppContext;
  database: Database;
  keyGenerated: boolean;
}

/** Opens the configured database (PGlite in DATA_DIR/pglite, or DATABASE_URL), migrates it, loads the key. */
export async function boot(config: Config, log: Logger): Promise<Booted> {
  const database = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL, prepare: config.DATABASE_PREPARE, onIdleError: (err) => log.warn({ err }, 'idle database connection lost') }
      : { dataDir: path.join(config.dataDir, 'pglite') },
  );
  const applied = await migrate(database.db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const noCategories = !(await database.db.selectFrom('case_category').select('id').limit(1).executeTakeFirst());
  if (noCategories) log.info({ categories: await installCatalogue(database.db, DEFAULT_CATALOGUE) }, 'default category catalogue installed');
  const master = loadMasterKey(config);
  const ctx: AppContext = { db: database.db, dbKind: database.kind, config, cipher: new PiiCipher(master.key), log };
  return { ctx, database, keyGenerated: master.generated };
}

/** NODE_ENV=production refuses demo accounts and a generated encryption key. */
export async function productionProblems(booted: Booted): Promise<string[]> {
  if (!booted.ctx.config.production) return [];
  const problems: string[] = [];
  if (booted.keyGenerated) problems.push('ENCRYPTION_KEY is not set (a generated demo key is not allowed in production)');
  const demo = await booted.ctx.db.selectFrom('app_user').select('username').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (demo) problems.push(`demo accounts exist (e.g. "${demo.username}"); production must not run with demo data`);
  return problems;
}
