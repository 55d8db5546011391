import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../server/modules/cases/time-limits.js';
import type { RateUnitKind } from '../server/platform/db/schema-cases.js';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, loginAll, makeStreet, makeStreetPeople, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = any; // response bodies are read loosely; their schemas are the server's contract

/**
 * The three rates read from case_rate_daily must equal what the cases themselves say. The cases
 * are driven through the HTTP API; the expected figures come from an independent scan of the
 * `cases` table (received, responded in time) and of each case's timeline in `case_event`
 * (every rating, every dispatch and reopen: a re-rated case keeps only its last rating in
 * `cases`, but each rating counts).
 */

let t: TestApp;
let seq = 0;

type World = Awaited<ReturnType<typeof makeWorld>>;
type Home = 'A' | 'A2' | 'B';
type Handling = 'grid' | 'department' | 'property_company';

/** A street with two communities, three grids, a department, a property company serving grid B, and their people. */
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
  const categories: Record<Handling, number> = {
    grid: (await makeCategory(db, { handlerKind: 'grid' })).id,
    department: (await makeCategory(db, { handlerKind: 'department', department: dept.name })).id,
    property_company: (await makeCategory(db, { handlerKind: 'property_company' })).id,
  };
  const users = {
    ...(await makeStreetPeople(db, t.ctx.cipher, s)),
    dept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.id }),
    otherDept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: otherDept.id }),
    prop: await makeUser(db, [{ role: 'property_handler', node: s.street }], { organisationId: prop.id }),
  };
  const tokens = await loginAll(t.app, users);
  const units: { kind: RateUnitKind; id: number; column?: 'street_id' | 'community_id' | 'grid_id' }[] = [
    { kind: 'street', id: s.street.id, column: 'street_id' },
    { kind: 'community', id: s.communityA.id, column: 'community_id' },
    { kind: 'community', id: s.communityB.id, column: 'community_id' },
    { kind: 'grid', id: s.gridA.id, column: 'grid_id' },
    { kind: 'grid', id: s.gridA2.id, column: 'grid_id' },
    { kind: 'grid', id: s.gridB.id, column: 'grid_id' },
    { kind: 'department', id: dept.id },
    { kind: 'property_company', id: prop.id },
  ];
  return { s, dept, otherDept, prop, categories, tokens, units };
}

const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

