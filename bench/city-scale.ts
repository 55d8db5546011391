/**
 * City-scale analysis (npx tsx bench/city-scale.ts): a year of a Beijing-sized city's cases on
 * PostgreSQL, and what the dashboards cost on it.
 *
 * On a scratch database (gz_bench_city_*): an org tree of 343 streets with their communities and
 * grids, the default catalogue, and --cases cases received over the year before now, loaded with
 * COPY with the timeline rows the roll-ups are built from (bench/lib/city-cases.ts), the tables'
 * secondary indexes and foreign keys made after the COPY (bench/lib/bulk-load.ts); then the
 * roll-ups rebuilt as the product rebuilds them (rebuildCaseRates, as scripts/rebuild-rates.ts
 * --fix --street), one transaction a street. Then each dashboard query the app runs, through its use case, --runs times with varied
 * street, day, week and month, beside the naive equivalent (a GROUP BY straight over cases,
 * bench/lib/city-naive.ts) in the same run, taking turns; both must give the same numbers or the
 * benchmark fails. Last, the cost of roll-up maintenance in a case transition: rateCase on
 * replied cases, timing the whole transition and, within it, the roll-up statement bumpRates
 * sends at commit.
 *
 * Options: --quick (100,000 cases, 30 runs), --cases N (default 1,000,000; 10,000,000 is a
 * city's five months), --runs N (default 30), --transitions N (default 60), --seed N.
 * --keep leaves the loaded scratch database on the server (its name is printed); --reuse NAME
 * measures again on such a database without loading it (a 10M load takes most of an hour; the
 * transitions measured on it rate some of its replied cases, so each reuse rates others).
 * PostgreSQL only: needs TEST_DATABASE_URL (PGlite has no COPY FROM STDIN over the wire).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { rebuildCaseRates } from '../server/modules/cases/rollups/rebuild-case-rates.js';
import { localDay } from '../server/modules/cases/time-limits.js';
import { addDays } from '../server/modules/analysis/periods.js';
import { findActorByUserId } from '../server/platform/identity/session-repository.js';
import type { Actor } from '../server/platform/permissions/scope.js';
import type { Kysely } from 'kysely';
import type { DB } from '../server/platform/db/schema.js';
import { runMain } from './lib/cleanup.js';
import { progress } from './lib/child.js';
import { CITY_CASE_COLUMNS, cityCases, EVENT_COLUMNS, makeCity, type City } from './lib/city-cases.js';
import { scenarios, type Params } from './lib/city-queries.js';
import { measureTransitions } from './lib/city-transitions.js';
import { flag, numberOption, postgresUrl, stringOption } from './lib/cli.js';
import { withoutIndexes } from './lib/bulk-load.js';
import { copyRecords } from './lib/copy-from.js';
import { table } from './lib/markdown.js';
import { openKeptDatabase, openScratchDatabase } from './lib/scratch-db.js';
import { int, mib, ms, ratio, summarize, timed } from './lib/stats.js';

const QUICK = flag('quick');
const CASES = numberOption('cases', QUICK ? 100_000 : 1_000_000);
const RUNS = numberOption('runs', 30);
const TRANSITIONS = numberOption('transitions', QUICK ? 30 : 60);
const SEED = numberOption('seed', 343);
const KEEP = flag('keep');
const REUSE = stringOption('reuse');
const AIM_MS = 100;
const scope = 'city-scale';

async function load(client: pg.Client, city: City, now: Date) {
  const generate = () => cityCases(city, { count: CASES, now, seed: SEED });
  const bulk = await withoutIndexes(client, ['cases', 'case_event'], async () => {
    const [cases, casesMs] = await timed(() => copyRecords(client, 'cases', CITY_CASE_COLUMNS, (function* () { for (const { c } of generate()) yield c; })()));
    progress(scope, `copied ${int(cases)} cases in ${(casesMs / 1000).toFixed(0)} s`);
    const [events, eventsMs] = await timed(() => copyRecords(client, 'case_event', EVENT_COLUMNS, (function* () { for (const { events } of generate()) yield* events; })()));
    progress(scope, `copied ${int(events)} timeline events in ${(eventsMs / 1000).toFixed(0)} s; building indexes and checking foreign keys`);
    return { cases, casesMs, events, eventsMs };
  });
  progress(scope, `${bulk.indexes} indexes built and ${bulk.constraints} foreign keys checked in ${(bulk.rebuildMs / 1000).toFixed(0)} s`);
  const { cases } = bulk.result;
  // Identity columns do not move when COPY gives the ids; the app's next case must not collide.
  await client.query(`select setval(pg_get_serial_sequence('cases', 'id'), $1)`, [cases]);
  const [, vacuumMs] = await timed(() => client.query('vacuum analyze cases, case_event'));
  return { ...bulk.result, indexMs: bulk.rebuildMs, indexes: bulk.indexes, foreignKeys: bulk.constraints, vacuumMs };
}

const ROLLUP_TABLES = ['case_rate_daily', 'case_rate_monthly', 'case_rollup_daily'];

/**
 * The roll-ups rebuilt street by street, each street one transaction of rebuildCaseRates, with
 * progress lines. Their primary keys and unit indexes lead with the day or the unit, so a street's
 * rows would land all over them: they are built after the last street (and the primary keys'
 * uniqueness checked then), as bulk-load.ts does for COPY; the street indexes the rebuild deletes
 * by stay.
 */
