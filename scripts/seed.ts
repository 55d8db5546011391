/**
 * Seeds the demo street into the app's database (the same config: DATABASE_URL, or PGlite in
 * DATA_DIR/pglite).
 *
 *   npx tsx scripts/seed.ts [--households N] [--seed N] [--fresh]
 *
 * --fresh wipes the database first: on PostgreSQL it drops and recreates the public schema, on
 * PGlite it deletes DATA_DIR/pglite (stop the app first). Without --fresh a database that already
 * holds data is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEFAULT_DEMO_HOUSEHOLDS, DEFAULT_DEMO_SEED, seedDemo, type SeedSummary } from '../server/modules/demo/seed-demo.js';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../server/modules/demo/demo-accounts.js';
import { countExistingData } from '../server/modules/demo/repository.js';
import { loadConfig } from '../server/platform/config.js';
import { loadMasterKey } from '../server/platform/crypto/keys.js';
import { PiiCipher } from '../server/platform/crypto/pii.js';
import { openDatabase } from '../server/platform/db/database.js';
import { migrate } from '../server/platform/db/migrate.js';

const USAGE = `Usage: npx tsx scripts/seed.ts [--households N] [--seed N] [--fresh]

  --households N  households to create (default SEED_HOUSEHOLDS, ${DEFAULT_DEMO_HOUSEHOLDS});
                  communities, grids and buildings scale with it
  --seed N        random seed (default ${DEFAULT_DEMO_SEED}); the same seed gives the same street
  --fresh         wipe the database first (PostgreSQL: drop and recreate schema public;
                  PGlite: delete DATA_DIR/pglite — stop the app first)`;

class UsageError extends Error {}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      households: { type: 'string' },
      seed: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const integer = (name: string, raw: string | undefined, min: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return n;
  };
  return {
    help: values.help,
    fresh: values.fresh,
    households: integer('households', values.households, 1),
    seed: integer('seed', values.seed, 0),
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  if (config.production) {
    console.error('Refusing to seed demo data with NODE_ENV=production: demo accounts share a published password.');
    return 1;
  }
  const households = options.households ?? (config.SEED_HOUSEHOLDS || DEFAULT_DEMO_HOUSEHOLDS);
  const pgliteDir = path.join(config.dataDir, 'pglite');
  const target = config.DATABASE_URL ? `PostgreSQL ${redact(config.DATABASE_URL)}` : `PGlite ${pgliteDir}`;
  const timings: [string, number][] = [];
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings.push([name, now - mark]);
    mark = now;
  };

  if (options.fresh && !config.DATABASE_URL && fs.existsSync(pgliteDir)) {
    console.error(`--fresh: deleting ${pgliteDir}`);
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  }
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : pgliteDir,
  });
  let open = true;
  try {
    if (options.fresh && database.kind === 'postgres') {
      console.error(`--fresh: dropping and recreating schema public in ${redact(config.DATABASE_URL!)}`);
      await sql`drop schema if exists public cascade`.execute(database.db);
      await sql`create schema public`.execute(database.db);
    }
    await migrate(database.db);
    lap('open and migrate');

    const existing = await countExistingData(database.db);
    if (existing.orgNodes > 0 || existing.users > 0) {
      console.error(
        `${target} already holds data (${existing.orgNodes} org nodes, ${existing.users} users); nothing was changed.\n` +
          'Run again with --fresh to wipe it and seed the demo street from scratch.',
      );
      return 1;
    }

    const cipher = new PiiCipher(loadMasterKey(config).key);
    console.error(`Seeding ${households.toLocaleString('en')} households into ${target}`);
    const progress = progressBar(performance.now());
    const summary = await seedDemo({ db: database.db, cipher, households, seed: options.seed, onProgress: progress.update });
    progress.done();
    lap('seed');
    open = false;
    await database.close();
    lap('close');
    printSummary(summary, timings);
    return 0;
  } finally {
    if (open) await database.close();
  }
}

/** One self-rewriting line on a terminal; a line every 10% when stderr is a file or pipe. */
function progressBar(started: number) {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  let drawn = false;
  return {
    update: (done: number, total: number, rows: number) => {
      const ratio = total === 0 ? 1 : done / total;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const line =
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ` +
        `${done.toLocaleString('en')}/${total.toLocaleString('en')} households  ${rate.toLocaleString('en')} rows/s`;
      if (tty) {
        process.stderr.write(`\r${line}`);
        drawn = true;
      } else if (Math.floor(ratio * 10) > lastDecile) {
        lastDecile = Math.floor(ratio * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    done: () => {
      if (drawn) process.stderr.write('\n');
    },
  };
}

function printSummary(summary: SeedSummary, timings: [string, number][]): void {
  const { seed, streetId, durationMs, phasesMs, ...counts } = summary;
  const rows = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(18)} ${v.toLocaleString('en').padStart(10)}`);
  const phases = Object.entries(phasesMs).map(([k, v]) => `    ${k.padEnd(16)} ${(v / 1000).toFixed(2).padStart(8)} s`);
  const laps = timings.map(([k, v]) => `  ${k.padEnd(18)} ${(v / 1000).toFixed(2).padStart(8)} s`);
  console.log(
    [
      `Demo street seeded (seed ${seed}, street id ${streetId}).`,
      ...rows,
      'Timings:',
      ...laps,
      ...phases,
      `Sign in as ${DEMO_USERNAMES.join(', ')} with password ${DEMO_PASSWORD}.`,
    ].join('\n'),
  );
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