/** One case driven through the API by the people whose job each step is. */
function caseDriver(w: World, home: Home, handling: Handling) {
  const tk = w.tokens;
  const staff = home === 'B' ? tk.staffB : tk.staffA;
  const handler = handling === 'department' ? tk.dept : handling === 'property_company' ? tk.prop : { A: tk.gridA, A2: tk.gridA2, B: tk.gridB }[home];
  const resident = { A: tk.residentA, A2: tk.residentA2, B: tk.residentB }[home];
  let id = 0;
  const step = async (token: string, action: string, payload: unknown = {}) => {
    const res = await call(token, 'POST', `/api/cases/${id}/${action}`, payload);
    if (res.statusCode !== 200) throw new Error(`${action} on case ${id}: ${res.statusCode} ${res.body}`);
    return res.json().case;
  };
  return {
    submit: async () => {
      const res = await call(resident, 'POST', '/api/cases', { categoryId: w.categories[handling], description: `测试诉求 ${home} ${handling}` });
      if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
      id = res.json().case.id;
    },
    /** Lets the response limit pass before the case is accepted. */
    lapse: () => t.ctx.db.updateTable('cases').set({ due_response_at: new Date(Date.now() - 60_000) }).where('id', '=', id).execute(),
    accept: () => step(staff, 'accept'),
    dispatch: () => step(staff, 'dispatch'),
    handle: async () => {
      await step(handler, 'take');
      await step(handler, 'reply', { reply: '已处理' });
    },
    rate: (satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied', resolved: boolean) => step(resident, 'rate', { satisfaction, resolved }),
    reopen: () => step(resident, 'reopen', { reason: '问题又出现了' }),
    closeUnresolved: () => step(staff, 'close-unresolved', { reason: '需区级立项' }),
  };
}

interface Figures {
  received: number;
  responded: number | null;
  rated: number;
  resolved: number;
  satisfied: number;
  reopened: number;
}

/** The independent truth: a full scan of the cases and their timelines for one unit and range of local days. */
async function scan(unit: World['units'][number], from: string, to: string): Promise<Figures> {
  const day = (col: string) => sql`(${sql.ref(col)} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
  // Each timeline event with the unit that handled the case at that moment: its latest dispatch before the event.
  const events = sql`(select e.case_id, e.action, e.at, e.data, d.data->>'handlerKind' as hk, (d.data->>'handlerOrgId')::bigint as horg
      from case_event e left join lateral (select data from case_event d where d.case_id = e.case_id and d.action = 'dispatch' and d.id < e.id order by d.id desc limit 1) d on true)`;
  const dispatches = sql`(select e.case_id, e.at, e.data->>'handlerKind' as hk, (e.data->>'handlerOrgId')::bigint as horg from case_event e where e.action = 'dispatch')`;
  const area = unit.column !== undefined;
  const ofUnit = (alias: string) => (area ? sql`c.${sql.ref(unit.column!)} = ${unit.id}` : sql`${sql.ref(`${alias}.hk`)} = ${unit.kind} and ${sql.ref(`${alias}.horg`)} = ${unit.id}`);
  const received = area
    ? sql<{ received: number; responded: number }>`select count(*)::int as received, count(*) filter (where c.responded_at <= c.due_response_at)::int as responded
        from cases c where ${ofUnit('c')} and ${day('c.received_at')}`
    : sql<{ received: number; responded: null }>`select count(*)::int as received, null as responded from ${dispatches} x where ${ofUnit('x')} and ${day('x.at')}`;
  const ratings = sql<{ rated: number; resolved: number; satisfied: number; reopened: number }>`
    select count(*) filter (where x.action = 'rate')::int as rated,
           count(*) filter (where x.action = 'rate' and (x.data->>'resolved')::boolean)::int as resolved,
           count(*) filter (where x.action = 'rate' and x.data->>'satisfaction' in ('satisfied', 'basically_satisfied'))::int as satisfied,
           count(*) filter (where (x.action = 'rate' and x.data->>'satisfaction' = 'dissatisfied') or x.action = 'reopen')::int as reopened
    from ${events} x join cases c on c.id = x.case_id
    where x.action in ('rate', 'reopen') and ${ofUnit('x')} and ${day('x.at')}`;
  const [r, q] = await Promise.all([received.execute(t.ctx.db), ratings.execute(t.ctx.db)]);
  return { ...r.rows[0]!, ...q.rows[0]! };
}

const lastDayOfMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return `${day.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const value = (n: number, d: number) => (d === 0 ? null : n / d);

/** What the endpoint answers for a unit, as the same figures. */
async function endpoint(token: string, unit: { kind: RateUnitKind; id: number }, period: 'day' | 'month', date: string): Promise<Figures & { body: Json }> {
  const res = await call(token, 'GET', `/api/rates?unitKind=${unit.kind}&unitId=${unit.id}&period=${period}&date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  const b = res.json();
  for (const rate of ['responseRate', 'resolutionRate', 'satisfactionRate']) expect(b[rate].value).toBe(value(b[rate].numerator, b[rate].denominator));
  expect(b.resolutionRate.denominator).toBe(b.counts.rated);
  expect(b.satisfactionRate.denominator).toBe(b.counts.rated);
  return {
    received: b.responseRate.denominator,
    // Departments and property companies have no response counter written (rates.ts counts first contact for area units only).
    responded: b.unit.kind === 'department' || b.unit.kind === 'property_company' ? null : b.responseRate.numerator,
    rated: b.counts.rated,
    resolved: b.resolutionRate.numerator,
    satisfied: b.satisfactionRate.numerator,
    reopened: b.counts.reopened,
    body: b,
  };
}

async function expectEndpointMatchesScan(w: World, label: string) {
  const today = localDay(new Date());
  for (const unit of w.units) {
    for (const [period, date, from, to] of [
      ['day', today, today, today],
      ['month', today.slice(0, 7), `${today.slice(0, 7)}-01`, lastDayOfMonth(today)],
    ] as const) {
      const expected = await scan(unit, from, to);
      const { body, ...got } = await endpoint(w.tokens.admin, unit, period, date);
      expect(got, `${label}: ${unit.kind} ${unit.id} ${period}`).toEqual(expected);
      expect(body.counts.received).toBe(expected.received);
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the three rates (三率)', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it('requires authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/rates?unitKind=street&unitId=1&period=day&date=2024-01-01` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/rates/ranking?unitKind=community&month=2024-01' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/rates/top?date=2024-01-01' })).statusCode).toBe(401);
  });

  it('counts satisfied, basically satisfied, dissatisfied-then-reopened, unresolved and late cases as the cases say', async () => {
    const run = async (home: Home, handling: Handling, script: (c: ReturnType<typeof caseDriver>) => Promise<unknown>) => {
      const c = caseDriver(w, home, handling);
      await c.submit();
      await script(c);
    };
    const handled = async (c: ReturnType<typeof caseDriver>) => {
      await c.accept();
      await c.dispatch();
      await c.handle();
    };
    await run('A', 'grid', async (c) => (await handled(c), c.rate('satisfied', true)));
    await run('A', 'department', async (c) => (await handled(c), c.rate('basically_satisfied', false)));
    await run('A', 'department', async (c) => {
      await handled(c);
      expect((await c.rate('dissatisfied', false)).status).toBe('reopened');
      await c.dispatch();
      await c.handle();
      await c.rate('satisfied', true);
    });
    await run('A', 'grid', async (c) => (await c.lapse(), await c.accept(), c.closeUnresolved()));
    await run('A', 'grid', async () => undefined);
    await run('B', 'property_company', async (c) => (await handled(c), c.rate('dissatisfied', true)));

    const today = localDay(new Date());
    const figures = async (kind: RateUnitKind, id: number) => {
      const { body, ...f } = await endpoint(w.tokens.admin, { kind, id }, 'day', today);
      return f;
    };
    expect(await figures('street', w.s.street.id)).toEqual({ received: 6, responded: 4, rated: 5, resolved: 3, satisfied: 3, reopened: 2 });
    expect(await figures('community', w.s.communityA.id)).toEqual({ received: 5, responded: 3, rated: 4, resolved: 2, satisfied: 3, reopened: 1 });
    expect(await figures('grid', w.s.gridA.id)).toEqual({ received: 5, responded: 3, rated: 4, resolved: 2, satisfied: 3, reopened: 1 });
    expect(await figures('community', w.s.communityB.id)).toEqual({ received: 1, responded: 1, rated: 1, resolved: 1, satisfied: 0, reopened: 1 });
    expect(await figures('grid', w.s.gridA2.id)).toEqual({ received: 0, responded: 0, rated: 0, resolved: 0, satisfied: 0, reopened: 0 });
    expect(await figures('department', w.dept.id)).toEqual({ received: 3, responded: null, rated: 3, resolved: 1, satisfied: 2, reopened: 1 });
    expect(await figures('property_company', w.prop.id)).toEqual({ received: 1, responded: null, rated: 1, resolved: 1, satisfied: 0, reopened: 1 });

    const street = (await endpoint(w.tokens.admin, { kind: 'street', id: w.s.street.id }, 'month', today.slice(0, 7))).body;
    expect(street.responseRate).toEqual({ numerator: 4, denominator: 6, value: 4 / 6 });
    expect(street.satisfactionRate).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    expect(street).toMatchObject({ unit: { kind: 'street', id: w.s.street.id, name: w.s.street.name }, period: 'month', from: `${today.slice(0, 7)}-01` });
    expect(street.formulas.satisfactionRate.zh).toMatch(/基本满意/);
    expect(street.formulas.responseRate.en).toMatch(/received/);
    const empty = (await endpoint(w.tokens.admin, { kind: 'grid', id: w.s.gridA2.id }, 'day', today)).body;
    expect(empty.resolutionRate).toEqual({ numerator: 0, denominator: 0, value: null });

    await expectEndpointMatchesScan(w, 'fixed scenario');
  });

  it('equals the scan for random sequences of outcomes over 30 cases', async () => {
    const rw = await makeWorld();
    const seed = Number(process.env.RATES_SEED ?? Math.floor(Math.random() * 2 ** 31));
    // mulberry32: a small seeded generator, so a failing run can be replayed with RATES_SEED.
    let state = seed >>> 0;
    const random = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = state;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 30; i++) {
      const home = pick(['A', 'A2', 'B'] as const);
      const c = caseDriver(rw, home, pick(home === 'B' ? (['grid', 'department', 'property_company'] as const) : (['grid', 'department'] as const)));
      await c.submit();
      if (random() < 0.1) continue;
      if (random() < 0.25) await c.lapse();
      await c.accept();
      if (random() < 0.1) {
        await c.closeUnresolved();
        continue;
      }
      if (random() < 0.05) continue;
      await c.dispatch();
      if (random() < 0.05) continue;
      await c.handle();
      for (let round = 0; round < 3; round++) {
        const satisfaction = pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const);
        await c.rate(satisfaction, random() < 0.6);
        if (satisfaction !== 'dissatisfied') {
          if (random() < 0.15) await c.reopen();
          break;
        }
        if (random() < 0.3) break;
        await c.dispatch();
        await c.handle();
      }
    }
    await expectEndpointMatchesScan(rw, `seed ${seed}`);
  });

  it('shows each reader only the units in their scope, and department handlers their own', async () => {
    const today = localDay(new Date());
    const q = (kind: RateUnitKind, id: number, period = 'day', date = today) => `/api/rates?unitKind=${kind}&unitId=${id}&period=${period}&date=${date}`;
    const status = async (who: keyof World['tokens'], url: string) => {
      const res = await call(w.tokens[who], 'GET', url);
      return res.statusCode === 200 ? 200 : `${res.statusCode} ${res.json().error.code}`;
    };
    expect(await status('staffA', q('community', w.s.communityA.id))).toBe(200);
    expect(await status('staffA', q('grid', w.s.gridA2.id))).toBe(200);
    expect(await status('staffA', q('community', w.s.communityB.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    expect(await status('staffA', q('street', w.s.street.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    // Departments and property companies are read at street level, not by a community.
    expect(await status('staffA', q('department', w.dept.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    expect(await status('gridA', q('grid', w.s.gridA.id))).toBe(200);
    expect(await status('gridA', q('grid', w.s.gridA2.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    expect(await status('admin', q('department', w.dept.id))).toBe(200);
    expect(await status('admin', q('community', 99_999_999))).toBe('404 RATE_UNIT_NOT_FOUND');
    // A unit id of the wrong kind is no unit of that kind.
    expect(await status('admin', q('community', w.s.gridA.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    expect(await status('admin', q('department', w.prop.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    // Department and property handlers read their own organisation, nothing else.
    const own = await call(w.tokens.dept, 'GET', q('department', w.dept.id, 'month', today.slice(0, 7)));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().responseRate.denominator).toBe(3);
    expect(await status('prop', q('property_company', w.prop.id))).toBe(200);
    expect(await status('dept', q('department', w.otherDept.id))).toBe('403 FORBIDDEN');
    expect(await status('dept', q('community', w.s.communityA.id))).toBe('403 FORBIDDEN');
    expect(await status('residentA', q('grid', w.s.gridA.id))).toBe('403 FORBIDDEN');
    // Another street's admin sees none of this street's units.
    const other = await makeWorld();
    expect(await status('admin', q('street', other.s.street.id))).toBe('404 RATE_UNIT_NOT_FOUND');
    expect(await status('admin', q('department', other.dept.id))).toBe('404 RATE_UNIT_NOT_FOUND');
  });

  it('refuses a malformed period with 400', async () => {
    const base = `/api/rates?unitKind=street&unitId=${w.s.street.id}`;
    for (const tail of ['&period=day&date=2024-13-01', '&period=day&date=2024-02-30', '&period=day&date=2024-02', '&period=month&date=2024-02-01', '&period=month&date=2024-00', '&period=week&date=2024-02', '&period=day', '&period=day&date=yesterday', '&period=month&date=0000-05', '&period=day&date=0000-01-01']) {
      const res = await call(w.tokens.admin, 'GET', base + tail);
      expect(res.statusCode, tail).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await call(w.tokens.admin, 'GET', `/api/rates?unitKind=estate&unitId=1&period=day&date=2024-02-01`)).statusCode).toBe(400);
    expect((await call(w.tokens.admin, 'GET', `${base}&period=day&date=2024-02-29`)).statusCode).toBe(200);
  });
});
