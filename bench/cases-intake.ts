/**
 * Case intake (接诉即办) over HTTP, on PostgreSQL and on PGlite (npx tsx bench/cases-intake.ts).
 *
 * Starts the real app (buildApp, as tests/helpers/test-app.ts builds it, request logging at info)
 * listening on 127.0.0.1:0 over a fresh database with one street, a category and a resident, and
 * POSTs /api/cases with the resident's bearer token from a fixed number of keep-alive clients,
 * driven from a process of their own (bench/lib/load-client.ts), so the server's CPU is its own.
 * Baseline in the same run, through the same Kysely instance and pool: a single-row INSERT, in its
 * own transaction, into a table shaped like `cases` without its indexes and foreign keys, at the
 * same concurrency and count. Blocks of baseline, intake and intake with an Idempotency-Key take
 * turns, so all three see the same noise. Each engine runs in a process of its own, so its memory
 * is its own (the app's logs go to that process's stdout, which is thrown away).
 *
 * Options: --quick (200 requests), --requests N (default 2000 on PostgreSQL, 1000 on PGlite),
 * --concurrency N (default 16), --engine postgres|pglite (default both; PostgreSQL needs
 * TEST_DATABASE_URL), --accounts N (other residents' accounts in the street, default 0),
 * --minutes N (time limit of the load, default 10), --phases intake,intake+key (which HTTP phases to run beside
 * the baseline; default both), --no-prepare (PostgreSQL: open the database with prepare: false, so every
 * statement goes out unnamed and is parsed and planned each time; the baseline INSERT shares the pool, so it
 * is prepared or not just as the app's statements are). BENCH_CPU_PROF=dir writes a V8 CPU profile of the
 * server's process there; with BENCH_CPU_PROF_PHASE=intake (or intake+key, baseline) as well, only that phase's
 * measured blocks are profiled, one file a block (the first is skewed by the profiler starting).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import type { AppContext } from '../server/platform/context.js';
import { PiiCipher } from '../server/platform/crypto/pii.js';
import type { DatabaseKind } from '../server/platform/db/database.js';
import type { DB } from '../server/platform/db/schema.js';
import type { CasesTable } from '../server/platform/db/schema-cases.js';
import { createLogger } from '../server/platform/logger.js';
import { makeCategory } from '../tests/helpers/case-factories.js';
import { makeHousehold, makeResident, makeStreet, makeUser, TEST_PASSWORD } from '../tests/helpers/factories.js';
import { testConfig } from '../tests/helpers/test-app.js';
import { onCleanup, runMain } from './lib/cleanup.js';
import { progress, runScript } from './lib/child.js';
import { flag, numberOption, postgresUrl, stringOption } from './lib/cli.js';
import { mergeLoops, runClosedLoop, type LoopResult } from './lib/closed-loop.js';
import { JsonClient } from './lib/http-client.js';
import { LoadClient } from './lib/load-client.js';
import { table } from './lib/markdown.js';
import { CpuMeter } from './lib/cpu.js';
import { MemorySampler } from './lib/memory.js';
import { openScratchDatabase, QueryCounter } from './lib/scratch-db.js';
import { int, mib, ms, ratio, summarize, type Summary } from './lib/stats.js';

const QUICK = flag('quick');
const CONCURRENCY = numberOption('concurrency', 16);
const MINUTES = numberOption('minutes', QUICK ? 3 : 10);
const BLOCKS = QUICK ? 2 : 4;
const POOL_SIZE = 10; // openDatabase's default, which the app runs with
/** openDatabase's `prepare` on PostgreSQL: named statements, prepared once per connection (the app's default). */
const PREPARE = !flag('no-prepare');
/** BENCH_CPU_PROF_PHASE=intake: a V8 CPU profile of the app's process during that phase's blocks only, one file a block (in BENCH_CPU_PROF or .). */
const PROFILED_PHASE = process.env.BENCH_CPU_PROF_PHASE as PhaseName | undefined;
/** Other residents' accounts in the street (each an app_user with a resident role), as a street that uses the app has. */
const ACCOUNTS = numberOption('accounts', 0, { allowZero: true });
const requestsFor = (engine: DatabaseKind) => numberOption('requests', QUICK ? 200 : engine === 'postgres' ? 2000 : 1000);
const warmupFor = (requests: number) => Math.min(100, Math.ceil(requests / 10));

