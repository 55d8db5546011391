import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { openDatabase, type Database, type DatabaseKind } from '../../server/platform/db/database.js';
import { migrate } from '../../server/platform/db/migrate.js';
import { createTestDatabase, postgresUrl, withDatabase, type TestDatabaseOptions } from '../../tests/helpers/test-db.js';
import { onCleanup } from './cleanup.js';

export type ScratchDatabase = Database & {
  url?: string;
  where: string;
  /** PostgreSQL only: close() then leaves the database on the server instead of dropping it. */
  keep?: () => void;
};

/**
 * A fresh, migrated database that is removed again on close (or when the benchmark is
 * interrupted): a new database on the PostgreSQL server (TEST_DATABASE_URL; named
 * `<namePrefix>_<pid>_<random>`, gz_test by default; `prepare` as openDatabase takes it), or PGlite in a new
 * data folder, as `npm start` runs it (not in memory, so its file I/O is measured too).
 */
export async function openScratchDatabase(engine: DatabaseKind, options: TestDatabaseOptions = {}): Promise<ScratchDatabase> {
  if (engine === 'postgres') {
    const database = await createTestDatabase('postgres', options);
    let kept = false;
    const close = onCleanup('drop the scratch PostgreSQL database', () => (kept ? database.detach!() : database.close()));
    return { ...database, close, keep: () => void (kept = true), where: `scratch database ${new URL(database.url!).pathname.slice(1)}` };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-pglite-'));
  const database = await openDatabase({ dataDir });
  const close = onCleanup('close PGlite and remove its data folder', async () => {
    try {
      await database.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
  await migrate(database.db);
  return { ...database, close, where: `PGlite data folder ${dataDir}` };
}

/** A scratch database an earlier run kept (`--keep`), by name, migrated to this checkout; close() leaves it on the server. */
export async function openKeptDatabase(name: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--reuse wants a database name, not "${name}"`);
  const kept = withDatabase(postgresUrl(), name);
  const database = await openDatabase({ url: kept, poolSize: 10 });
  await migrate(database.db);
  const close = onCleanup('close the kept database', () => database.close());
  return { ...database, url: kept, close, where: `kept database ${name}` };
}

/** Counts the statements a Kysely instance sends (query builder and raw `sql` alike; not begin/commit). */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
