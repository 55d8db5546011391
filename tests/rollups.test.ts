import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkCaseRates } from '../server/modules/cases/rollups/check-case-rates.js';
import { storedRates } from '../server/modules/cases/rollups/repository.js';
import { sumCounters } from '../server/modules/cases/rates/repository.js';
import { foldRollups } from '../server/modules/cases/rollups/fold-rollups.js';
import { rebuildCaseRates } from '../server/modules/cases/rollups/rebuild-case-rates.js';
import { runSchedulerOnce } from '../server/modules/cases/scheduler/run-scheduler.js';
import { Random } from '../server/modules/demo/random.js';
import { rebuildRates } from '../scripts/rebuild-rates.js';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, loginAll, makeResidentUser, makeStreet, makeUser, type NodeRef } from './helpers/factories.js';
import { multipart } from './helpers/multipart.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The roll-up rebuild must produce exactly what the incremental writes produce. Cases are driven
 * through the HTTP API (and the scheduler) with a fake clock that starts at 23:40 in Shanghai on
 * the last day of February, so counters land on several local days, some of them across the
 * UTC/local midnight split, and in two months.
 */

let t: TestApp;
let clock = Date.parse('2025-02-28T15:40:00Z');
/** Moves the application clock on (only Date is faked; timers and the database run for real). */
const tick = (minutes: number) => vi.setSystemTime((clock += Math.round(minutes * 60_000)));
const scheduler = () => runSchedulerOnce(t.ctx, { now: new Date(clock), workerId: 'rollups-test' });

type Handling = 'grid' | 'department' | 'property_company';
type World = Awaited<ReturnType<typeof makeWorld>>;
let seq = 0;

/** A street with a department, a second department, a property company serving building B, and their people. */
async function makeWorld() {
  const db = t.ctx.db;
  const n = ++seq;
  const s = await makeStreet(db);
  const dept = await makeOrganisation(db, s.street, 'department', `城管执法队${n}`);
  const otherDept = await makeOrganisation(db, s.street, 'department', `市场监管所${n}`);
  const prop = await makeOrganisation(db, s.street, 'property_company', `安居物业${n}`);
  const estate = await db.insertInto('estate').values({ community_id: s.communityB.id, street_id: s.street.id, org_path: s.communityB.path, name: `乙小区${n}` }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('org_node').set({ estate_id: estate.id }).where('id', '=', s.buildingB.id).execute();
  await db.insertInto('property_service').values({ organisation_id: prop.id, estate_id: estate.id }).execute();
  const limits = { responseMinutes: 60, resolutionMinutes: 600 };
  const categories: Record<Handling, number> = {
    grid: (await makeCategory(db, { handlerKind: 'grid', ...limits })).id,
    department: (await makeCategory(db, { handlerKind: 'department', department: dept.name, ...limits })).id,
    property_company: (await makeCategory(db, { handlerKind: 'property_company', ...limits })).id,
  };
  const resident = (building: NodeRef) => makeResidentUser(db, t.ctx.cipher, building);
  const users = {
    residentA: await resident(s.buildingA),
    residentB: await resident(s.buildingB),
    admin: await makeUser(db, [{ role: 'street_admin', node: s.street }]),
    gridA: await makeUser(db, [{ role: 'grid_worker', node: s.gridA }]),
    gridB: await makeUser(db, [{ role: 'grid_worker', node: s.gridB }]),
    dept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.id }),
    otherDept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: otherDept.id }),
    prop: await makeUser(db, [{ role: 'property_handler', node: s.street }], { organisationId: prop.id }),
  };
  const tokens = await loginAll(t.app, users);
  return { s, dept, otherDept, prop, categories, tokens };
}

interface Handle {
  id: number;
  home: 'A' | 'B';
  handler: string | null;
  status: string;
}