/** A V8 CPU profile of this process over a stretch of the run (node:inspector). */
class PhaseProfile {
  private session: Session | undefined;

  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  }

  async stop(file: string): Promise<void> {
    const { profile } = await this.session!.post('Profiler.stop');
    this.session!.disconnect();
    this.session = undefined;
    await fs.writeFile(file, JSON.stringify(profile));
  }
}

type PhaseName = 'baseline' | 'intake' | 'intake+key';
const ALL_PHASES: readonly PhaseName[] = ['baseline', 'intake', 'intake+key'];
/** --phases baseline,intake runs only those (the baseline is always run: every ratio is to it). */
const PHASES: readonly PhaseName[] = (() => {
  const named = stringOption('phases')?.split(',');
  if (!named) return ALL_PHASES;
  const unknown = named.filter((n) => !ALL_PHASES.includes(n as PhaseName));
  if (unknown.length) throw new Error(`--phases: unknown ${unknown.join(', ')} (phases: ${ALL_PHASES.join(', ')})`);
  return ALL_PHASES.filter((p) => p === 'baseline' || named.includes(p));
})();

interface PhaseResult {
  name: PhaseName;
  ok: number;
  failed: number;
  elapsedMs: number;
  opsPerSec: number;
  latency: Summary;
  peakRss: number;
  peakHeapUsed: number;
  queriesPerOp: number;
  /**
   * CPU ms per operation: the app's process, the load client's, the database server's processes (null where unread),
   * and of those only the backends of the benchmark's database (others' sessions on a shared server left out).
   */
  cpu: { app: number; client: number | null; database: number | null; backends: number | null };
  errors: string[];
  hitDeadline: boolean;
}

interface EngineResult {
  engine: DatabaseKind;
  where: string;
  requests: number;
  warmup: number;
  /** Database open, world made, app listening; then after the warm-up. */
  rssBooted: number;
  rssBefore: number;
  heapUsedBefore: number;
  phases: PhaseResult[];
  /** Rows each intake added (or counters it bumped), by table. */
  writesPerIntake: Record<string, number>;
  /** PostgreSQL only: where the app's connections were, sampled every 50 ms during each phase. */
  waits: Record<string, Record<string, number>>;
  serverVersion: string;
  ms: number;
}

/** A sum of CPU readings, unread (null) once any of them was. */
const plus = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Whether a PostgreSQL URL names this machine, so its server processes can be read from /proc. */
const isLocal = (url: string) => ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(new URL(url).hostname);

/** The tables one intake writes, and how to count what it wrote. */
const WRITE_COUNTS: Record<string, string> = {
  cases: 'select count(*)::int as n from cases',
  case_event: 'select count(*)::int as n from case_event',
  audit_log: 'select count(*)::int as n from audit_log',
  'roll-up counters (received)': 'select coalesce(sum(received), 0)::int as n from case_rate_daily_live',
  case_deadline_job: 'select count(*)::int as n from case_deadline_job',
  notification: 'select count(*)::int as n from notification',
  outbox: 'select count(*)::int as n from outbox',
  idempotency_key: 'select count(*)::int as n from idempotency_key',
};

async function countWrites(db: Kysely<DB>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, query] of Object.entries(WRITE_COUNTS)) {
    const { rows } = await sql.raw<{ n: number }>(query).execute(db);
    out[name] = rows[0]!.n;
  }
  return out;
}

