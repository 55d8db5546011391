/**
 * Checks the roll-up tables (case_rate_daily and case_rate_monthly, the three rates by day and
 * by month; case_rollup_daily, the analysis counters by category and channel) against the cases and their timeline, and with --fix
 * rebuilds them:
 *
 *   npx tsx scripts/rebuild-rates.ts [--fix] [--street ID] [--show N]
 *
 * Reads the same configuration as the server (DATA_DIR or DATABASE_URL). Prints the rows that
 * differ (table, day, unit, category and channel, counter, stored, expected); --fix then rebuilds
 * the scope (without --street: street by street, a transaction each) and checks again. Exits 0 when the tables agree with the cases, 1 when differences
 * remain, 2 when it cannot run. PGlite serves one process at a time: stop the server first.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { checkCaseRates, type RateDifference } from '../server/modules/cases/rollups/check-case-rates.js';
import { rebuildCaseRates, type RebuildResult, type RowCounts } from '../server/modules/cases/rollups/rebuild-case-rates.js';
import { boot } from '../server/platform/boot.js';
import { loadConfig } from '../server/platform/config.js';
import type { DB } from '../server/platform/db/schema.js';

const USAGE = 'Usage: npx tsx scripts/rebuild-rates.ts [--fix] [--street ID] [--show N]';

function describe(d: RateDifference): string {
  const facet = d.categoryId === null ? '' : `  category ${d.categoryId} ${d.channel}`;
  return `${d.table}  ${d.day}  ${d.unitKind} ${d.unitId}${facet}  ${d.counter}: stored ${d.stored}, expected ${d.expected}`;
}

/** Checks (and with `fix` rebuilds) the rates of `db`, printing through `print`; returns the exit code. */
export async function rebuildRates(
  db: Kysely<DB>,
  options: { fix: boolean; streetId: number | null; show: number },
  print: (line: string) => void = (line) => console.log(line),
): Promise<0 | 1> {
  const scope = { streetId: options.streetId };
  const differences = await checkCaseRates(db, scope);
  if (differences.length === 0) {
    print('case_rate_daily, case_rate_monthly and case_rollup_daily agree with the cases: no differences');
    return 0;
  }
  print(`the roll-ups differ from the cases in ${differences.length} counter(s):`);
  for (const d of differences.slice(0, options.show)) print(`  ${describe(d)}`);
  if (differences.length > options.show) print(`  … and ${differences.length - options.show} more`);
  if (!options.fix) {
    print('run with --fix to rebuild the tables from the cases');
    return 1;
  }
  const result = options.streetId === null ? await rebuildStreetByStreet(db, print) : await rebuildCaseRates(db, scope);
  const left = await checkCaseRates(db, scope);
  const replaced = `case_rate_daily ${result.deleted} row(s) replaced by ${result.inserted}, case_rate_monthly ${result.monthly.deleted} by ${result.monthly.inserted}, case_rollup_daily ${result.rollup.deleted} by ${result.rollup.inserted}`;
  print(`rebuilt: ${replaced}; ${left.length === 0 ? 'the tables now agree with the cases' : `${left.length} difference(s) remain`}`);
  for (const d of left.slice(0, options.show)) print(`  ${describe(d)}`);
  return left.length === 0 ? 0 : 1;
}

/**
 * The whole database rebuilt one street at a time, each street in a transaction of its own: a
 * city's roll-ups (tens of millions of rows) in one transaction would hold the tables' lock, and
 * grow the transaction, for as long as the whole rebuild takes.
 */
async function rebuildStreetByStreet(db: Kysely<DB>, print: (line: string) => void): Promise<RebuildResult> {
  const streets = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').execute();
  const add = (a: RowCounts, b: RowCounts): RowCounts => ({ deleted: a.deleted + b.deleted, inserted: a.inserted + b.inserted });
  let total: RebuildResult = { deleted: 0, inserted: 0, monthly: { deleted: 0, inserted: 0 }, rollup: { deleted: 0, inserted: 0 }, dryRun: false };
  const step = Math.max(1, Math.ceil(streets.length / 20));
  for (const [i, street] of streets.entries()) {
    const r = await rebuildCaseRates(db, { streetId: street.id });
    total = { ...add(total, r), monthly: add(total.monthly, r.monthly), rollup: add(total.rollup, r.rollup), dryRun: false };
    if ((i + 1) % step === 0 || i + 1 === streets.length) print(`  rebuilt ${i + 1} of ${streets.length} street(s)`);
  }
  return total;
}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { fix: { type: 'boolean', default: false }, street: { type: 'string' }, show: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const whole = (name: string, raw: string | undefined, fallback: number | null) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${raw}"\n${USAGE}`);
    return n;
  };
  return { help: values.help, fix: values.fix, streetId: whole('street', values.street, null), show: whole('show', values.show, 50)! };
}

async function main(): Promise<number> {
  let options;
  let config;
  try {
    options = parseOptions(process.argv.slice(2));
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Logs go to stderr so that stdout carries only the result.
  const booted = await boot(config, pino({ level: config.LOG_LEVEL }, pino.destination(2)));
  try {
    return await rebuildRates(booted.ctx.db, options);
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
