/**
 * Supervision (督办) sweeps over a large backlog (npx tsx bench/scheduler-sweep.ts).
 *
 * On a scratch PostgreSQL database, loads 1,000,000 open cases and their 2,000,000 deadline jobs
 * with COPY (streamed, valid foreign keys), of which 0.5% of the cases have work due now, then:
 * times the claim query (claimDueJob: the next due job, FOR UPDATE SKIP LOCKED) and shows its
 * EXPLAIN ANALYZE plan, which must use the partial index case_deadline_job_due_idx; runs
 * runSchedulerOnce rounds (SCHEDULER_BATCH_SIZE jobs each, one transaction per job) until no due
 * work is left; then times the claim and an idle round again, over the index entries the sweep
 * left behind. Baselines in the same run, through the same Kysely instance and pool: `select 1`
 * and a primary-key read of one case. On PGlite the same runs with 100,000 cases (loaded with
 * multi-row INSERTs: PGlite has no COPY FROM STDIN over the wire).
 *
 * Options: --quick (100,000 cases on PostgreSQL, 20,000 on PGlite), --cases N, --pglite-cases N
 * (0 skips PGlite), --due-every N (one case in N has due work; default 200), --minutes N (time
 * limit of the sweep, default 10). PostgreSQL needs TEST_DATABASE_URL.
 */
import { CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { claimDueJob } from '../server/modules/cases/scheduler/repository.js';
import { runSchedulerOnce, type SchedulerContext, type SchedulerCounts } from '../server/modules/cases/scheduler/run-scheduler.js';
import type { DatabaseKind } from '../server/platform/db/database.js';
import type { DB } from '../server/platform/db/schema.js';
import { testConfig } from '../tests/helpers/test-app.js';
import { runMain } from './lib/cleanup.js';
import { progress } from './lib/child.js';
import { flag, numberOption, postgresUrl } from './lib/cli.js';
import { copyRecords } from './lib/copy-from.js';
import { table } from './lib/markdown.js';
import { CASE_COLUMNS, expectedDueJobs, JOB_COLUMNS, makeWorld, openCases, type CaseRecord, type JobRecord, type World } from './lib/open-cases.js';
import { openScratchDatabase } from './lib/scratch-db.js';
import { int, ms, ratio, summarize, timed } from './lib/stats.js';

const QUICK = flag('quick');
const POSTGRES_CASES = numberOption('cases', QUICK ? 100_000 : 1_000_000);
const PGLITE_CASES = numberOption('pglite-cases', QUICK ? 20_000 : 100_000, { allowZero: true });
const DUE_EVERY = numberOption('due-every', 200);
const MINUTES = numberOption('minutes', QUICK ? 3 : 10);
const SAMPLES = QUICK ? 30 : 100;

interface EngineReport {
  markdown: string;
  ms: number;
}

/** The SQL and parameters claimDueJob sends, captured without a database. */
async function claimQuery(now: Date): Promise<CompiledQuery> {
  let captured: CompiledQuery | undefined;
  const dry = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured = event.query;
    },
  });
  await claimDueJob(dry, now);
  await dry.destroy();
  if (!captured) throw new Error('claimDueJob sent no query');
  return captured;
}

/** Runs `work` on one connection inside a transaction that is always rolled back (claims lock rows). */
async function rolledBack<T>(db: Kysely<DB>, work: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`rollback`.execute(conn);
    }
  });
}

async function explainClaim(db: Kysely<DB>, now: Date): Promise<string> {
  const q = await claimQuery(now);
  const plan = await rolledBack(db, (conn) => conn.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters])));
  return plan.rows.map((r) => Object.values(r)[0]).join('\n');
}

/**
 * Latency of `select 1`, of a primary-key read of one case, of a one-row insert committed on its
 * own (the floor under a job, which is one transaction) and of the claim query (in a rolled-back
 * transaction, timing the claim alone), taking turns so all four see the same noise.
 */
