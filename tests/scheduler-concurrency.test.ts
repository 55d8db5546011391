import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchedulerOnce, type SchedulerCounts } from '../server/modules/cases/scheduler/run-scheduler.js';
import { verifyAuditChain } from '../server/platform/audit/verify-audit.js';
import { makeCategory } from './helpers/case-factories.js';
import { after, makeCaseWorld, minutes, type CaseWorld } from './helpers/scheduler-world.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Many processes on one PostgreSQL must never send or escalate twice. 200 cases: 100 with a
 * 10-hour limit (at +9 h: a reminder is due), 100 with a 2-hour limit (at +9 h: overdue, then
 * escalated to the community and to the street). Every response job is stale (accepted at once).
 */
const CASES_PER_KIND = 100;
const EXPECTED = { stale: 4 * CASES_PER_KIND, reminded: CASES_PER_KIND, superseded: CASES_PER_KIND, overdue: CASES_PER_KIND, escalated: 2 * CASES_PER_KIND, at_top: 0, failed: 0 };

interface Load {
  world: CaseWorld;
  slow: number[];
  fast: number[];
  now: Date;
}

async function makeLoad(t: TestApp): Promise<Load> {
  const world = await makeCaseWorld(t, { responseMinutes: 60, resolutionMinutes: 600 });
  const fastCategory = await makeCategory(t.ctx.db, { handlerKind: 'grid', responseMinutes: 30, resolutionMinutes: 120 });
  const open = async (categoryId: number, n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => world.openCase(categoryId)));
      ids.push(...batch.map((c) => c.id));
    }
    return ids;
  };
  const slow = await open(world.category.id, CASES_PER_KIND);
  const fast = await open(fastCategory.id, CASES_PER_KIND);
  return { world, slow, fast, now: after(new Date(), minutes(9 * 60)) };
}

function sum(all: Partial<SchedulerCounts>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const counts of all) for (const [k, v] of Object.entries(counts)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
  return total;
}

/** Each effect exactly once per job, whichever process did it. */
async function expectEachJobDoneOnce(t: TestApp, load: Load) {
  const db = t.ctx.db;
  const ids = [...load.slow, ...load.fast];
  const pending = await db.selectFrom('case_deadline_job').select('id').where('case_id', 'in', ids).where('done_at', 'is', null).where('run_at', '<=', load.now).execute();
  expect(pending).toEqual([]);

  const supervision = await db
    .selectFrom('case_supervision')
    .select(['case_id', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`string_agg(kind || ':' || level, ',' order by id)`.as('trail')])
    .where('case_id', 'in', ids)
    .groupBy('case_id')
    .execute();
  const trails = new Map(supervision.map((r) => [r.case_id, r.trail]));
  for (const id of load.slow) expect(trails.get(id)).toBe('reminder:0');
  for (const id of load.fast) expect(trails.get(id)).toBe('overdue:0,escalated:1,escalated:2');

  const doubled = await db
    .selectFrom('notification')
    .select(['case_id', 'kind', 'user_id'])
    .where('case_id', 'in', ids)
    .groupBy(['case_id', 'kind', 'user_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(doubled).toEqual([]);
  const notices = await db.selectFrom('notification').select(['kind', (eb) => eb.fn.countAll<string>().as('n')]).where('case_id', 'in', ids).where('kind', 'like', 'case.%').groupBy('kind').execute();
  const byKind = Object.fromEntries(notices.map((n) => [n.kind, Number(n.n)]));
  // reminder → the grid worker; overdue → grid worker and community staff; escalated → community staff, then street admin.
  expect(byKind).toMatchObject({ 'case.reminder': CASES_PER_KIND, 'case.overdue': 2 * CASES_PER_KIND, 'case.escalated': 2 * CASES_PER_KIND });

  const cases = await db.selectFrom('cases').select(['id', 'overdue', 'supervision_level']).where('id', 'in', ids).execute();
  expect(cases.filter((c) => c.overdue).map((c) => c.id).sort((a, b) => a - b)).toEqual([...load.fast].sort((a, b) => a - b));
  expect(cases.filter((c) => c.supervision_level === 2)).toHaveLength(CASES_PER_KIND);
  const rates = await db
    .selectFrom('case_rate_daily_live')
    .select(['unit_kind', (eb) => eb.fn.sum<string>('overdue').as('overdue')])
    .where('street_id', '=', load.world.street.street.id)
    .groupBy('unit_kind')
    .orderBy('unit_kind')
    .execute();
  expect(rates.map((r) => [r.unit_kind, Number(r.overdue)])).toEqual([
    ['community', CASES_PER_KIND],
    ['grid', CASES_PER_KIND],
    ['street', CASES_PER_KIND],
  ]);
  const audit = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('actor_name', '=', 'scheduler').executeTakeFirstOrThrow();
  expect(Number(audit.n)).toBe(EXPECTED.reminded + EXPECTED.overdue + EXPECTED.escalated);
  expect((await verifyAuditChain(db)).ok).toBe(true);
}

const tsx = (script: string, args: string[]) =>
  spawn('npx', ['tsx', script, ...args], { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] });

describe.runIf(process.env.GZ_TEST_DB === 'postgres')('scheduler with several processes on one PostgreSQL', () => {
  describe('two separate Node processes', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t?.close());

    it('does every job exactly once between them', async () => {
      const load = await makeLoad(t);
      const url = (t.database as { url?: string }).url!;
      const workers = ['worker-a', 'worker-b'].map((id) => {
        const child = tsx('tests/helpers/scheduler-worker.ts', [url, load.now.toISOString(), id]);
        const lines = readline.createInterface({ input: child.stdout! });
        const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
        const result = new Promise<Partial<SchedulerCounts> & { workerId: string; rounds: number }>((resolve, reject) => {
          let last = '';
          lines.on('line', (l) => (last = l));
          child.on('close', (code) => (code === 0 ? resolve(JSON.parse(last)) : reject(new Error(`${id} exited with ${code}`))));
        });
        return { child, ready, result };
      });
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.child.stdin!.end('go\n');
      const results = await Promise.all(workers.map((w) => w.result));
      console.info('two-process scheduler run:', JSON.stringify(results));

      // Both processes took part, and together they did each job once.
      for (const r of results) expect(r.total).toBeGreaterThan(0);
      expect(sum(results)).toMatchObject({ ...EXPECTED, total: 900 });
      await expectEachJobDoneOnce(t, load);
    }, 180_000);
  });

  describe('several rounds at once in one process, on separate pool connections', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t?.close());

    it('does every job exactly once', async () => {
      const load = await makeLoad(t);
      const drain = async (workerId: string) => {
        const all: SchedulerCounts[] = [];
        for (;;) {
          const counts = await runSchedulerOnce(t.ctx, { now: load.now, workerId, limit: 20 });
          all.push(counts);
          if (counts.total === 0) return sum(all);
        }
      };
      const results = await Promise.all(['a', 'b', 'c', 'd'].map(drain));
      console.info('four concurrent in-process rounds:', JSON.stringify(results));
      expect(results.filter((r) => (r.total ?? 0) > 0).length).toBeGreaterThan(1);
      expect(sum(results)).toMatchObject({ ...EXPECTED, total: 900 });
      await expectEachJobDoneOnce(t, load);
    }, 180_000);
  });
});