/** Drives cases of a world through the API as the people whose job each step is. */
function driver(w: World) {
  const tk = w.tokens;
  const post = async (token: string, url: string, payload: object = {}) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json().case as { id: number; status: string; handler: { kind: string | null; orgId: number | null } };
  };
  const handlerToken = (c: { handler: { kind: string | null; orgId: number | null } }, home: 'A' | 'B') =>
    c.handler.kind === 'department' ? (c.handler.orgId === w.dept.id ? tk.dept : tk.otherDept) : c.handler.kind === 'property_company' ? tk.prop : home === 'A' ? tk.gridA : tk.gridB;
  const resident = (h: Handle) => (h.home === 'A' ? tk.residentA : tk.residentB);
  const act = async (h: Handle, token: string, action: string, payload: object = {}) => {
    const c = await post(token, `/api/cases/${h.id}/${action}`, payload);
    h.status = c.status;
    if (action === 'dispatch') h.handler = handlerToken(c, h.home);
    if (action === 'return') h.handler = null;
    return h;
  };
  return {
    submit: async (home: 'A' | 'B', handling: Handling): Promise<Handle> => {
      const c = await post(home === 'A' ? tk.residentA : tk.residentB, '/api/cases', { categoryId: w.categories[handling], description: `测试 ${handling}` });
      return { id: c.id, home, handler: null, status: c.status };
    },
    accept: (h: Handle) => act(h, tk.admin, 'accept'),
    dispatch: (h: Handle, to?: { handlerKind: string; handlerOrgId?: number; handlerNodeId?: number }) => act(h, tk.admin, 'dispatch', to ?? {}),
    take: (h: Handle) => act(h, h.handler!, 'take'),
    reply: (h: Handle) => act(h, h.handler!, 'reply', { reply: '已处理' }),
    ret: (h: Handle) => act(h, h.handler!, 'return', { reason: '不属于本单位' }),
    rate: (h: Handle, satisfaction: string, resolved: boolean) => act(h, resident(h), 'rate', { satisfaction, resolved }),
    reopen: (h: Handle) => act(h, resident(h), 'reopen', { reason: '问题又出现了' }),
    close: (h: Handle) => act(h, tk.admin, 'close', { reason: '回访未接通' }),
    closeUnresolved: (h: Handle) => act(h, tk.admin, 'close-unresolved', { reason: '需区级立项' }),
    withdraw: (h: Handle) => act(h, resident(h), 'withdraw', { reason: '已自行解决' }),
    merge: (h: Handle, into: Handle) => act(h, tk.admin, 'merge', { intoCaseId: into.id }),
    fixOnSpot: async () => {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from([0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9])]);
      const body = multipart({ case: JSON.stringify({ categoryId: w.categories.grid, description: '楼道堆放杂物', buildingId: w.s.buildingA.id }), note: '已清理' }, [
        { field: 'file', name: 'after.jpg', type: 'image/jpeg', data: jpeg },
      ]);
      const res = await t.app.inject({ method: 'POST', url: '/api/cases/fixed-on-spot', headers: { ...bearer(tk.gridA), ...body.headers }, payload: body.payload });
      if (res.statusCode !== 201) throw new Error(`fixed-on-spot: ${res.statusCode} ${res.body}`);
    },
  };
}

/** The counters as readers see them: each key summed over its lanes. */
const rateRows = () => storedRates(t.ctx.db, 'case_rate_daily');
const rollupRows = () => storedRates(t.ctx.db, 'case_rollup_daily');
/** The monthly rates as readers see them; `day` is the month's first day. */
const monthlyRows = () => storedRates(t.ctx.db, 'case_rate_monthly');
/** The rows as stored, one per key and lane (migration 008). */
const laneRows = (table: 'case_rate_daily' | 'case_rate_monthly' | 'case_rollup_daily') => t.ctx.db.selectFrom(table).selectAll().execute();
/** Adds `n` to a counter in one of the lanes its key is stored in, as a corruption would. */
async function addInOneLane(table: 'case_rate_daily' | 'case_rate_monthly' | 'case_rollup_daily', key: Awaited<ReturnType<typeof rollupRows>>[number], counter: (typeof COUNTERS)[number], n: number) {
  const keys = table === 'case_rollup_daily' ? (['day', 'unit_kind', 'unit_id', 'street_id', 'category_id', 'channel'] as const) : (['day', 'unit_kind', 'unit_id', 'street_id'] as const);
  const column = (k: string) => (k === 'day' && table === 'case_rate_monthly' ? 'month' : k);
  const matches = sql.join(keys.map((k) => sql`${sql.ref(column(k))} = ${key[k]}`), sql` and `);
  const r = await sql`
    update ${sql.table(table)} set ${sql.ref(counter)} = ${sql.ref(counter)} + ${n}
    where ${matches} and lane = (select min(lane) from ${sql.table(table)} where ${matches})`.execute(t.ctx.db);
  expect(Number(r.numAffectedRows)).toBe(1);
}
const COUNTERS = ['received', 'responded_in_time', 'rated', 'rated_resolved', 'rated_satisfied', 'overdue', 'reopened'] as const;

type Row = Awaited<ReturnType<typeof rollupRows>>[number];

