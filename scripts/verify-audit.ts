/**
 * Verifies the hash chains of the audit log:
 *
 *   npx tsx scripts/verify-audit.ts
 *
 * Reads the same configuration as the server (DATA_DIR or DATABASE_URL, ENCRYPTION_KEY, …),
 * prints one human line and the result as JSON, and exits 0 when every chain holds, 1 when a
 * row is broken, 2 when it cannot run. PGlite serves one process at a time: stop the server
 * before verifying a PGlite data folder (a PostgreSQL server can be verified while it runs).
 */
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { verifyAuditChain } from '../server/platform/audit/verify-audit.js';
import { boot } from '../server/platform/boot.js';
import { loadConfig } from '../server/platform/config.js';
import type { DB } from '../server/platform/db/schema.js';

/** Runs the verifier on `db`, prints the outcome through `print`, and returns the exit code. */
export async function verifyAudit(db: Kysely<DB>, print: (line: string) => void = (line) => console.log(line)): Promise<0 | 1> {
  const result = await verifyAuditChain(db);
  const broken = result.firstBroken;
  print(
    broken
      ? `audit log BROKEN at row ${broken.id} (chain ${broken.chain}, lane ${broken.lane}, seq ${broken.seq}): ${broken.reason}`
      : `audit log OK: ${result.rowsChecked} rows in ${result.chains} chains`,
  );
  print(JSON.stringify(result));
  return result.ok ? 0 : 1;
}

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  // Logs go to stderr so that stdout carries only the result.
  const log = pino({ level: config.LOG_LEVEL }, pino.destination(2));
  const booted = await boot(config, log);
  try {
    return await verifyAudit(booted.ctx.db);
  } finally {
    await booted.database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
