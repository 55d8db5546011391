import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankUnits, ZERO } from '../server/modules/cases/rates/formulas.js';
import type { RateUnitKind } from '../server/platform/db/schema-cases.js';
import { makeOrganisation } from './helpers/case-factories.js';
import { bearer, login, makeNode, makeStreet, makeUser, type NodeRef } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = any; // response bodies are read loosely; their schemas are the server's contract

/** Rankings and top lists over counters written straight into case_rate_daily (and case_rate_monthly) for April and May 2024. */
describe('rankings and top lists of the three rates', () => {
  let t: TestApp;
  let x: Awaited<ReturnType<typeof makeStreet>>;
  let streetY: NodeRef;
  let communityY: NodeRef;
  const c: Record<string, NodeRef> = {};
  const grids: NodeRef[] = [];
  const org: Record<string, { id: number; name: string }> = {};
  const tokens: Record<string, string> = {};

  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[who]!) });
  /** A day's counters, and the same added to the month's (case_rate_monthly), as the roll-up statement writes them. */
  const row = async (day: string, unitKind: RateUnitKind, unitId: number, streetId: number, [received, responded, rated, resolved, satisfied]: number[]) => {
    const counters = { received: received!, responded_in_time: responded!, rated: rated!, rated_resolved: resolved!, rated_satisfied: satisfied!, overdue: 1, reopened: 0 };
    const unit = { unit_kind: unitKind, unit_id: unitId, street_id: streetId };
    await t.ctx.db.insertInto('case_rate_daily').values({ day, ...unit, ...counters }).execute();
    const added = Object.fromEntries(Object.keys(counters).map((k) => [k, sql`case_rate_monthly.${sql.ref(k)} + excluded.${sql.ref(k)}`]));
    await t.ctx.db
      .insertInto('case_rate_monthly')
      .values({ month: `${day.slice(0, 7)}-01`, ...unit, ...counters })
      .onConflict((oc) => oc.columns(['month', 'unit_kind', 'unit_id', 'street_id', 'lane']).doUpdateSet(added))
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    x = await makeStreet(db);
    // Street Y shares X's district, so a district department serves both.
    streetY = await makeNode(db, x.district, 'street', { name: 'Y街道' });
    communityY = await makeNode(db, streetY, 'community', { name: 'Y社区' });
    c.A = x.communityA;
    c.B = x.communityB;
    for (const k of ['C', 'D', 'E', 'F']) c[k] = await makeNode(db, x.street, 'community', { name: `${k}社区` });
    for (let i = 0; i < 13; i++) grids.push(await makeNode(db, c.C!, 'grid', { name: `C网格${i + 1}` }));
    org.x = await makeOrganisation(db, x.street, 'department', '街道城管');
    org.y = await makeOrganisation(db, streetY, 'department', 'Y城管');
    org.district = (await db
      .insertInto('organisation')
      .values({ kind: 'department', name: '区住建委', org_node_id: x.district.id, street_id: null, org_path: x.district.path })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow());

    const may = (k: string, day: string, figures: number[]) => row(`2024-05-${day}`, 'community', c[k]!.id, x.street.id, figures);
    const april = (k: string, day: string, figures: number[]) => row(`2024-04-${day}`, 'community', c[k]!.id, x.street.id, figures);
    // May: B all perfect; D and A equal composite, D more received; C and F equal on everything; E no data.
    await may('A', '01', [4, 4, 3, 2, 3]);
    await may('A', '31', [6, 5, 5, 4, 4]);
    await may('B', '15', [20, 20, 10, 10, 10]);
    await may('C', '10', [5, 4, 4, 3, 3]);
    await may('D', '20', [20, 18, 16, 12, 14]);
    await may('F', '11', [5, 4, 4, 3, 3]);
    await row('2024-06-01', 'community', c.E!.id, x.street.id, [100, 100, 100, 100, 100]);
    await row('2024-03-31', 'community', c.E!.id, x.street.id, [100, 100, 100, 100, 100]);
    // April: A perfect, C 0.8, B 0.5, F only a response rate (no ratings); D and E no data.
    await april('A', '01', [10, 10, 10, 10, 10]);
    await april('B', '30', [10, 5, 10, 5, 5]);
    await april('C', '15', [10, 8, 10, 8, 8]);
    await april('F', '15', [10, 2, 0, 0, 0]);
    await row('2024-05-15', 'community', communityY.id, streetY.id, [50, 50, 50, 50, 50]);

    await row('2024-05-03', 'department', org.x.id, x.street.id, [10, 0, 5, 5, 5]);
    await row('2024-05-03', 'department', org.district.id, x.street.id, [4, 0, 4, 2, 4]);
    // The primary key has no street: a district department's rows of two streets must fall on different days.
    await row('2024-05-04', 'department', org.district.id, streetY.id, [100, 0, 100, 0, 0]);
    await row('2024-05-03', 'department', org.y.id, streetY.id, [7, 0, 7, 7, 7]);

    for (let i = 0; i < 13; i++) await row('2024-05-10', 'grid', grids[i]!.id, x.street.id, i === 12 ? [0, 0, 2, 2, 2] : [i + 1, i + 1, 0, 0, 0]);
    const gridY = await makeNode(db, communityY, 'grid');
    await row('2024-05-10', 'grid', gridY.id, streetY.id, [500, 0, 0, 0, 0]);

    const users = {
      admin: await makeUser(db, [{ role: 'street_admin', node: x.street }]),
      adminY: await makeUser(db, [{ role: 'street_admin', node: streetY }]),
      staffA: await makeUser(db, [{ role: 'community_staff', node: x.communityA }]),
      dept: await makeUser(db, [{ role: 'department_handler', node: x.street }], { organisationId: org.x.id }),
      districtDept: await makeUser(db, [{ role: 'department_handler', node: x.district }], { organisationId: org.district.id }),
    };
    for (const [k, u] of Object.entries(users)) tokens[k] = await login(t.app, u.username);
  });
  afterAll(() => t?.close());

  it('ranks communities by the composite, ties by volume, shared ranks, no data last, with the change against last month', async () => {
    const res = await get('admin', '/api/rates/ranking?unitKind=community&period=month&month=2024-05');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unitKind: 'community', month: '2024-05', previousMonth: '2024-04' });
    expect(body.rule.zh).toMatch(/综合得分/);
    expect(body.rule.en).toMatch(/composite/);
    const items: Json[] = body.items;
    expect(items.map((i) => [i.unit.name, i.rank])).toEqual([
      [c.B!.name, 1],
      [c.D!.name, 2],
      [c.A!.name, 3],
      [c.C!.name, 4],
      [c.F!.name, 4],
      [c.E!.name, null],
    ]);
    const by = (k: string) => items.find((i) => i.unit.id === c[k]!.id);
    expect(by('A').responseRate).toEqual({ numerator: 9, denominator: 10, value: 0.9 });
    expect(by('A').satisfactionRate).toEqual({ numerator: 7, denominator: 8, value: 0.875 });
    expect(by('A').counts).toEqual({ received: 10, rated: 8, overdue: 2, reopened: 0 });
    expect(by('D').composite).toBeCloseTo((0.9 + 0.75 + 0.875) / 3, 12);
    expect(by('E')).toMatchObject({ composite: null, counts: { received: 0 }, responseRate: { value: null } });

    expect(by('B').previous.rank).toBe(3);
    expect(by('B').change).toEqual({ rank: 2, composite: 0.5, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 0.5 });
    expect(by('A').change.rank).toBe(-2);
    expect(by('A').change.responseRate).toBeCloseTo(-0.1, 12);
    expect(by('A').change.resolutionRate).toBeCloseTo(-0.25, 12);
    expect(by('A').change.satisfactionRate).toBeCloseTo(-0.125, 12);
    expect(by('C').change.rank).toBe(-2);
    // F had only a response rate in April (nothing rated): composite of what there was; no resolution delta.
    expect(by('F').previous).toMatchObject({ rank: 4, composite: 0.2 });
    expect(by('F').change).toMatchObject({ rank: 0, resolutionRate: null, satisfactionRate: null });
    expect(by('F').change.responseRate).toBeCloseTo(0.6, 12);
    expect(by('D').change).toMatchObject({ rank: null, composite: null, responseRate: null });
    expect(by('E').change.rank).toBeNull();
    // Street Y's community is out of scope.
    expect(items.some((i) => i.unit.id === communityY.id)).toBe(false);
  });

  it('ranks only the units in the reader\'s scope', async () => {
    const own = (await get('staffA', '/api/rates/ranking?unitKind=community&month=2024-05')).json().items;
    expect(own.map((i: Json) => i.unit.id)).toEqual([c.A!.id]);
    expect(own[0].rank).toBe(1);
    const grids = (await get('staffA', '/api/rates/ranking?unitKind=grid&month=2024-05')).json().items;
    expect(grids.map((i: Json) => i.unit.id).sort()).toEqual([x.gridA.id, x.gridA2.id].sort());
    expect(grids.every((i: Json) => i.rank === null)).toBe(true);
    const streets = (await get('admin', '/api/rates/ranking?unitKind=street&month=2024-05')).json().items;
    expect(streets.map((i: Json) => i.unit.id)).toEqual([x.street.id]);
  });

  it('ranks departments over the rows of the reader\'s streets only, a district department included', async () => {
    const items = (await get('admin', '/api/rates/ranking?unitKind=department&month=2024-05')).json().items;
    expect(items.map((i: Json) => [i.unit.id, i.rank])).toEqual([
      [org.x!.id, 1],
      [org.district!.id, 2],
    ]);
    const district = items.find((i: Json) => i.unit.id === org.district!.id);
    expect(district.resolutionRate).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    const yItems = (await get('adminY', '/api/rates/ranking?unitKind=department&month=2024-05')).json().items;
    expect(yItems.map((i: Json) => i.unit.id).sort()).toEqual([org.y!.id, org.district!.id].sort());
    expect(yItems.find((i: Json) => i.unit.id === org.district!.id).counts.received).toBe(100);
    // The same split holds for one unit's rates; the department itself reads all its rows.
    const one = (who: string) => get(who, `/api/rates?unitKind=department&unitId=${org.district!.id}&period=month&date=2024-05`);
    expect((await one('admin')).json().responseRate.denominator).toBe(4);
    expect((await one('adminY')).json().responseRate.denominator).toBe(100);
    expect((await one('districtDept')).json().responseRate.denominator).toBe(104);
  });

  it('lists the daily top 10 by volume, units without cases left out', async () => {
    const res = await get('admin', '/api/rates/top?date=2024-05-10&unitKind=grid');
    expect(res.statusCode, res.body).toBe(200);
    const items: Json[] = res.json().items;
    expect(items).toHaveLength(10);
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(items.map((i) => i.counts.received)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(items.map((i) => i.unit.id)).toEqual(grids.slice(2, 12).reverse().map((g) => g.id));
    expect(items[0].responseRate).toEqual({ numerator: 12, denominator: 12, value: 1 });
    const communities = (await get('admin', '/api/rates/top?date=2024-05-10')).json();
    expect(communities.unitKind).toBe('community');
    expect(communities.items.map((i: Json) => i.unit.id)).toEqual([c.C!.id]);
    expect((await get('admin', '/api/rates/top?date=2024-05-09&unitKind=grid')).json().items).toEqual([]);
  });

  it('refuses readers without rates.read and malformed periods', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/rates/top?date=2024-05-10' })).statusCode).toBe(401);
    expect((await get('dept', '/api/rates/ranking?unitKind=department&month=2024-05')).json().error.code).toBe('FORBIDDEN');
    const area = await get('dept', '/api/rates/ranking?unitKind=community&month=2024-05');
    expect([area.statusCode, area.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await get('dept', '/api/rates/top?date=2024-05-10')).json().error.code).toBe('FORBIDDEN');
    for (const url of [
      '/api/rates/ranking?unitKind=community&month=2024-5',
      '/api/rates/ranking?unitKind=community&month=2024-13',
      '/api/rates/ranking?unitKind=community&period=day&month=2024-05',
      '/api/rates/ranking?unitKind=community',
      '/api/rates/ranking?unitKind=household&month=2024-05',
      '/api/rates/top?date=2024-05',
      '/api/rates/top?date=2024-04-31',
      '/api/rates/top',
    ]) {
      const res = await get('admin', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('orders by the rule as a pure function too', () => {
    const counters = (received: number, responded: number, rated = 0, resolved = 0, satisfied = 0) => ({ ...ZERO, received, responded_in_time: responded, rated, rated_resolved: resolved, rated_satisfied: satisfied });
    const ranked = rankUnits([
      { id: 1, name: '甲', counters: ZERO },
      { id: 2, name: '乙', counters: counters(10, 5) },
      { id: 3, name: '丙', counters: counters(20, 10) },
      { id: 4, name: '丁', counters: counters(3, 3, 1, 1, 1) },
      { id: 5, name: '戊', counters: counters(20, 10) },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      [4, 1],
      [3, 2],
      [5, 2],
      [2, 4],
      [1, null],
    ]);
  });
});