/** `count` resident accounts spread over the buildings, written in bulk (they never sign in here). */
async function addResidentAccounts(db: Kysely<DB>, buildingIds: number[], count: number): Promise<void> {
  await sql`
    insert into app_user (username, display_name, password_hash)
    select 'bench.resident.' || g, '居民 ' || g, 'not-a-password-hash' from generate_series(1, ${count}::int) g`.execute(db);
  await sql`
    insert into user_role (user_id, role, org_node_id)
    select u.id, 'resident', (${sql.val(buildingIds)}::bigint[])[1 + u.id % ${buildingIds.length}::int]
      from app_user u where u.username like 'bench.resident.%'`.execute(db);
  await sql`analyze app_user`.execute(db);
  await sql`analyze user_role`.execute(db);
}

/** A table as wide as `cases` (same columns and defaults) with only its primary key. */
async function createBaselineTable(db: Kysely<DB>) {
  await sql`create table bench_insert_baseline (like cases including defaults including identity)`.execute(db);
  await sql`alter table bench_insert_baseline add primary key (id)`.execute(db);
  return db.withTables<{ bench_insert_baseline: CasesTable }>();
}

/**
 * Where the app's backends are, by wait event, sampled on a connection of its own. Shares tell
 * whether intake waits on locks (the audit chain's advisory lock, hot counter rows), on commits
 * (WAL flush), or on the app itself (idle in transaction: Node is busy between statements).
 */
class WaitSampler {
  private client: pg.Client | undefined;
  /** The sampler's own backend, left out of the database's CPU. */
  backendPid: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private inFlight: Promise<void> = Promise.resolve();
  readonly byPhase: Record<string, Record<string, number>> = {};
  private phase: string | undefined;