async function latencies(db: Kysely<DB>, now: Date, maxCaseId: number) {
  const select1: number[] = [];
  const pkRead: number[] = [];
  const commit: number[] = [];
  const claim: number[] = [];
  let claimed = 0;
  await sql`create table if not exists bench_commit_baseline (id bigint generated always as identity primary key, at timestamptz not null default now())`.execute(db);
  for (let i = 0; i < SAMPLES; i++) {
    const [, s] = await timed(() => sql`select 1`.execute(db));
    select1.push(s);
    commit.push((await timed(() => sql`insert into bench_commit_baseline default values`.execute(db)))[1]);
    const id = 1 + ((i * 7_919_993) % maxCaseId);
    const [row, p] = await timed(() => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst());
    if (!row) throw new Error(`case ${id} is missing`);
    pkRead.push(p);
    const [job, c] = await rolledBack(db, (conn) => timed(() => claimDueJob(conn, now)));
    if (job) claimed += 1;
    claim.push(c);
  }
  return { select1: summarize(select1), pkRead: summarize(pkRead), commit: summarize(commit), claim: summarize(claim), firstClaimMs: claim[0]!, claimed };
}

async function loadPostgres(url: string, world: World, count: number, now: Date) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const generate = () => openCases(world, { count, firstId: 1, now, dueEvery: DUE_EVERY });
    const [cases, casesMs] = await timed(() =>
      copyRecords(client, 'cases', CASE_COLUMNS, (function* () { for (const { c } of generate()) yield c; })()),
    );
    progress('scheduler-sweep postgres', `copied ${int(cases)} cases in ${(casesMs / 1000).toFixed(0)} s`);
    const [jobs, jobsMs] = await timed(() =>
      copyRecords(client, 'case_deadline_job', JOB_COLUMNS, (function* () { for (const { jobs } of generate()) yield* jobs; })()),
    );
    progress('scheduler-sweep postgres', `copied ${int(jobs)} jobs in ${(jobsMs / 1000).toFixed(0)} s`);
    // Identity columns do not move when COPY gives the ids; the app's next case must not collide.
    await client.query(`select setval(pg_get_serial_sequence('cases', 'id'), $1)`, [count]);
    const [, vacuumMs] = await timed(async () => {
      await client.query('vacuum analyze cases');
      await client.query('vacuum analyze case_deadline_job');
    });
    return { cases, jobs, loadMs: casesMs + jobsMs, vacuumMs, how: 'COPY FROM STDIN (text), then VACUUM ANALYZE' };
  } finally {
    await client.end();
  }
}

async function loadPglite(db: Kysely<DB>, world: World, count: number, now: Date) {
  const BATCH = 1000;
  let cases: Omit<CaseRecord, 'id'>[] = [];
  let jobs: JobRecord[] = [];
  let copiedCases = 0;
  let copiedJobs = 0;
  const flush = async () => {
    if (cases.length) await db.insertInto('cases').values(cases).execute();
    if (jobs.length) await db.insertInto('case_deadline_job').values(jobs).execute();
    copiedCases += cases.length;
    copiedJobs += jobs.length;
    cases = [];
    jobs = [];
  };
  const [, loadMs] = await timed(async () => {
    for (const { c, jobs: js } of openCases(world, { count, firstId: 1, now, dueEvery: DUE_EVERY })) {
      // ids come from the identity column, in insert order, on a table that starts empty
      const { id: _id, ...rest } = c;
      cases.push(rest);
      jobs.push(...js);
      if (cases.length >= BATCH) await flush();
    }
    await flush();
  });
  const ids = await db.selectFrom('cases').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')]).executeTakeFirstOrThrow();
  if (Number(ids.min) !== 1 || Number(ids.max) !== count) throw new Error(`case ids ${ids.min}…${ids.max}, expected 1…${count}`);
  const [, vacuumMs] = await timed(async () => {
    await sql`vacuum analyze cases`.execute(db);
    await sql`vacuum analyze case_deadline_job`.execute(db);
  });
  return { cases: copiedCases, jobs: copiedJobs, loadMs, vacuumMs, how: `multi-row INSERTs of ${BATCH} cases, then VACUUM ANALYZE` };
}