/** Rows summed by unit and day (or, with `monthly`, the month's first day), in key order. */
function byUnit(rows: Row[], monthly = false) {
  const sums = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const day = monthly ? `${r.day.slice(0, 7)}-01` : r.day;
    const key = `${day}|${r.unit_kind}|${r.unit_id}|${r.street_id}`;
    const row = sums.get(key) ?? { day, unit_kind: r.unit_kind, unit_id: r.unit_id, street_id: r.street_id, ...Object.fromEntries(COUNTERS.map((k) => [k, 0])) };
    for (const k of COUNTERS) row[k] = (row[k] as number) + r[k];
    sums.set(key, row);
  }
  const order = (r: Record<string, unknown>) => [r.day, r.unit_kind, String(r.unit_id).padStart(12, '0'), String(r.street_id).padStart(12, '0')].join('|');
  return [...sums.values()].sort((a, b) => order(a).localeCompare(order(b)));
}
/** case_rollup_daily summed over category and channel, in the shape and order of rateRows(). */
const rollupByUnit = async () => byUnit(await rollupRows());
/** case_rate_daily summed by month, in the shape and order of monthlyRows(). */
const dailyByMonth = async () => byUnit(await rateRows(), true);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  // The fake clock runs for days: sessions must outlive it.
  t = await createTestApp({ SESSION_TTL_HOURS: '100000' });
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