  async open(url: string): Promise<void> {
    this.client = new pg.Client({ connectionString: url });
    await this.client.connect();
    this.backendPid = (await this.client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  }

  start(phase: string): void {
    this.phase = phase;
    this.byPhase[phase] ??= {};
    this.timer = setInterval(() => {
      // A failed sample is a sample lost; it must not end the run.
      this.inFlight = this.sample().catch(() => undefined);
    }, 50).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.phase = undefined;
  }

  private async sample(): Promise<void> {
    if (!this.client || this.busy || !this.phase) return;
    this.busy = true;
    const phase = this.phase;
    try {
      const { rows } = await this.client.query<{ what: string; n: number }>(
        `select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running (CPU)')
                     when state = 'idle in transaction' then 'idle in transaction (waiting for the app)'
                     else 'idle (no transaction)' end as what, count(*)::int as n
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
          group by 1`,
      );
      const bucket = this.byPhase[phase]!;
      for (const r of rows) bucket[r.what] = (bucket[r.what] ?? 0) + r.n;
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    this.stop();
    // A sample still on the wire would fail with "Connection terminated".
    await this.inFlight;
    await this.client?.end();
  }
}

async function runEngine(engine: DatabaseKind): Promise<EngineResult> {
  const started = performance.now();
  const requests = requestsFor(engine);
  const warmup = warmupFor(requests);
  const scope = `cases-intake ${engine}`;
  const database = await openScratchDatabase(engine, { prepare: PREPARE });
  progress(scope, `${database.where}; ${requests} requests per phase at concurrency ${CONCURRENCY}`);
  const db = database.db;
  const { rows: version } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);

  // The world: one street, a household with its resident (the reporter), the community staff who
  // own new cases (so each intake notifies two people) and a category handled by the grid.
  const cipher = new PiiCipher(crypto.randomBytes(32));
  const street = await makeStreet(db);
  const household = await makeHousehold(db, street.buildingA);
  const reporter = await makeResident(db, cipher, household);
  const category = await makeCategory(db, { handlerKind: 'grid' });
  const resident = await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: reporter.id });
  await makeUser(db, [{ role: 'community_staff', node: street.communityA }]);
  await makeUser(db, [{ role: 'community_staff', node: street.communityA }]);
  await makeUser(db, [{ role: 'street_admin', node: street.street }]);
  if (ACCOUNTS) await addResidentAccounts(db, [street.buildingA.id, street.buildingA2.id, street.buildingB.id], ACCOUNTS);
  const baselineDb = await createBaselineTable(db);

  const counter = new QueryCounter();
  const config = testConfig({ LOG_LEVEL: 'info' });
  const ctx: AppContext = { db: db.withPlugin(counter), dbKind: database.kind, config, cipher, log: createLogger(config) };
  const app = await buildApp(ctx, { serveWeb: false });
  const stopApp = onCleanup('stop the app', () => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const booted = process.memoryUsage();
  const client = new JsonClient(new URL(`http://127.0.0.1:${port}`), CONCURRENCY);

  const login = await client.post('/api/auth/login', { username: resident.username, password: TEST_PASSWORD });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.body}`);
  const auth = { authorization: `Bearer ${(JSON.parse(login.body) as { token: string }).token}` };

  const receivedAt = new Date();
  const deadline = performance.now() + MINUTES * 60_000;
  const ops = {
    baseline: async (i: number) => {
      await baselineDb
        .insertInto('bench_insert_baseline')
        .values({
          public_id: `B${i}`,
          street_id: street.street.id,
          community_id: street.communityA.id,
          grid_id: street.gridA.id,
          building_id: street.buildingA.id,
          household_id: household.id,
          org_path: street.buildingA.path,
          category_id: category.id,
          priority: 'normal',
          channel: 'resident_app',
          description: describe(i),
          address: household.address,
          reporter_resident_id: reporter.id,
          reporter_user_id: resident.id,
          reporter_name: resident.username,
          attributes: '{}',
          status: 'submitted',
          received_at: receivedAt,
          due_response_at: receivedAt,
        })
        .execute();
    },
  };
  // The HTTP phases are driven from a process of their own, so the server's event loop is its own.
  const load = new LoadClient();
  const stopLoad = onCleanup('stop the load client', async () => load.close());
  const origin = `http://127.0.0.1:${port}`;
  const post = (name: 'intake' | 'intake+key', count: number, firstIndex: number) =>
    load.run({
      origin,
      path: '/api/cases',
      headers: auth,
      ...(name === 'intake+key' ? { keyHeader: { name: 'idempotency-key', prefix: 'bench-' } } : {}),
      template: { categoryId: category.id, description: DESCRIPTIONS },
      concurrency: CONCURRENCY,
      count,
      firstIndex,
      timeLeftMs: deadline - performance.now(),
      expect: 201,
    });
  const runPhase = (name: PhaseName, count: number, firstIndex: number) =>
    name === 'baseline' ? runClosedLoop({ concurrency: CONCURRENCY, count, deadline, firstIndex, op: ops.baseline }) : post(name, count, firstIndex);

  for (const name of PHASES) {
    const w = await runPhase(name, warmup, 1_000_000);
    if (w.failed) throw new Error(`warm-up of ${name} failed: ${w.errors.join('; ')}`);
  }
  progress(scope, `warmed up (${warmup} of each); measuring`);

  const waits = new WaitSampler();
  if (engine === 'postgres') await waits.open(database.url!);
  const before = await countWrites(db);
  const memoryBefore = process.memoryUsage();
  const parts: Record<PhaseName, LoopResult[]> = { baseline: [], intake: [], 'intake+key': [] };
  const samplers: Record<PhaseName, MemorySampler> = { baseline: new MemorySampler(), intake: new MemorySampler(), 'intake+key': new MemorySampler() };
  const queries: Record<PhaseName, number> = { baseline: 0, intake: 0, 'intake+key': 0 };
  const clientCpu = CpuMeter.ofPid(load.pid);
  // The server's processes on this machine (a database elsewhere leaves this unread).
  const databaseCpu = engine === 'postgres' && isLocal(database.url!) ? CpuMeter.ofCommand('postgres') : undefined;
  const backendsCpu = databaseCpu && CpuMeter.ofPostgresDatabase(new URL(database.url!).pathname.slice(1), waits.backendPid ? [waits.backendPid] : []);
  const cpu = Object.fromEntries(PHASES.map((name) => [name, { app: 0, client: 0, database: databaseCpu ? 0 : null, backends: backendsCpu ? 0 : null }])) as Record<PhaseName, PhaseResult['cpu']>;
  const phaseProfile = new PhaseProfile();
  const perBlock = Math.ceil(requests / BLOCKS);
  for (let block = 0; block < BLOCKS; block++) {
    for (const name of PHASES) {
      const count = Math.min(perBlock, requests - block * perBlock);
      if (count <= 0) continue;
      const queriesBefore = counter.count;
      samplers[name].start();
      if (engine === 'postgres') waits.start(name);
      const appBefore = process.cpuUsage();
      clientCpu.begin();
      databaseCpu?.begin();
      backendsCpu?.begin();
      if (name === PROFILED_PHASE) await phaseProfile.start();
      parts[name].push(await runPhase(name, count, block * perBlock));
      if (name === PROFILED_PHASE) await phaseProfile.stop(path.join(process.env.BENCH_CPU_PROF ?? '.', `intake-${engine}-${name}-${block + 1}.cpuprofile`));
      const appCpu = process.cpuUsage(appBefore);
      cpu[name] = {
        app: cpu[name].app + (appCpu.user + appCpu.system) / 1000,
        client: plus(cpu[name].client, clientCpu.end()),
        database: plus(cpu[name].database, databaseCpu?.end() ?? null),
        backends: plus(cpu[name].backends, backendsCpu?.end() ?? null),
      };
      waits.stop();
      samplers[name].stop();
      queries[name] += counter.count - queriesBefore;
    }
    progress(scope, `block ${block + 1}/${BLOCKS} done`);
  }
  await waits.close();
  const after = await countWrites(db);

  const phases = PHASES.map((name): PhaseResult => {
    const loop = mergeLoops(parts[name]);
    const perOp = (total: number | null) => (total === null ? null : total / Math.max(1, loop.ok));
    return {
      name,
      ok: loop.ok,
      failed: loop.failed,
      elapsedMs: loop.elapsedMs,
      opsPerSec: (loop.ok / loop.elapsedMs) * 1000,
      latency: summarize(loop.latenciesMs),
      peakRss: samplers[name].peakRss,
      peakHeapUsed: samplers[name].peakHeapUsed,
      queriesPerOp: queries[name] / Math.max(1, loop.ok),
      cpu: { app: perOp(cpu[name].app)!, client: perOp(cpu[name].client), database: perOp(cpu[name].database), backends: perOp(cpu[name].backends) },
      errors: loop.errors,
      hitDeadline: loop.hitDeadline,
    };
  });
  const intakes = phases.filter((p) => p.name !== 'baseline').reduce((a, p) => a + p.ok, 0);
  const keyed = phases.find((p) => p.name === 'intake+key')?.ok ?? 0;
  const writesPerIntake = Object.fromEntries(
    Object.keys(WRITE_COUNTS).map((t) => [t, (after[t]! - before[t]!) / Math.max(1, t === 'idempotency_key' ? keyed : intakes)]),
  );
  if (after.cases! - before.cases! !== intakes) throw new Error(`${intakes} intakes answered 201 but ${after.cases! - before.cases!} cases were written`);

  client.close();
  await stopLoad();
  await stopApp();
  await database.close();
  return {
    engine,
    where: database.where,
    requests,
    warmup,
    rssBooted: booted.rss,
    rssBefore: memoryBefore.rss,
    heapUsedBefore: memoryBefore.heapUsed,
    phases,
    writesPerIntake,
    waits: waits.byPhase,
    serverVersion: version[0]!.v,
    ms: performance.now() - started,
  };
}