async function sizes(db: Kysely<DB>) {
  const { rows } = await sql<{ name: string; bytes: number }>`
    select c.relname as name, pg_total_relation_size(c.oid)::bigint as bytes from pg_class c
     where c.relname in ('cases', 'case_deadline_job', 'case_deadline_job_due_idx')`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}

async function runEngine(engine: DatabaseKind, count: number): Promise<EngineReport> {
  const scope = `scheduler-sweep ${engine}`;
  const started = performance.now();
  const database = await openScratchDatabase(engine);
  try {
    const db = database.db;
    progress(scope, `${database.where}; generating ${int(count)} open cases`);
    const world = await makeWorld(db);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const loaded = engine === 'postgres' ? await loadPostgres(database.url!, world, count, now) : await loadPglite(db, world, count, now);
    const expected = expectedDueJobs(count, DUE_EVERY);
    const pending = await db
      .selectFrom('case_deadline_job')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>(sql`case when run_at <= ${now} then 1 end`).as('due')])
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(pending.due) !== expected.jobs) throw new Error(`expected ${expected.jobs} due jobs, found ${pending.due}`);
    const relSizes = await sizes(db);
    progress(scope, `${int(Number(pending.all))} pending jobs, ${int(Number(pending.due))} due; measuring the claim`);

    const before = await latencies(db, now, count);
    const planBefore = await explainClaim(db, now);

    const ctx: SchedulerContext = { db, config: testConfig({ LOG_LEVEL: 'silent' }), log: pino({ level: 'silent' }) };
    const batch = ctx.config.SCHEDULER_BATCH_SIZE;
    const totals: SchedulerCounts = { reminded: 0, overdue: 0, escalated: 0, at_top: 0, stale: 0, superseded: 0, failed: 0, total: 0 };
    const rounds: number[] = [];
    const deadline = performance.now() + MINUTES * 60_000;
    // Bounded: every due job, and the escalations the sweep itself plans, in at most this many full rounds.
    const maxRounds = Math.ceil((2 * expected.jobs) / batch) + 10;
    let stoppedBy: string | null = null;
    const sweepStarted = performance.now();
    for (;;) {
      const [counts, roundMs] = await timed(() => runSchedulerOnce(ctx, { now, workerId: 'bench', limit: batch }));
      if (counts.total === 0) break;
      rounds.push(roundMs);
      for (const k of Object.keys(totals) as (keyof SchedulerCounts)[]) totals[k] += counts[k];
      if (rounds.length % 20 === 0) progress(scope, `${int(totals.total)} jobs in ${rounds.length} rounds`);
      if (rounds.length >= maxRounds) {
        stoppedBy = `stopped after ${maxRounds} rounds`;
        break;
      }
      if (performance.now() > deadline) {
        stoppedBy = `stopped at the ${MINUTES}-minute time limit`;
        break;
      }
    }
    const sweepMs = performance.now() - sweepStarted;
    const left = await db.selectFrom('case_deadline_job').select((eb) => eb.fn.countAll<number>().as('n')).where('done_at', 'is', null).where('run_at', '<=', now).executeTakeFirstOrThrow();
    progress(scope, `swept ${int(totals.total)} jobs in ${(sweepMs / 1000).toFixed(1)} s; measuring again`);

    const after = await latencies(db, now, count);
    const planAfter = await explainClaim(db, now);
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push((await timed(() => runSchedulerOnce(ctx, { now, workerId: 'bench', limit: batch })))[1]);
    const idleRound = summarize(idle);
    const round = summarize(rounds);

    const base = before.pkRead.p50;
    const one = before.select1.p50;
    const commit = before.commit.p50;
    const row = (what: string, value: number, note = '') => [what, ms(value), ratio(value / one), ratio(value / base), ratio(value / commit), note];
    const usesIndex = (plan: string) => (plan.includes('case_deadline_job_due_idx') ? 'uses case_deadline_job_due_idx' : '**does not use case_deadline_job_due_idx**');
    const lines = [
      `### ${engine}: ${int(count)} open cases, ${int(Number(pending.all))} pending deadline jobs, ${int(Number(pending.due))} due now`,
      '',
      `Loaded by ${loaded.how}: ${int(loaded.cases)} cases and ${int(loaded.jobs)} jobs in ${(loaded.loadMs / 1000).toFixed(0)} s ` +
        `(${int(((loaded.cases + loaded.jobs) / loaded.loadMs) * 1000)} rows/s), vacuum analyze ${(loaded.vacuumMs / 1000).toFixed(0)} s. ` +
        `Sizes with indexes: cases ${int(relSizes.cases! / 1_048_576)} MiB, case_deadline_job ${int(relSizes.case_deadline_job! / 1_048_576)} MiB, ` +
        `case_deadline_job_due_idx ${int(relSizes.case_deadline_job_due_idx! / 1_048_576)} MiB.`,
      '',
      table(
        ['measure', 'ms', '÷ select 1', '÷ PK read', '÷ commit', 'note'],
        [
          row('baseline: `select 1` round trip (p50)', before.select1.p50, `p95 ${ms(before.select1.p95)} ms`),
          row('baseline: primary-key read of one case (p50)', base, `p95 ${ms(before.pkRead.p95)} ms`),
          row('baseline: one-row INSERT, committed (p50)', before.commit.p50, `p95 ${ms(before.commit.p95)} ms; the floor under one job`),
          row('claim the first due job (first call)', before.firstClaimMs, 'claimDueJob in a rolled-back transaction'),
          row(`claim a due job (p50 of ${before.claim.count})`, before.claim.p50, `p95 ${ms(before.claim.p95)} ms; ${usesIndex(planBefore)}`),
          row(`claim after the sweep, nothing due (p50 of ${after.claim.count})`, after.claim.p50, `p95 ${ms(after.claim.p95)} ms; ${usesIndex(planAfter)}`),
          row(`one sweep round of up to ${batch} jobs (first)`, rounds[0] ?? Number.NaN, 'runSchedulerOnce, one transaction per job'),
          row(`one sweep round of up to ${batch} jobs (p50 of ${round.count})`, round.p50, `p95 ${ms(round.p95)} ms, max ${ms(round.max)} ms`),
          row('one idle round, nothing due (p50 of 10)', idleRound.p50, 'what every SCHEDULER_INTERVAL_MS costs when nothing is due'),
          row('one job (sweep time ÷ jobs)', sweepMs / Math.max(1, totals.total), `${int((totals.total / sweepMs) * 1000)} jobs/s`),
          [`whole sweep of the due set`, ms(sweepMs), '', '', '', `${int(totals.total)} jobs in ${rounds.length} rounds${stoppedBy ? `, ${stoppedBy}` : ''}; ${int(Number(left.n))} due left`],
        ],
        [false, true, true, true, true, false],
      ),
      '',
      `Outcomes: ${Object.entries(totals)
        .filter(([k, v]) => k !== 'total' && v > 0)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(', ')} (the escalations were planned by the overdue jobs of the same sweep; late reminders are superseded by the overdue job).`,
      `Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      '',
      `Plan of the claim query with ${int(Number(pending.due))} jobs due (EXPLAIN (ANALYZE, BUFFERS), in a rolled-back transaction):`,
      '',
      '```',
      (await claimQuery(now)).sql,
      '',
      planBefore,
      '```',
      '',
      'The same after the sweep (nothing due; the done jobs have left the partial index only logically until vacuum):',
      '',
      '```',
      planAfter,
      '```',
    ];
    return { markdown: lines.join('\n'), ms: performance.now() - started };
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const parts: string[] = [];
  if (postgresUrl()) parts.push((await runEngine('postgres', POSTGRES_CASES)).markdown);
  else parts.push('PostgreSQL skipped: set TEST_DATABASE_URL to run it.');
  if (PGLITE_CASES > 0) parts.push((await runEngine('pglite', PGLITE_CASES)).markdown);
  else parts.push('PGlite skipped (--pglite-cases 0).');
  console.log(parts.join('\n\n'));
}

runMain(main);