describe('roll-up rebuild of the three rates', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it('agrees with the incremental counters after a varied set of cases', async () => {
    const d = driver(w);
    const handled = async (h: Handle, to?: Parameters<typeof d.dispatch>[1]) => {
      await d.accept(h);
      tick(3);
      await d.dispatch(h, to);
      tick(5);
      await d.take(h);
      tick(7);
      return d.reply(h);
    };
    const satisfied = await handled(await d.submit('A', 'grid'));
    await d.rate(satisfied, 'satisfied', true);
    const basically = await handled(await d.submit('A', 'department'));
    await d.rate(basically, 'basically_satisfied', false);
    // Dissatisfied → reopened → dispatched again (to the other department) → rated again, past local midnight.
    const redone = await handled(await d.submit('A', 'department'));
    await d.rate(redone, 'dissatisfied', false);
    tick(9);
    await d.dispatch(redone, { handlerKind: 'department', handlerOrgId: w.otherDept.id });
    await d.take(redone);
    await d.reply(redone);
    tick(11);
    await d.rate(redone, 'satisfied', true);
    // Returned by the grid, sent to a department, rated; then reopened by the resident.
    const returned = await d.submit('B', 'grid');
    await d.accept(returned);
    await d.dispatch(returned);
    await d.ret(returned);
    await d.dispatch(returned, { handlerKind: 'department', handlerOrgId: w.dept.id });
    await d.take(returned);
    await d.reply(returned);
    await d.rate(returned, 'basically_satisfied', true);
    tick(60 * 20);
    await d.reopen(returned);
    await d.dispatch(returned);
    // A property case closed without rating, an honest close_unresolved after a late response.
    await d.close(await handled(await d.submit('B', 'property_company')));
    const late = await d.submit('A', 'grid');
    tick(90);
    await scheduler(); // the response limit passed: overdue, counted on the day it passed
    await d.accept(late);
    await d.closeUnresolved(late);
    // Duplicates, withdrawals and a fix on the spot.
    const first = await d.submit('A', 'grid');
    await d.merge(await d.submit('A', 'grid'), first);
    await d.withdraw(await d.submit('B', 'department'));
    await d.fixOnSpot();
    // Overdue while with a department, escalated, returned, dispatched again and overdue again.
    const slow = await d.submit('A', 'department');
    await d.accept(slow);
    await d.dispatch(slow);
    tick(24 * 60);
    await scheduler();
    await scheduler();
    await d.ret(slow);
    await d.dispatch(slow, { handlerKind: 'department', handlerOrgId: w.otherDept.id });
    tick(11 * 60);
    await scheduler();
    await d.take(slow);
    await d.reply(slow);
    await d.rate(slow, 'dissatisfied', true);

    const rows = await rateRows();
    const sum = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + Number(r[k]), 0);
    for (const k of COUNTERS) expect(sum(k), k).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.day)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.unit_kind === 'department' && r.unit_id === w.otherDept.id && r.overdue > 0)).toBe(true);
    // The analysis roll-up splits the same counters by category and channel, and sums back to the rates.
    const rollup = await rollupRows();
    expect(new Set(rollup.map((r) => r.category_id)).size).toBe(3);
    expect(new Set(rollup.map((r) => r.channel))).toEqual(new Set(['resident_app', 'patrol']));
    expect(await rollupByUnit()).toEqual(rows);
    // The monthly rates are the daily ones summed by month, and the counters span two months.
    const monthly = await monthlyRows();
    expect(new Set(monthly.map((r) => r.day))).toEqual(new Set(['2025-02-01', '2025-03-01']));
    expect(monthly).toEqual(await dailyByMonth());
    expect(await checkCaseRates(t.ctx.db)).toEqual([]);

    // The transitions appended their changes to the delta and wrote no folded row (migration 015).
    const pending = await t.ctx.db.selectFrom('case_rollup_delta').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(pending.n).toBeGreaterThan(0);
    expect(await laneRows('case_rollup_daily')).toEqual([]);
    // Folding moves every change into the three tables, in small batches too, and no sum changes.
    expect(await foldRollups(t.ctx.db, { batch: 7 })).toBe(pending.n);
    expect(await t.ctx.db.selectFrom('case_rollup_delta').selectAll().execute()).toEqual([]);
    expect(await foldRollups(t.ctx.db)).toBe(0);
    expect(await rateRows()).toEqual(rows);
    expect(await rollupRows()).toEqual(rollup);
    expect(await monthlyRows()).toEqual(monthly);
    expect((await laneRows('case_rollup_daily')).length).toBe(rollup.length);
    expect(await checkCaseRates(t.ctx.db)).toEqual([]);
  });

  it('sums a range from the monthly rows for its whole months and the daily rows for the rest', async () => {
    const rows = await rateRows();
    const units = [...new Set(rows.filter((r) => r.unit_kind === 'grid').map((r) => r.unit_id))];
    expect(units.length).toBeGreaterThanOrEqual(2);
    const fromDays = (from: string, to: string) => {
      const sums = new Map(units.map((id) => [id, Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Record<(typeof COUNTERS)[number], number>]));
      for (const r of rows) if (r.unit_kind === 'grid' && r.day >= from && r.day <= to) for (const k of COUNTERS) sums.get(r.unit_id)![k] += r[k];
      return sums;
    };
    const ranges = [
      ['2025-03-01', '2025-03-31'],
      ['2025-02-01', '2025-03-31'],
      ['2025-02-28', '2025-04-02'],
      ['2025-02-28', '2025-03-01'],
      ['2025-03-02', '2025-03-03'],
      ['2025-01-15', '2025-02-27'],
    ] as const;
    for (const [from, to] of ranges) {
      const sums = await sumCounters(t.ctx.db, { kind: 'grid', unitIds: units, range: { from, to }, streets: null });
      expect(sums, `${from}..${to}`).toEqual(fromDays(from, to));
    }
    // Whole months are read from case_rate_monthly: a counter there alone shows in the month's sum.
    const month = (await monthlyRows()).find((r) => r.unit_kind === 'grid' && r.day === '2025-03-01')!;
    await addInOneLane('case_rate_monthly', month, 'reopened', 5);
    const marked = await sumCounters(t.ctx.db, { kind: 'grid', unitIds: [month.unit_id], range: { from: '2025-02-28', to: '2025-03-31' }, streets: null });
    expect(marked.get(month.unit_id)!.reopened).toBe(fromDays('2025-02-28', '2025-03-31').get(month.unit_id)!.reopened + 5);
    await addInOneLane('case_rate_monthly', month, 'reopened', -5);
  });

  it('names a corrupted counter, and the rebuild restores the table exactly', async () => {
    const db = t.ctx.db;
    const before = await rateRows();
    const monthlyBefore = await monthlyRows();
    const rollupBefore = await rollupRows();
    const [laneRowsBefore, rollupLaneRowsBefore] = [(await laneRows('case_rate_daily')).length, (await laneRows('case_rollup_daily')).length];
    const victim = before.find((r) => r.unit_kind === 'department' && r.rated > 0)!;
    const gone = before.find((r) => r.unit_kind === 'grid' && r.received > 0)!;
    // One lane's row of the victim's counter gains 2; every lane of the gone one is deleted.
    await addInOneLane('case_rate_daily', victim, 'rated_satisfied', 2);
    await db.deleteFrom('case_rate_daily').where('day', '=', gone.day).where('unit_kind', '=', gone.unit_kind).where('unit_id', '=', gone.unit_id).execute();
    await db.insertInto('case_rate_daily').values({ day: '2020-01-01', unit_kind: 'street', unit_id: w.s.street.id, street_id: w.s.street.id, overdue: 4 }).execute();
    // and in the monthly rates: one counter changed
    const monthlyVictim = monthlyBefore.find((r) => r.unit_kind === 'community' && r.received > 0)!;
    await addInOneLane('case_rate_monthly', monthlyVictim, 'received', 3);
    // and in the analysis roll-up: one counter changed, one row gone
    const rollupVictim = rollupBefore.find((r) => r.unit_kind === 'grid' && r.channel === 'patrol' && r.received > 0)!;
    const rollupGone = rollupBefore.find((r) => r.unit_kind === 'department' && r.overdue > 0)!;
    await addInOneLane('case_rollup_daily', rollupVictim, 'received', 1);
    await db.deleteFrom('case_rollup_daily').where('day', '=', rollupGone.day).where('unit_kind', '=', rollupGone.unit_kind).where('unit_id', '=', rollupGone.unit_id).where('category_id', '=', rollupGone.category_id).where('channel', '=', rollupGone.channel).execute();

    const differences = await checkCaseRates(db);
    const rate = { table: 'case_rate_daily', streetId: w.s.street.id, categoryId: null, channel: null };
    expect(differences).toContainEqual({ ...rate, day: victim.day, unitKind: 'department', unitId: victim.unit_id, counter: 'rated_satisfied', stored: victim.rated_satisfied + 2, expected: victim.rated_satisfied });
    expect(differences).toContainEqual({ ...rate, day: gone.day, unitKind: 'grid', unitId: gone.unit_id, counter: 'received', stored: 0, expected: gone.received });
    expect(differences).toContainEqual({ ...rate, day: '2020-01-01', unitKind: 'street', unitId: w.s.street.id, counter: 'overdue', stored: 4, expected: 0 });
    expect(differences.filter((d) => d.table === 'case_rate_monthly')).toEqual([
      { ...rate, table: 'case_rate_monthly', day: monthlyVictim.day, unitKind: 'community', unitId: monthlyVictim.unit_id, counter: 'received', stored: monthlyVictim.received + 3, expected: monthlyVictim.received },
    ]);
    const rolled = (r: typeof rollupVictim) => ({ table: 'case_rollup_daily', day: r.day, unitKind: r.unit_kind, unitId: r.unit_id, streetId: r.street_id, categoryId: r.category_id, channel: r.channel });
    expect(differences).toContainEqual({ ...rolled(rollupVictim), counter: 'received', stored: rollupVictim.received + 1, expected: rollupVictim.received });
    expect(differences).toContainEqual({ ...rolled(rollupGone), counter: 'overdue', stored: 0, expected: rollupGone.overdue });
    expect(differences.filter((d) => d.table === 'case_rollup_daily').length).toBeGreaterThanOrEqual(2);
    expect(await checkCaseRates(db, { limit: 1 })).toHaveLength(1);

    // The script reports and fails; a dry run changes nothing; --fix rebuilds and passes.
    const lines: string[] = [];
    expect(await rebuildRates(db, { fix: false, streetId: null, show: 10 }, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`${victim.day}  department ${victim.unit_id}  rated_satisfied`);
    // A dry run counts keys: stored (now one more in the rates, one fewer in the roll-up) and recomputed.
    expect(laneRowsBefore).toBeGreaterThanOrEqual(before.length);
    expect(rollupLaneRowsBefore).toBeGreaterThanOrEqual(rollupBefore.length);
    expect(await rebuildCaseRates(db, { dryRun: true })).toEqual({
      deleted: before.length,
      inserted: before.length,
      monthly: { deleted: monthlyBefore.length, inserted: monthlyBefore.length },
      rollup: { deleted: rollupBefore.length - 1, inserted: rollupBefore.length },
      dryRun: true,
    });
    expect(await checkCaseRates(db)).toHaveLength(differences.length);
    // Without --street the fix goes street by street (a transaction each), saying how far it is.
    const fixed: string[] = [];
    expect(await rebuildRates(db, { fix: true, streetId: null, show: 10 }, (l) => fixed.push(l))).toBe(0);
    const streets = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').execute();
    expect(fixed).toContain(`  rebuilt ${streets.length} of ${streets.length} street(s)`);
    expect(await rateRows()).toEqual(before);
    expect(await monthlyRows()).toEqual(monthlyBefore);
    expect(await rollupRows()).toEqual(rollupBefore);
    expect(await rebuildRates(db, { fix: false, streetId: null, show: 10 }, () => undefined)).toBe(0);
  });

  it('rebuilds one street and leaves the others as they are', async () => {
    const other = await makeWorld();
    const d = driver(other);
    const h = await d.submit('A', 'department');
    await d.accept(h);
    await d.dispatch(h);
    const db = t.ctx.db;
    await foldRollups(db);
    await db.updateTable('case_rate_daily').set({ received: 99 }).where('street_id', '=', w.s.street.id).where('unit_kind', '=', 'street').execute();
    await db.updateTable('case_rate_daily').set({ received: 77 }).where('street_id', '=', other.s.street.id).where('unit_kind', '=', 'street').execute();
    await rebuildCaseRates(db, { streetId: other.s.street.id });
    expect(await checkCaseRates(db, { streetId: other.s.street.id })).toEqual([]);
    // Every lane row of w's street counters now says 99, so their sums are multiples of it.
    const untouched = await checkCaseRates(db, { streetId: w.s.street.id });
    expect(untouched.length).toBeGreaterThan(0);
    expect(untouched.every((x) => x.counter === 'received' && x.stored > 0 && x.stored % 99 === 0)).toBe(true);
    await rebuildCaseRates(db);
    expect(await checkCaseRates(db)).toEqual([]);
  });

  it('agrees after random action sequences over 40 cases (seeded)', async () => {
    const rw = await makeWorld();
    const d = driver(rw);
    const seed = Number(process.env.ROLLUPS_SEED ?? 20_250_301);
    const rand = new Random(seed);
    const cases: Handle[] = [];
    const open = () => cases.filter((c) => !['closed', 'merged', 'withdrawn'].includes(c.status));
    const steps: Record<string, ((h: Handle) => Promise<unknown>)[]> = {
      submitted: [d.accept, d.accept, d.withdraw, d.closeUnresolved, (h) => merge(h)],
      accepted: [d.dispatch, d.dispatch, (h) => d.dispatch(h, { handlerKind: 'department', handlerOrgId: rw.otherDept.id }), d.withdraw, (h) => merge(h)],
      dispatched: [d.take, d.take, d.take, d.ret, d.withdraw, d.closeUnresolved],
      in_progress: [d.reply, d.reply, d.reply, d.ret],
      replied: [
        (h) => d.rate(h, 'satisfied', true),
        (h) => d.rate(h, 'satisfied', rand.chance(0.8)),
        (h) => d.rate(h, 'basically_satisfied', rand.chance(0.5)),
        (h) => d.rate(h, 'dissatisfied', rand.chance(0.2)),
        d.reopen,
        d.close,
      ],
      reopened: [d.dispatch, d.dispatch, d.closeUnresolved],
      closed: [d.reopen],
    };
    const merge = async (h: Handle) => {
      const target = open().find((c) => c !== h && c.home === h.home);
      if (target) return d.merge(h, target);
      return h.status === 'submitted' ? d.accept(h) : d.dispatch(h);
    };
    for (let i = 0; i < 40; i++) {
      const home = rand.pick(['A', 'B'] as const);
      cases.push(await d.submit(home, rand.pick(home === 'B' ? (['grid', 'department', 'property_company'] as const) : (['grid', 'department'] as const))));
      if (rand.chance(0.1)) await d.fixOnSpot();
      for (let k = rand.int(0, 6); k > 0; k--) {
        const pool = cases.filter((c) => c.status in steps && (c.status !== 'closed' || rand.chance(0.1)));
        if (pool.length === 0) break;
        const h = rand.pick(pool);
        await rand.pick(steps[h.status]!)(h);
        tick(rand.weighted([[rand.between(1, 30), 6], [rand.between(60, 700), 3], [rand.between(1000, 3000), 1]]));
        if (rand.chance(0.15)) await scheduler();
      }
    }
    expect(await checkCaseRates(t.ctx.db), `seed ${seed}`).toEqual([]);
    // The monthly rates are the daily ones summed by month, as written and as rebuilt.
    expect(await monthlyRows()).toEqual(await dailyByMonth());
    const monthly = await monthlyRows();
    await rebuildCaseRates(t.ctx.db, { streetId: rw.s.street.id });
    expect(await monthlyRows()).toEqual(monthly);
    expect(await laneRows('case_rate_monthly').then((r) => r.filter((x) => x.street_id === rw.s.street.id).every((x) => x.lane === 0))).toBe(true);
  });
});