/** Demand i's text (the load client picks by i mod 2 and writes i in). */
const DESCRIPTIONS = ['小区门口垃圾堆放，已经三天没人处理，请尽快安排（压测 {i}）', '楼道灯坏了，已经三天没人处理，请尽快安排（压测 {i}）'];
const describe = (i: number) => DESCRIPTIONS[i % 2]!.replaceAll('{i}', String(i));

const LABEL: Record<PhaseName, string> = {
  baseline: 'baseline: single-row INSERT',
  intake: 'intake: POST /api/cases',
  'intake+key': 'intake with Idempotency-Key',
};

function report(results: readonly EngineResult[], skipped: readonly string[]): string {
  const lines: string[] = [];
  lines.push(
    `Concurrency ${CONCURRENCY} (closed loop, keep-alive), pool ${POOL_SIZE} connections on PostgreSQL (PGlite has one), ` +
      `PostgreSQL's ${PREPARE ? 'parameterised statements prepared once per connection' : 'statements unnamed, parsed and planned each time (--no-prepare)'}, the baseline INSERT's as well; ${BLOCKS} blocks of each phase taking turns; memory sampled every 50 ms; ` +
      `${ACCOUNTS ? `${int(ACCOUNTS)} other resident accounts in the street` : 'no other accounts in the street (--accounts N adds them)'}; request logging at info, to /dev/null.`,
    '',
  );
  const rows = results.flatMap((r) => {
    const base = r.phases.find((p) => p.name === 'baseline')!;
    return r.phases.map((p) => [
      r.engine,
      LABEL[p.name],
      `${int(p.ok)}${p.failed ? ` (${p.failed} failed)` : ''}${p.hitDeadline ? ' (time limit)' : ''}`,
      int(p.opsPerSec),
      p.name === 'baseline' ? '1.00' : ratio(p.opsPerSec / base.opsPerSec),
      ms(p.latency.p50),
      ms(p.latency.p95),
      ms(p.latency.p99),
      p.queriesPerOp ? p.queriesPerOp.toFixed(1) : '1',
      mib(p.peakRss),
      mib(p.peakHeapUsed),
    ]);
  });
  lines.push(
    table(
      ['engine', 'phase', 'ops', 'ops/s', '÷ baseline', 'p50 ms', 'p95 ms', 'p99 ms', 'statements/op', 'peak RSS MiB', 'peak heapUsed MiB'],
      rows,
      [false, false, true, true, true, true, true, true, true, true, true],
    ),
  );
  const cpuMs = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  lines.push(
    '',
    `CPU per operation (ms, user + system, from process.cpuUsage and /proc): the app's process (on PGlite it holds the database too), the load client's process, and every PostgreSQL server process (backends and background workers, other databases' sessions too; read only when the server is on this machine), and of those the backends of this benchmark's database alone (not the wait sampler's); the machine has ${os.availableParallelism()} cores.`,
    '',
    table(
      ['engine', 'phase', 'app', 'load client', 'database', "this database's backends", 'total', 'total ÷ baseline total'],
      results.flatMap((r) => {
        const total = (p: PhaseResult) => p.cpu.app + (p.cpu.client ?? 0) + (p.cpu.database ?? 0);
        const base = total(r.phases.find((p) => p.name === 'baseline')!);
        return r.phases.map((p) => [r.engine, LABEL[p.name], cpuMs(p.cpu.app), cpuMs(p.cpu.client), cpuMs(p.cpu.database), cpuMs(p.cpu.backends), cpuMs(total(p)), ratio(total(p) / base)]);
      }),
      [false, false, true, true, true, true, true, true],
    ),
  );
  lines.push('');
  for (const r of results) {
    lines.push(
      `- ${r.engine} (server ${r.serverVersion}, ${r.where.replace(/ [^ ]+$/, '')}): RSS ${mib(r.rssBooted)} MiB once listening, ${mib(r.rssBefore)} MiB (heapUsed ${mib(r.heapUsedBefore)} MiB) after the warm-up of ${r.warmup} of each phase` +
        `${r.engine === 'pglite' ? '; PGlite runs inside the process, so its RSS includes the database engine (its WASM memory)' : ''}; run took ${(r.ms / 1000).toFixed(0)} s.`,
    );
  }
  for (const s of skipped) lines.push(`- ${s}`);
  const first = results[0];
  if (first) {
    lines.push('', 'What one intake wrote (measured: rows added ÷ intakes; the same on both engines):', '');
    lines.push(
      table(
        ['engine', ...Object.keys(first.writesPerIntake)],
        results.map((r) => [r.engine, ...Object.values(r.writesPerIntake).map((n) => n.toFixed(2))]),
        [false, ...Object.keys(first.writesPerIntake).map(() => true)],
      ),
    );
    lines.push(
      '',
      'Intakes that arrive while earlier ones are being written are taken in together (group commit, server/modules/cases/intake-queue.ts; at most 2 groups at once, 64 per group), ' +
        'so statements/op is the statements of a group shared by its intakes. A group: its sessions looked up in one query (requests arriving together share it too), ' +
        'every multi-row INSERT with its rows in one JSON parameter (one statement text, prepared once, for any group size), the categories with their time-limit rules and the reporters’ households (one query each), the cases INSERT with the owners to notify in the same statement (the public id’s `nextval` inside it), ' +
        'timeline rows, deadline jobs, inbox rows and outbox rows in one statement (data-modifying CTEs), the counters’ changes appended to the roll-up delta (one INSERT; folded in the background), ' +
        'the lane’s audit-chain advisory lock, its chain head and the audit rows (16 lanes per street, picked at random per transaction). ' +
        'With Idempotency-Keys it also claims the keys first and stores the answers, one statement each. The baseline is one INSERT and its commit.',
    );
  }
  for (const r of results.filter((x) => Object.keys(x.waits).length)) {
    const names = PHASES.filter((p) => r.waits[p]);
    const kinds = [...new Set(names.flatMap((p) => Object.keys(r.waits[p]!)))];
    const totals = Object.fromEntries(names.map((p) => [p, Object.values(r.waits[p]!).reduce((a, b) => a + b, 0)]));
    const share = (p: PhaseName, k: string) => `${((100 * (r.waits[p]![k] ?? 0)) / Math.max(1, totals[p]!)).toFixed(0)}%`;
    lines.push('', `Where the app's ${r.engine} connections were (pg_stat_activity every 50 ms; share of connection samples):`, '');
    kinds.sort((a, b) => (r.waits.intake?.[b] ?? 0) - (r.waits.intake?.[a] ?? 0));
    lines.push(table(['state / wait event', ...names.map((p) => LABEL[p])], kinds.map((k) => [k, ...names.map((p) => share(p, k))]), [false, ...names.map(() => true)]));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const only = stringOption('engine') as DatabaseKind | undefined;
  if (only && only !== 'postgres' && only !== 'pglite') throw new Error('--engine must be postgres or pglite');
  if (flag('child')) {
    // One engine in this process; the result goes back over the IPC channel.
    const result = await runEngine(only!);
    await new Promise<void>((resolve, reject) => process.send!(result, undefined, {}, (err) => (err ? reject(err) : resolve())));
    process.disconnect();
    return;
  }
  const skipped: string[] = [];
  const engines: DatabaseKind[] = [];
  for (const engine of only ? [only] : (['postgres', 'pglite'] as const)) {
    if (engine === 'postgres' && !postgresUrl()) skipped.push('PostgreSQL skipped: set TEST_DATABASE_URL to run it.');
    else engines.push(engine);
  }
  const results: EngineResult[] = [];
  const self = fileURLToPath(import.meta.url);
  const forwarded = process.argv.slice(2).filter((a, i, all) => a !== '--engine' && all[i - 1] !== '--engine');
  for (const engine of engines) {
    const run = await runScript<EngineResult>(self, [...forwarded, '--child', '--engine', engine], {
      timeoutMs: (MINUTES + 5) * 60_000,
      stdout: 'discard',
      ipc: true,
    });
    const result = run.messages[0];
    if (!result) throw new Error(`the ${engine} run ended without a result (exit ${run.code ?? run.signal}${run.timedOut ? ', time limit' : ''})`);
    results.push(result);
  }
  console.log(report(results, skipped));
}

runMain(main);
