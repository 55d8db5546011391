import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkCaseRates } from '../server/modules/cases/rollups/check-case-rates.js';
import { runSchedulerOnce } from '../server/modules/cases/scheduler/run-scheduler.js';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, loginAll, makeStreet, makeStreetPeople, makeUser, type NodeRef } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = any; // response bodies are read loosely; their schemas are the server's contract

/**
 * 驾驶舱 (GET /api/analysis/dashboard) over a small world of cases and whistles driven through the
 * HTTP API on chosen local days of June 2025 (only Date is faked). Every figure the endpoint reads
 * from the roll-ups is compared with a direct count over the cases, their timelines and the
 * whistle tables, for a day, an ISO week and a month, at the street, a community and a grid.
 */

let t: TestApp;
let clock = Date.parse('2025-06-01T02:00:00Z');
const setDay = (day: string, hour = 10) => vi.setSystemTime((clock = Math.max(clock + 60_000, Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`))));
const tick = () => vi.setSystemTime((clock += 60_000));

let w: Awaited<ReturnType<typeof makeWorld>>;
type Home = 'A' | 'A2' | 'B';

async function makeWorld() {
  const db = t.ctx.db;
  const s = await makeStreet(db);
  const other = await makeStreet(db);
  const dept = await makeOrganisation(db, s.street, 'department', '城管执法队');
  const dept2 = await makeOrganisation(db, s.street, 'department', '市场监管所');
  const category = (await makeCategory(db, { handlerKind: 'grid' })).id;
  const users = {
    ...(await makeStreetPeople(db, t.ctx.cipher, s)),
    dept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.id }),
    dept2: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept2.id }),
    otherAdmin: await makeUser(db, [{ role: 'street_admin', node: other.street }]),
  };
  const tokens = await loginAll(t.app, users);
  return { s, other, dept, dept2, category, tokens };
}

const get = (token: string | null, url: string) => t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const post = async (token: string, url: string, payload: object = {}) => {
  tick();
  const res = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const ok = async (token: string, url: string): Promise<Json> => {
  const res = await get(token, url);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

/** A case filed by a resident of the building, taken as far as `until` says by the people whose job each step is. */
async function fileCase(home: Home, until: 'submitted' | 'accepted' | 'replied' | { satisfaction: 'satisfied' | 'dissatisfied'; resolved: boolean }) {
  const tk = w.tokens;
  const resident = { A: tk.residentA, A2: tk.residentA2, B: tk.residentB }[home];
  const staff = home === 'B' ? tk.staffB : tk.staffA;
  const grid = { A: tk.gridA, A2: tk.gridA2, B: tk.gridB }[home];
  const id = (await post(resident, '/api/cases', { categoryId: w.category, description: `驾驶舱测试 ${home}` })).case.id as number;
  if (until === 'submitted') return id;
  await post(staff, `/api/cases/${id}/accept`);
  if (until === 'accepted') return id;
  await post(staff, `/api/cases/${id}/dispatch`);
  await post(grid, `/api/cases/${id}/take`);
  await post(grid, `/api/cases/${id}/reply`, { reply: '已处理' });
  if (until === 'replied') return id;
  await post(resident, `/api/cases/${id}/rate`, until);
  return id;
}

const scheduler = () => runSchedulerOnce(t.ctx, { now: new Date(clock), workerId: 'dashboard-test' });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  t = await createTestApp({ SESSION_TTL_HOURS: '100000' });
  w = await makeWorld();
  const ok1 = { satisfaction: 'satisfied', resolved: true } as const;
  const bad = { satisfaction: 'dissatisfied', resolved: false } as const;

  // Week 2025-W24 (9–15 June).
  setDay('2025-06-10');
  await fileCase('A', ok1);
  await fileCase('A', ok1);
  await fileCase('A2', 'accepted');
  await fileCase('B', 'submitted'); // left alone: overdue on 11 June
  await fileCase('B', 'submitted');
  setDay('2025-06-11');
  await fileCase('B', bad);
  await fileCase('A', 'submitted'); // overdue on 12 June
  await fileCase('A', 'replied');
  setDay('2025-06-12', 12);
  await scheduler();
  setDay('2025-06-13', 12);
  await scheduler();

  // Whistles in community A and B; one department checks in on time, one late, one never.
  setDay('2025-06-11', 14);
  const place = (kind: string, node: NodeRef, departmentIds: number[]) =>
    post(w.tokens.admin, '/api/whistles', { kind, reason: `${kind} 测试`, place: '路口', orgNodeId: node.id, departmentIds });
  const routine = (await place('routine', w.s.gridA, [w.dept.id, w.dept2.id])).whistle.id;
  const tough = (await place('tough', w.s.communityA, [w.dept.id])).whistle.id;
  const emergency = (await place('emergency', w.s.gridB, [w.dept.id, w.dept2.id])).whistle.id;
  await post(w.tokens.dept, `/api/whistles/${routine}/check-in`, { peopleSent: '2 人' });
  await post(w.tokens.dept, `/api/whistles/${emergency}/check-in`, { peopleSent: '3 人' });
  setDay('2025-06-12', 14); // past the emergency (30 min) and tough (4 h) check-in limits
  await post(w.tokens.dept2, `/api/whistles/${emergency}/check-in`, { peopleSent: '1 人' });
  await post(w.tokens.admin, `/api/whistles/${tough}/close`, { summary: '已处置' });

  // Later in June, outside the week.
  setDay('2025-06-20');
  await fileCase('A2', ok1);
  await fileCase('A2', bad);
  await fileCase('B', 'accepted');
  setDay('2025-06-21', 12);
  await scheduler();
  setDay('2025-06-21', 15);
});

afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const localDay = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date`);

/** The independent truth, per grid of the street, over local days from..to: a scan of cases and their timelines. */
async function truthByGrid(from: string, to: string) {
  const db = t.ctx.db;
  const street = w.s.street.id;
  const rows = await sql<{ grid_id: number; received: number; responded: number; overdue: number; rated: number; resolved: number; satisfied: number; open_overdue: number }>`
    select g.id as grid_id,
      (select count(*)::int from cases c where c.grid_id = g.id and ${localDay('c.received_at')} between ${from}::date and ${to}::date) as received,
      (select count(*)::int from cases c where c.grid_id = g.id and ${localDay('c.received_at')} between ${from}::date and ${to}::date and c.responded_at <= c.due_response_at) as responded,
      (select count(*)::int from case_event e join cases c on c.id = e.case_id where c.grid_id = g.id and e.action = 'overdue'
         and ${localDay("coalesce((e.data->>'dueAt')::timestamptz, e.at)")} between ${from}::date and ${to}::date) as overdue,
      (select count(*)::int from case_event e join cases c on c.id = e.case_id where c.grid_id = g.id and e.action = 'rate' and ${localDay('e.at')} between ${from}::date and ${to}::date) as rated,
      (select count(*)::int from case_event e join cases c on c.id = e.case_id where c.grid_id = g.id and e.action = 'rate' and (e.data->>'resolved')::boolean and ${localDay('e.at')} between ${from}::date and ${to}::date) as resolved,
      (select count(*)::int from case_event e join cases c on c.id = e.case_id where c.grid_id = g.id and e.action = 'rate' and e.data->>'satisfaction' <> 'dissatisfied' and ${localDay('e.at')} between ${from}::date and ${to}::date) as satisfied,
      (select count(*)::int from cases c where c.grid_id = g.id and c.overdue and c.status not in ('closed', 'merged', 'withdrawn')) as open_overdue
    from org_node g where g.kind = 'grid' and g.street_id = ${street} order by g.id`.execute(db);
  return rows.rows;
}

type Truth = Awaited<ReturnType<typeof truthByGrid>>[number];
const sumOf = (rows: Truth[], key: keyof Truth) => rows.reduce((n, r) => n + (r[key] as number), 0);
const ratioOf = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

const PERIODS = [
  { spec: '2025-06-11', from: '2025-06-11', to: '2025-06-11', kind: 'day' },
  { spec: '2025-W24', from: '2025-06-09', to: '2025-06-15', kind: 'week' },
  { spec: '2025-06', from: '2025-06-01', to: '2025-06-30', kind: 'month' },
] as const;

describe('dashboard figures', () => {
  it('equal what the cases say, per grid and for the unit, for a day, a week and a month', async () => {
    for (const p of PERIODS) {
      const truth = await truthByGrid(p.from, p.to);
      expect(sumOf(truth, 'received'), p.spec).toBeGreaterThan(0);
      const body = await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=${p.spec}`);
      expect(body.period).toEqual({ kind: p.kind, spec: p.spec, from: p.from, to: p.to });
      expect(body.grids.items.map((g: Json) => [g.id, g.received, g.overdue, g.openOverdue]), p.spec).toEqual(truth.map((r) => [r.grid_id, r.received, r.overdue, r.open_overdue]));
      expect(body.grids.items.find((g: Json) => g.id === w.s.gridA.id).community).toEqual({ id: w.s.communityA.id, name: w.s.communityA.name });
      expect(body.rates.responseRate, p.spec).toEqual(ratioOf(sumOf(truth, 'responded'), sumOf(truth, 'received')));
      expect(body.rates.resolutionRate, p.spec).toEqual(ratioOf(sumOf(truth, 'resolved'), sumOf(truth, 'rated')));
      expect(body.rates.satisfactionRate, p.spec).toEqual(ratioOf(sumOf(truth, 'satisfied'), sumOf(truth, 'rated')));
      expect(body.rates.counts.overdue).toBe(sumOf(truth, 'overdue'));

      // Communities ranked; each one's figures are its grids'.
      expect(body.ranking.unitKind).toBe('community');
      for (const c of [w.s.communityA, w.s.communityB]) {
        const grids = c === w.s.communityA ? [w.s.gridA.id, w.s.gridA2.id] : [w.s.gridB.id];
        const mine = truth.filter((r) => grids.includes(r.grid_id));
        const item = body.ranking.items.find((i: Json) => i.unit.id === c.id);
        expect(item.counts.received, `${p.spec} ${c.name}`).toBe(sumOf(mine, 'received'));
        expect(item.resolutionRate).toEqual(ratioOf(sumOf(mine, 'resolved'), sumOf(mine, 'rated')));
      }
    }
  });

  it('gives the daily trend over the period up to today, and at least the week ending on its last day', async () => {
    // Today is 21 June: the month's trend stops there.
    const month = await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-06`);
    expect([month.trend.from, month.trend.to]).toEqual(['2025-06-01', '2025-06-21']);
    expect(month.trend.items).toHaveLength(21);
    for (const d of month.trend.items) {
      const truth = await truthByGrid(d.day, d.day);
      expect([d.received, d.resolved, d.overdue], d.day).toEqual([sumOf(truth, 'received'), sumOf(truth, 'resolved'), sumOf(truth, 'overdue')]);
    }
    const day = await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-06-11`);
    expect([day.trend.from, day.trend.to]).toEqual(['2025-06-05', '2025-06-11']);
    expect(day.trend.items.map((d: Json) => d.day)).toEqual(month.trend.items.slice(4, 11).map((d: Json) => d.day));
    expect(day.trend.items).toEqual(month.trend.items.slice(4, 11));
    // A week in the future shows just that week (all zeros); one in the past, all of it.
    expect((await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-W30`)).trend.items.map((d: Json) => d.received)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect((await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-W24`)).trend.items).toEqual(month.trend.items.slice(8, 15));
  });

  it('keeps a community to its grids and ranks them; a grid has nothing below it', async () => {
    const body = await ok(w.tokens.staffA, `/api/analysis/dashboard?unit=${w.s.communityA.id}&period=2025-06`);
    expect(body.unit).toEqual({ kind: 'community', id: w.s.communityA.id, name: w.s.communityA.name });
    expect(body.grids.items.map((g: Json) => g.id)).toEqual([w.s.gridA.id, w.s.gridA2.id]);
    expect(body.ranking.unitKind).toBe('grid');
    expect(body.ranking.items.map((i: Json) => i.unit.id).sort()).toEqual([w.s.gridA.id, w.s.gridA2.id].sort());
    const truth = (await truthByGrid('2025-06-01', '2025-06-30')).filter((r) => r.grid_id === w.s.gridA.id || r.grid_id === w.s.gridA2.id);
    expect(body.rates.counts.received).toBe(sumOf(truth, 'received'));

    const grid = await ok(w.tokens.gridA, `/api/analysis/dashboard?unit=${w.s.gridA.id}&period=2025-W24`);
    expect(grid.grids.items.map((g: Json) => g.id)).toEqual([w.s.gridA.id]);
    expect(grid.ranking).toMatchObject({ unitKind: null, items: [] });
    // A grid worker may read rates but not whistles.
    expect(grid.whistles).toBeNull();
  });

  it('counts open whistles by kind, check-in timeliness over the period, and lists the board', async () => {
    const db = t.ctx.db;
    const body = await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-W24`);
    const whistles = await db.selectFrom('whistle').selectAll().where('street_id', '=', w.s.street.id).execute();
    const summons = await db.selectFrom('whistle_summons as s').innerJoin('whistle as x', 'x.id', 's.whistle_id').selectAll('s').where('x.street_id', '=', w.s.street.id).execute();
    const now = new Date(clock);
    for (const kind of ['routine', 'tough', 'emergency'] as const) {
      const open = whistles.filter((x) => x.kind === kind && x.status === 'open');
      const mine = summons.filter((s) => open.some((x) => x.id === s.whistle_id));
      expect(body.whistles.open.find((o: Json) => o.kind === kind), kind).toEqual({
        kind,
        open: open.length,
        summoned: mine.length,
        checkedIn: mine.filter((s) => s.checked_in_at).length,
        lateNotCheckedIn: mine.filter((s) => !s.checked_in_at && open.find((x) => x.id === s.whistle_id)!.checkin_due_at < now).length,
      });
    }
    expect(body.whistles.open.map((o: Json) => o.open)).toEqual([1, 0, 1]);
    expect(body.whistles.checkIn).toMatchObject({
      summoned: summons.length,
      checkedIn: summons.filter((s) => s.checked_in_at).length,
      onTime: summons.filter((s) => s.on_time).length,
      onTimeRate: ratioOf(summons.filter((s) => s.on_time).length, summons.length),
    });
    expect(body.whistles.checkIn.summoned).toBe(5);
    expect(body.whistles.recent.total).toBe(3);
    expect(body.whistles.recent.items[0].status).toBe('open');
    // Blown on 11 June: nothing to check in over the week before.
    expect((await ok(w.tokens.admin, `/api/analysis/dashboard?unit=${w.s.street.id}&period=2025-W23`)).whistles.checkIn.summoned).toBe(0);
    // Community B sees its own whistle only.
    const b = await ok(w.tokens.staffB, `/api/analysis/dashboard?unit=${w.s.communityB.id}&period=2025-06`);
    expect(b.whistles.open.map((o: Json) => o.open)).toEqual([0, 0, 1]);
    expect(b.whistles.recent.items.map((x: Json) => x.kind)).toEqual(['emergency']);
    expect(b.whistles.checkIn.summoned).toBe(2);
  });

  it('left the roll-ups in agreement with the cases', async () => {
    expect(await checkCaseRates(t.ctx.db, { streetId: w.s.street.id })).toEqual([]);
  });
});

describe('dashboard access and bad input', () => {
  const url = (unit: number | string, period = '2025-06') => `/api/analysis/dashboard?unit=${unit}&period=${period}`;

  it('is described in the API description', async () => {
    const paths = (await get(null, '/api/openapi.json')).json().paths;
    expect(paths['/api/analysis/dashboard'].get.parameters.map((p: Json) => p.name).sort()).toEqual(['period', 'unit']);
  });

  it('requires authentication', async () => {
    expect((await get(null, url(w.s.street.id))).statusCode).toBe(401);
  });

  it('answers 403 without the right to read rates and 404 for a unit outside the scope or not an area', async () => {
    expect((await get(w.tokens.residentA, url(w.s.street.id))).json().error.code).toBe('FORBIDDEN');
    expect((await get(w.tokens.dept, url(w.s.street.id))).statusCode).toBe(403);
    // A resident learns nothing of which ids exist.
    expect((await get(w.tokens.residentA, url(999_999_999))).statusCode).toBe(403);
    for (const [token, unit] of [
      [w.tokens.otherAdmin, w.s.street.id],
      [w.tokens.staffA, w.s.street.id],
      [w.tokens.staffA, w.s.communityB.id],
      [w.tokens.gridA, w.s.gridA2.id],
      [w.tokens.admin, w.s.buildingA.id],
      [w.tokens.admin, w.s.district.id],
      [w.tokens.admin, 999_999_999],
    ] as const) {
      const res = await get(token, url(unit));
      expect(res.statusCode, String(unit)).toBe(404);
      expect(res.json().error.code).toBe('RATE_UNIT_NOT_FOUND');
    }
  });

  it('refuses malformed units and periods with 400', async () => {
    const street = w.s.street.id;
    for (const bad of [
      url(street, '2025-02-30'),
      url(street, '2025-6-30'),
      url(street, '2025-13'),
      url(street, '2025-W54'),
      url(street, '2025-W53'), // 2025 has 52 ISO weeks
      url(street, '2025'),
      url(street, 'today'),
      url(street, '2025-06-01..2025-06-30'),
      url('0'),
      url('0x1'),
      url('street:1'),
      url('12345678901234567'),
      `/api/analysis/dashboard?unit=${street}`,
      `/api/analysis/dashboard?period=2025-06`,
      `${url(street)}&extra=1`,
    ]) {
      const res = await get(w.tokens.admin, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('VALIDATION_FAILED');
    }
  });
});
