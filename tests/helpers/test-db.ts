import crypto from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database, type DatabaseKind } from '../../server/platform/db/database.js';
import { migrate } from '../../server/platform/db/migrate.js';

/** The engine this test run targets: set per Vitest project (pglite always; postgres when configured). */
export function testEngine(): DatabaseKind {
  return process.env.GZ_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL or DATABASE_URL must be set for the postgres test project');
  return url;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabaseOptions {
  namePrefix?: string;
  /** PostgreSQL: openDatabase's `prepare` for the database's pool (default true). */
  prepare?: boolean;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server that is dropped again on close.
 */
export async function createTestDatabase(
  engine: DatabaseKind = testEngine(),
  options: TestDatabaseOptions = {},
): Promise<Database & { url?: string; detach?: () => Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    await migrate(database.db);
    return database;
  }
  const adminUrl = postgresUrl();
  const name = `${options.namePrefix ?? 'gz_test'}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrl, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ url, poolSize: 10, prepare: options.prepare });
  await migrate(database.db);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
    /** Closes the connections and leaves the database on the server (benchmarks that keep a load). */
    detach: async () => {
      await database.close();
      await admin.close();
    },
  };
}