async function rebuildByStreet(db: Kysely<DB>, client: pg.Client, city: City) {
  const total = { rates: 0, monthly: 0, rollup: 0 };
  const keep = ROLLUP_TABLES.map((t) => `${t}_street_idx`);
  const bulk = await withoutIndexes(client, ROLLUP_TABLES, async () => {
    const started = performance.now();
    let lastLine = started;
    for (const [i, street] of city.streets.entries()) {
      const r = await rebuildCaseRates(db, { streetId: street.id });
      total.rates += r.inserted;
      total.monthly += r.monthly.inserted;
      total.rollup += r.rollup.inserted;
      const now = performance.now();
      if (now - lastLine > 30_000 || i === city.streets.length - 1) {
        lastLine = now;
        const perStreet = (now - started) / (i + 1);
        progress(scope, `rebuilt ${i + 1} of ${city.streets.length} streets in ${((now - started) / 1000).toFixed(0)} s (${(perStreet / 1000).toFixed(2)} s a street; about ${(((city.streets.length - i - 1) * perStreet) / 1000).toFixed(0)} s to go)`);
      }
    }
    return performance.now() - started;
  }, { primaryKeys: true, keep });
  progress(scope, `the roll-ups' ${bulk.constraints} primary keys and ${bulk.indexes} indexes built in ${(bulk.rebuildMs / 1000).toFixed(0)} s`);
  return { ...total, streetsMs: bulk.result, indexMs: bulk.rebuildMs };
}

/** The street rows of both rate tables must hold every case once; a cheap guard before the detailed checks. */
async function checkTotals(db: Kysely<DB>, count: number) {
  for (const table of ['case_rate_daily', 'case_rate_monthly'] as const) {
    const r = await sql<{ n: number }>`select coalesce(sum(received), 0)::int as n from ${sql.table(table)} where unit_kind = 'street'`.execute(db);
    if (r.rows[0]!.n !== count) throw new Error(`${table} counts ${r.rows[0]!.n} cases received by streets, expected ${count}`);
  }
}

/** ISO week `YYYY-Www` of a local day. */
function isoWeekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = addDays(day, 3 - ((d.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Varied parameters, the same for every scenario on run `i`: a street, and a day, week and month inside the year. */
function paramsFor(i: number, city: City, today: string, actors: { city: Actor; streets: Map<number, Actor> }): Params {
  const street = city.streets[(i * 97) % city.streets.length]!;
  const date = addDays(today, -(40 + ((i * 53) % 280)));
  const monthStart = addDays(today, -(45 + ((i * 37) % 270)));
  return { street, streetActor: actors.streets.get(street.id)!, cityActor: actors.city, date, week: isoWeekOf(date), month: monthStart.slice(0, 7) };
}

/** Builds the city and loads it: the org tree, the cases by COPY, the roll-ups rebuilt; returns the paragraph that says how long each step took. */
async function loadCity(db: Kysely<DB>, client: pg.Client, where: string): Promise<{ city: City; cases: number; loadedAt: number; description: string }> {
  progress(scope, `${where}; building the city`);
  const [city, cityMs] = await timed(() => makeCity(db, client, SEED));
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  progress(scope, `${city.streets.length} streets, ${int(city.communities.length)} communities, ${int(city.grids.length)} grids; generating ${int(CASES)} cases`);
  const loaded = await load(client, city, now);

  progress(scope, 'rebuilding the roll-ups street by street (rebuildCaseRates)');
  const [rebuilt, rebuildMs] = await timed(() => rebuildByStreet(db, client, city));
  await client.query('vacuum analyze case_rate_daily, case_rate_monthly, case_rollup_daily');
  await checkTotals(db, CASES);
  const sizes = await sql<{ name: string; bytes: number }>`
    select relname as name, pg_total_relation_size(oid)::bigint as bytes from pg_class
    where relname in ('cases', 'case_event', 'case_rate_daily', 'case_rate_monthly', 'case_rollup_daily')`.execute(db);
  const size = Object.fromEntries(sizes.rows.map((r) => [r.name, Number(r.bytes)]));
  progress(scope, `rebuilt in ${(rebuildMs / 1000).toFixed(0)} s: ${int(rebuilt.rates)} daily and ${int(rebuilt.monthly)} monthly rate rows, ${int(rebuilt.rollup)} roll-up rows; measuring the dashboards`);
  const rate = (n: number, t: number) => `${int((n / t) * 1000)} rows/s`;
  const description =
    `Org tree and catalogue in ${(cityMs / 1000).toFixed(1)} s. COPY FROM STDIN (secondary indexes and foreign keys dropped, as pg_restore does): ${int(loaded.cases)} cases in ${(loaded.casesMs / 1000).toFixed(0)} s (${rate(loaded.cases, loaded.casesMs)}), ` +
    `${int(loaded.events)} timeline events in ${(loaded.eventsMs / 1000).toFixed(0)} s (${rate(loaded.events, loaded.eventsMs)}); then the migrations' ${loaded.indexes} indexes built and ${loaded.foreignKeys} foreign keys checked in ${(loaded.indexMs / 1000).toFixed(0)} s; ` +
    `vacuum analyze ${(loaded.vacuumMs / 1000).toFixed(0)} s. ` +
    `Roll-ups rebuilt by rebuildCaseRates street by street (${city.streets.length} transactions, ${(rebuilt.streetsMs / 1000).toFixed(0)} s; then their primary keys and unit indexes built, ${(rebuilt.indexMs / 1000).toFixed(0)} s) in ${(rebuildMs / 1000).toFixed(1)} s in all: ` +
    `${int(rebuilt.rates)} case_rate_daily rows, ${int(rebuilt.monthly)} case_rate_monthly rows and ${int(rebuilt.rollup)} case_rollup_daily rows (${rate(loaded.cases, rebuildMs)} of cases). Sizes with indexes: cases ${mib(size.cases!)} MiB, case_event ${mib(size.case_event!)} MiB, ` +
    `case_rate_daily ${mib(size.case_rate_daily!)} MiB, case_rate_monthly ${mib(size.case_rate_monthly!)} MiB, case_rollup_daily ${mib(size.case_rollup_daily!)} MiB.`;
  return { city, cases: CASES, loadedAt: now.getTime(), description };
}

type LoadRecord = Awaited<ReturnType<typeof loadCity>>;

/** What --reuse needs of a kept load, in a table of the benchmark's own (the app never reads it). */
async function saveLoad(client: pg.Client, record: LoadRecord) {
  const city = { ...record.city, streetAdmins: [...record.city.streetAdmins] };
  await client.query('create table bench_city_load (data jsonb not null)');
  await client.query('insert into bench_city_load (data) values ($1)', [JSON.stringify({ ...record, city })]);
}

async function readLoad(client: pg.Client): Promise<LoadRecord> {
  const r = await client.query<{ data: LoadRecord & { city: City & { streetAdmins: [number, number][] } } }>('select data from bench_city_load');
  const data = r.rows[0]?.data;
  if (!data) throw new Error('this database holds no kept city load (bench_city_load is empty)');
  return { ...data, city: { ...data.city, streetAdmins: new Map(data.city.streetAdmins) } };
}

async function main(): Promise<void> {
  const url = postgresUrl();
  if (!url) {
    console.log('PostgreSQL skipped: set TEST_DATABASE_URL to run it.');
    return;
  }
  const started = performance.now();
  const database = REUSE ? await openKeptDatabase(REUSE) : await openScratchDatabase('postgres', { namePrefix: 'gz_bench_city' });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const db = database.db;
    let record: LoadRecord;
    if (REUSE) {
      record = await readLoad(client);
      progress(scope, `${database.where}: ${int(record.cases)} cases loaded ${new Date(record.loadedAt).toISOString()}; measuring the dashboards`);
    } else {
      record = await loadCity(db, client, database.where);
      if (KEEP) {
        await saveLoad(client, record);
        database.keep!();
        progress(scope, `keeping ${database.where} (measure again with --reuse ${new URL(database.url!).pathname.slice(1)})`);
      }
    }
    const { city } = record;
    const now = new Date(record.loadedAt);
    const actors = { city: (await findActorByUserId(db, city.cityAdminId))!, streets: new Map<number, Actor>() };
    for (const [streetId, userId] of city.streetAdmins) actors.streets.set(streetId, (await findActorByUserId(db, userId))!);
    const today = localDay(now);
    const rows: (string | number)[][] = [];
    for (const s of scenarios(city)) {
      const product: number[] = [];
      const naive: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const p = paramsFor(i, city, today, actors);
        // Taking turns, so both see the same noise and neither always runs on a warm cache.
        const first = i % 2 === 0;
        const a = first ? await timed(() => s.product(db, p)) : undefined;
        const [n, nMs] = await timed(() => s.naive(db, p));
        const [answer, pMs] = a ?? (await timed(() => s.product(db, p)));
        s.check(answer, n, p);
        product.push(pMs);
        naive.push(nMs);
      }
      const ps = summarize(product);
      const ns = summarize(naive);
      progress(scope, `${s.name}: p95 ${ms(ps.p95)} ms, naive ${ms(ns.p95)} ms`);
      rows.push([s.name, s.rows(city), ms(ps.p50), ms(ps.p95), ms(ns.p95), ratio(ns.p95 / ps.p95), ps.p95 <= AIM_MS ? 'yes' : '**no**']);
    }

    progress(scope, `rating ${TRANSITIONS} replied cases (rateCase)`);
    const transitions = await measureTransitions(db, actors.streets, TRANSITIONS);

    console.log(
      [
        `### PostgreSQL: ${int(record.cases)} cases over a year in ${city.streets.length} streets, ${int(city.communities.length)} communities, ${int(city.grids.length)} grids`,
        '',
        REUSE ? `Measured on ${database.where}, loaded ${new Date(record.loadedAt).toISOString()} by an earlier run: ${record.description}` : record.description,
        '',
        `Each query ${RUNS} times with varied street, day, week and month, through the product's use case and as the naive GROUP BY over cases, taking turns; every run's numbers agreed. ` +
          `ratio = naive p95 ÷ product p95 (how many times faster the roll-ups are); aim: p95 ≤ ${AIM_MS} ms at 10,000,000 cases.`,
        '',
        table(['query', 'rows read', 'p50 ms', 'p95 ms', 'naive p95 ms', 'ratio', `≤ ${AIM_MS} ms`], rows, [false, false, true, true, true, true, false]),
        '',
        transitions,
        '',
        `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      ].join('\n'),
    );
  } finally {
    await client.end();
    await database.close();
  }
}

runMain(main);
