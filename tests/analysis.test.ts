import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASELINE_DAYS, MIN_COUNT, P_THRESHOLD, judgeSeries } from '../server/modules/analysis/early-warning.js';
import { raiseStreetWarnings } from '../server/modules/analysis/raise-street-warnings.js';
import { raiseWarnings } from '../server/modules/analysis/raise-warnings.js';
import { addDays } from '../server/modules/analysis/periods.js';
import { findAreaNode } from '../server/modules/analysis/repository.js';
import { checkCaseRates } from '../server/modules/cases/rollups/check-case-rates.js';
import { runSchedulerOnce } from '../server/modules/cases/scheduler/run-scheduler.js';
import { Random } from '../server/modules/demo/random.js';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, loginAll, makeNode, makeResidentUser, makeStreet, makeUser, type NodeRef } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = any; // response bodies are read loosely; their schemas are the server's contract

/**
 * 民情分析 over cases driven through the HTTP API on chosen local days (only Date is faked), with
 * every expected figure worked out from the list of cases this test submitted. June 2025: the
 * day analysed, D, is Monday 30 June (ISO week 2025-W27); the same weekdays before it are 2, 9,
 * 16 and 23 June.
 */

let t: TestApp;
let clock = Date.parse('2025-06-01T02:00:00Z');
const setDay = (day: string) => vi.setSystemTime((clock = Math.max(clock + 60_000, Date.parse(`${day}T10:00:00+08:00`))));
const tick = () => vi.setSystemTime((clock += 60_000));

const D = '2025-06-30';
const ELEVATOR = '电梯故障停运，老人上下楼困难';
const NOISE = '楼上夜间装修噪音扰民';

let w: Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const db = t.ctx.db;
  const s = await makeStreet(db);
  const other = await makeStreet(db);
  const dept = await makeOrganisation(db, s.street, 'department', '城管执法队');
  const catA = (await makeCategory(db, { handlerKind: 'grid' })).id;
  const catB = (await makeCategory(db, { handlerKind: 'grid' })).id;
  const resident = (building: NodeRef) => makeResidentUser(db, t.ctx.cipher, building);
  const users = {
    residentA: await resident(s.buildingA),
    residentA2: await resident(s.buildingA2),
    residentB: await resident(s.buildingB),
    admin: await makeUser(db, [{ role: 'street_admin', node: s.street }]),
    staffA: await makeUser(db, [{ role: 'community_staff', node: s.communityA }]),
    staffB: await makeUser(db, [{ role: 'community_staff', node: s.communityB }]),
    gridA: await makeUser(db, [{ role: 'grid_worker', node: s.gridA }]),
    dept: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.id }),
    otherAdmin: await makeUser(db, [{ role: 'street_admin', node: other.street }]),
  };
  const tokens = await loginAll(t.app, users);
  return { s, other, catA, catB, users, tokens };
}

const get = (token: string | null, url: string) => t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });
const ok = async (token: string, url: string): Promise<Json> => {
  const res = await get(token, url);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

interface Filed {
  id: number;
  day: string;
  building: 'A' | 'A2' | 'B';
  category: number;
}
const filed: Filed[] = [];

/** A resident of the building files a case on the current (fake) day; staff accept it unless told not to. */
async function file(building: Filed['building'], category: number, description: string, day: string, accept = true) {
  tick();
  const token = { A: w.tokens.residentA, A2: w.tokens.residentA2, B: w.tokens.residentB }[building];
  const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: bearer(token), payload: { categoryId: category, description } });
  if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  const id = res.json().case.id as number;
  if (accept) {
    const a = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/accept`, headers: bearer(w.tokens.admin), payload: {} });
    if (a.statusCode !== 200) throw new Error(`accept: ${a.statusCode} ${a.body}`);
  }
  filed.push({ id, day, building, category });
  return id;
}

let overdueId = 0;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  t = await createTestApp({ SESSION_TTL_HOURS: '100000' });
  w = await makeWorld();
  const { catA, catB } = w;
  // Staff of community A hear of every warning there; the street admin only of category B.
  expect((await t.app.inject({ method: 'POST', url: '/api/analysis/subscriptions', headers: bearer(w.tokens.staffA), payload: { unit: `community:${w.s.communityA.id}` } })).statusCode).toBe(201);
  expect((await t.app.inject({ method: 'POST', url: '/api/analysis/subscriptions', headers: bearer(w.tokens.admin), payload: { unit: `street:${w.s.street.id}`, categoryId: catB } })).statusCode).toBe(201);

  const days: [string, [Filed['building'], number, string][]][] = [
    ['2025-06-02', [['B', catB, NOISE], ['A2', catB, NOISE]]],
    ['2025-06-09', [['A2', catA, ELEVATOR]]],
    ['2025-06-16', [['B', catB, NOISE], ['B', catB, NOISE]]],
    ['2025-06-23', [['A2', catB, NOISE]]],
  ];
  for (const [day, cases] of days) {
    setDay(day);
    for (const [b, c, text] of cases) await file(b, c, text, day);
  }
  // Filed on Saturday and never accepted: overdue once its 24-hour response limit passes.
  setDay('2025-06-28');
  overdueId = await file('B', catB, NOISE, '2025-06-28', false);
  setDay(D);
  await runSchedulerOnce(t.ctx, { now: new Date(clock), workerId: 'analysis-test' });
  for (let i = 0; i < 3; i++) await file('A', catA, ELEVATOR, D, false);
  await file('A2', catA, '电梯按钮失灵', D, false);
  await file('B', catB, NOISE, D); // accepted at once: community B responds in time this week
});

afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const onDay = (day: string, pick: (f: Filed) => boolean = () => true) => filed.filter((f) => f.day === day && pick(f)).length;

describe('daily analysis', () => {
  it('raises the day’s warning in the background round, before anyone reads the view', async () => {
    expect(await raiseStreetWarnings(t.ctx.db, new Date(`${D}T20:00:00+08:00`))).toBe(1);
    expect(await raiseStreetWarnings(t.ctx.db, new Date(`${D}T21:00:00+08:00`))).toBe(0);
    expect(await t.ctx.db.selectFrom('analysis_warning').select('grid_id').where('street_id', '=', w.s.street.id).execute()).toEqual([{ grid_id: w.s.gridA.id }]);
  });

  it('compares the day with the same weekday of the last four weeks, by unit and by category', async () => {
    const body = await ok(w.tokens.admin, `/api/analysis/daily?date=${D}&unit=street:${w.s.street.id}`);
    const weekdays = ['2025-06-23', '2025-06-16', '2025-06-09', '2025-06-02'];
    const before = weekdays.map((d) => onDay(d));
    expect(body.volume).toEqual({
      received: onDay(D),
      sameWeekday: weekdays.map((date, i) => ({ date, received: before[i] })),
      sameWeekdayMean: before.reduce((a, b) => a + b, 0) / 4,
      change: onDay(D) - before.reduce((a, b) => a + b, 0) / 4,
      changeRatio: (onDay(D) - 1.5) / 1.5,
    });
    expect(body.volume.received).toBe(5);
    const hot = (id: number) => body.hotCategories.find((h: Json) => h.category.id === id);
    const sameCat = (c: number) => weekdays.map((d) => onDay(d, (f) => f.category === c));
    expect(body.hotCategories.map((h: Json) => h.category.id)).toEqual([w.catA, w.catB]);
    expect(hot(w.catA)).toMatchObject({ received: 4, sameWeekday: sameCat(w.catA), sameWeekdayMean: 0.25, change: 3.75, changeRatio: 15 });
    expect(hot(w.catB)).toMatchObject({ received: 1, sameWeekday: sameCat(w.catB), sameWeekdayMean: 1.25, change: -0.25 });
    expect(body.topUnits.unitKind).toBe('community');
    expect(body.topUnits.items.map((i: Json) => [i.unit.id, i.counts.received])).toEqual([
      [w.s.communityA.id, 4],
      [w.s.communityB.id, 1],
    ]);
  });

  it('raises the early warning once, explains it, and tells the subscribers of that grid and category only', async () => {
    const url = `/api/analysis/daily?date=${D}&unit=street:${w.s.street.id}`;
    const body = await ok(w.tokens.admin, url);
    expect(body.warnings.items).toHaveLength(1);
    const warning = body.warnings.items[0];
    expect(warning).toMatchObject({ day: D, grid: { id: w.s.gridA.id }, category: { id: w.catA }, count: 3, baseline: 0, baselineDays: BASELINE_DAYS });
    expect(warning.threshold).toEqual({ pValue: P_THRESHOLD, minCount: MIN_COUNT, baselineDays: BASELINE_DAYS });
    expect(warning.pValue).toBeLessThan(P_THRESHOLD);
    expect(warning.why.zh).toContain('3 件');
    // Read again, and by the community: the same one warning, stored once.
    await ok(w.tokens.staffA, `/api/analysis/daily?date=${D}&unit=community:${w.s.communityA.id}`);
    expect((await ok(w.tokens.gridA, `/api/analysis/daily?date=${D}&unit=grid:${w.s.gridA.id}`)).warnings.items.map((x: Json) => x.id)).toEqual([warning.id]);
    expect(await t.ctx.db.selectFrom('analysis_warning').select('id').where('street_id', '=', w.s.street.id).execute()).toHaveLength(1);
    const inbox = async (token: string) => (await ok(token, '/api/notifications')).items.filter((n: Json) => n.kind === 'analysis.warning');
    expect(await inbox(w.tokens.staffA)).toHaveLength(1);
    expect((await inbox(w.tokens.staffA))[0].title).toContain(w.s.gridA.name);
    expect(await inbox(w.tokens.admin)).toHaveLength(0);
    // Community B has no warning that day.
    expect((await ok(w.tokens.staffB, `/api/analysis/daily?date=${D}&unit=community:${w.s.communityB.id}`)).warnings.items).toEqual([]);
  });

  it('stores nothing for a day whose counts are ordinary', async () => {
    const n = await raiseWarnings(t.ctx.db, { unit: await findAreaNode(t.ctx.db, w.s.street.id), day: '2025-06-16' });
    expect(n).toBe(0);
  });
});

describe('weekly dispatch', () => {
  it('lists open overdue cases, class problems in the 30 days to Sunday, and units behind their street', async () => {
    const body = await ok(w.tokens.admin, `/api/analysis/weekly?week=2025-W27&unit=street:${w.s.street.id}`);
    expect(body).toMatchObject({ week: '2025-W27', from: '2025-06-30', to: '2025-07-06' });
    expect(body.overdue.total).toBe(1);
    expect(body.overdue.items.map((c: Json) => c.id)).toEqual([overdueId]);
    // Building B, category B: 16 June twice, 28 and 30 June (2 June is outside 7 June–6 July); building A, category A: three on 30 June.
    expect(body.classProblems.from).toBe('2025-06-07');
    expect(body.classProblems.items.map((p: Json) => [p.place.id, p.category.id, p.count])).toEqual([
      [w.s.buildingB.id, w.catB, 4],
      [w.s.buildingA.id, w.catA, 3],
    ]);
    // Responded in time this week: only community B's case of 30 June (1 of 5 street-wide).
    expect(body.fallingBehind.street.responseRate).toEqual({ numerator: 1, denominator: 5, value: 0.2 });
    expect(body.fallingBehind.items.map((i: Json) => [i.unit.kind, i.unit.id, i.rate, i.value.numerator, i.value.denominator])).toEqual([
      ['community', w.s.communityA.id, 'responseRate', 0, 4],
      ['grid', w.s.gridA.id, 'responseRate', 0, 3],
      ['grid', w.s.gridA2.id, 'responseRate', 0, 1],
    ]);
  });

  it('keeps a community to its own subtree', async () => {
    const body = await ok(w.tokens.staffA, `/api/analysis/weekly?week=2025-W27&unit=community:${w.s.communityA.id}`);
    expect(body.overdue.total).toBe(0);
    expect(body.classProblems.items.map((p: Json) => p.place.id)).toEqual([w.s.buildingA.id]);
  });
});

describe('monthly review', () => {
  it('ranks units as the rates ranking does and names the month’s most frequent class problems', async () => {
    const body = await ok(w.tokens.admin, `/api/analysis/monthly?month=2025-06&unit=street:${w.s.street.id}&unitKind=grid`);
    expect(body.ranking).toEqual(await ok(w.tokens.admin, '/api/rates/ranking?unitKind=grid&month=2025-06'));
    expect(body.ranking.items.length).toBe(3);
    expect(body.priorityCandidates.items.map((p: Json) => [p.place.id, p.category.id, p.count])).toEqual([
      [w.s.buildingB.id, w.catB, filed.filter((f) => f.building === 'B' && f.category === w.catB).length],
      [w.s.buildingA.id, w.catA, 3],
    ]);
  });
});

describe('reports (.xlsx)', () => {
  /** The rows of a sheet as plain values, header first. */
  async function sheetRows(body: Buffer, sheet: string): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}; there are ${workbook.worksheets.map((x) => x.name).join(', ')}`);
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  it('writes the monthly ranking and 每月一题 with the view’s own figures', async () => {
    const query = `month=2025-06&unit=street:${w.s.street.id}&unitKind=grid`;
    const view = await ok(w.tokens.admin, `/api/analysis/monthly?${query}`);
    const res = await get(w.tokens.admin, `/api/analysis/reports/monthly.xlsx?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('monthly-street-');
    const ranking = await sheetRows(res.rawPayload, '三率排名');
    expect(ranking[0]!.slice(0, 3)).toEqual(['名次', '单位', '综合得分']);
    const body = ranking.slice(1, 1 + view.ranking.items.length);
    expect(body.map((r) => [r[0] ?? null, r[1], r[4], r[5]])).toEqual(
      view.ranking.items.map((i: Json) => [i.rank, i.unit.name, i.responseRate.numerator, i.responseRate.denominator]),
    );
    const candidates = await sheetRows(res.rawPayload, '每月一题');
    expect(candidates.slice(1, 1 + view.priorityCandidates.items.length).map((r) => [r[0], r[2]])).toEqual(
      view.priorityCandidates.items.map((p: Json) => [p.place.name, p.count]),
    );
    // An export of the street's figures: audited with who, which view and period, and the file's size.
    const audit = await exportAudits();
    expect(audit.at(-1)).toMatchObject({
      target_type: 'org_node',
      target_id: String(w.s.street.id),
      summary: { kind: 'monthly', period: '2025-06', unitKind: 'street', rankedKind: 'grid', bytes: res.rawPayload.length },
    });
    expect(audit.at(-1)!.actor_id).not.toBeNull();
  });

  const exportAudits = () =>
    t.ctx.db.selectFrom('audit_log').select(['actor_id', 'target_type', 'target_id', 'summary']).where('action', '=', 'analysis.workbook.exported').orderBy('id').execute();

  it('writes the weekly overdue list, class problems and units behind, in English on request', async () => {
    const query = `week=2025-W27&unit=street:${w.s.street.id}`;
    const view = await ok(w.tokens.admin, `/api/analysis/weekly?${query}`);
    const res = await t.app.inject({ method: 'GET', url: `/api/analysis/reports/weekly.xlsx?${query}`, headers: { ...bearer(w.tokens.admin), 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    const overdue = await sheetRows(res.rawPayload, 'Overdue');
    expect(overdue[0]![0]).toBe('Number');
    expect(overdue.slice(1, 1 + view.overdue.items.length).map((r) => r[0])).toEqual(view.overdue.items.map((c: Json) => c.publicId));
    const behind = await sheetRows(res.rawPayload, 'Falling behind');
    expect(behind.slice(1, 1 + view.fallingBehind.items.length).map((r) => [r[0], r[3], r[4]])).toEqual(
      view.fallingBehind.items.map((i: Json) => [i.unit.name, i.value.numerator, i.value.denominator]),
    );
    expect((await sheetRows(res.rawPayload, 'Class problems')).length).toBeGreaterThan(view.classProblems.items.length);
  });

  it('answers as the views do: 401, 403, 404 out of scope, 400 for a malformed period, and audits none of them', async () => {
    const street = `unit=street:${w.s.street.id}`;
    const before = (await exportAudits()).length;
    expect((await get(null, `/api/analysis/reports/weekly.xlsx?week=2025-W27&${street}`)).statusCode).toBe(401);
    expect((await get(w.tokens.residentA, `/api/analysis/reports/weekly.xlsx?week=2025-W27&${street}`)).statusCode).toBe(403);
    expect((await get(w.tokens.otherAdmin, `/api/analysis/reports/monthly.xlsx?month=2025-06&${street}`)).statusCode).toBe(404);
    expect((await get(w.tokens.admin, `/api/analysis/reports/monthly.xlsx?month=2025-13&${street}`)).statusCode).toBe(400);
    expect(await exportAudits()).toHaveLength(before);
  });
});

describe('hot words', () => {
  it('counts terms per text against the previous period and says how many texts it read', async () => {
    const body = await ok(w.tokens.admin, `/api/analysis/hot-words?from=2025-06-24&to=${D}&unit=street:${w.s.street.id}`);
    expect(body.current).toEqual({ from: '2025-06-24', to: D, received: 6, read: 6 });
    expect(body.previous).toEqual({ from: '2025-06-17', to: '2025-06-23', received: 1, read: 1 });
    expect(body.sample).toMatchObject({ limit: 2000, truncated: false });
    const term = (x: string) => body.items.find((i: Json) => i.term === x);
    expect(term('电梯')).toMatchObject({ count: 4, previousCount: 0, trend: 'new' });
    expect(term('噪音')).toMatchObject({ count: 2, previousCount: 1, trend: 'falling' });
    expect(body.items.map((i: Json) => i.term)).not.toContain('楼上');
  });
});

describe('access and bad input', () => {
  const views = () => [
    `/api/analysis/daily?date=${D}&unit=street:${w.s.street.id}`,
    `/api/analysis/weekly?week=2025-W27&unit=street:${w.s.street.id}`,
    `/api/analysis/monthly?month=2025-06&unit=street:${w.s.street.id}`,
    `/api/analysis/hot-words?from=2025-06-01&to=${D}&unit=street:${w.s.street.id}`,
  ];

  it('describes every endpoint in the API description', async () => {
    const paths = Object.keys((await get(null, '/api/openapi.json')).json().paths);
    for (const p of ['daily', 'weekly', 'monthly', 'hot-words', 'subscriptions', 'subscriptions/{id}']) expect(paths).toContain(`/api/analysis/${p}`);
  });

  it('requires authentication on every endpoint', async () => {
    for (const url of [...views(), '/api/analysis/subscriptions']) expect((await get(null, url)).statusCode, url).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/analysis/subscriptions', payload: { unit: `grid:${w.s.gridA.id}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/analysis/subscriptions/1' })).statusCode).toBe(401);
  });

  it('answers 404 for a unit outside the scope and 403 without the right to read rates', async () => {
    for (const url of views()) {
      expect((await get(w.tokens.otherAdmin, url)).statusCode, url).toBe(404);
      expect((await get(w.tokens.staffA, url)).statusCode, url).toBe(404);
      expect((await get(w.tokens.residentA, url)).statusCode, url).toBe(403);
      expect((await get(w.tokens.dept, url)).statusCode, url).toBe(403);
    }
    expect((await get(w.tokens.staffA, `/api/analysis/daily?date=${D}&unit=community:${w.s.communityB.id}`)).statusCode).toBe(404);
    // A grid asked for as a community does not exist either.
    expect((await get(w.tokens.admin, `/api/analysis/daily?date=${D}&unit=community:${w.s.gridA.id}`)).statusCode).toBe(404);
  });

  it('refuses malformed periods and units with 400', async () => {
    const street = `unit=street:${w.s.street.id}`;
    for (const url of [
      `/api/analysis/daily?date=2025-02-30&${street}`,
      `/api/analysis/daily?date=2025-6-30&${street}`,
      `/api/analysis/daily?date=${D}`,
      `/api/analysis/daily?date=${D}&unit=district:1`,
      `/api/analysis/daily?date=${D}&unit=street:0x1`,
      `/api/analysis/weekly?week=2025-W53&${street}`,
      `/api/analysis/weekly?week=2025-27&${street}`,
      `/api/analysis/monthly?month=2025-13&${street}`,
      `/api/analysis/monthly?month=2025-06&unitKind=household&${street}`,
      `/api/analysis/hot-words?from=2025-06-30&to=2025-06-01&${street}`,
      `/api/analysis/hot-words?from=2025-01-01&to=2025-06-30&${street}`,
    ]) {
      const res = await get(w.tokens.admin, url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('VALIDATION_FAILED');
    }
    // 2026 has 53 ISO weeks.
    expect((await get(w.tokens.admin, `/api/analysis/weekly?week=2026-W53&${street}`)).statusCode).toBe(200);
  });

  it('lets staff subscribe within their scope only, once, and end only their own subscriptions', async () => {
    const post = (token: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/analysis/subscriptions', headers: bearer(token), payload });
    expect((await post(w.tokens.staffA, { unit: `community:${w.s.communityB.id}` })).statusCode).toBe(404);
    expect((await post(w.tokens.residentA, { unit: `grid:${w.s.gridA.id}` })).statusCode).toBe(403);
    expect((await post(w.tokens.gridA, { unit: `grid:${w.s.gridA.id}`, categoryId: 999_999 })).statusCode).toBe(404);
    const first = await post(w.tokens.gridA, { unit: `grid:${w.s.gridA.id}`, categoryId: w.catA });
    expect(first.statusCode).toBe(201);
    const again = await post(w.tokens.gridA, { unit: `grid:${w.s.gridA.id}`, categoryId: w.catA });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ created: false, subscription: first.json().subscription });
    const id = first.json().subscription.id;
    expect((await ok(w.tokens.gridA, '/api/analysis/subscriptions')).items.map((s: Json) => s.id)).toEqual([id]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/analysis/subscriptions/${id}`, headers: bearer(w.tokens.staffA) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/analysis/subscriptions/${id}`, headers: bearer(w.tokens.gridA) })).statusCode).toBe(204);
    expect((await ok(w.tokens.gridA, '/api/analysis/subscriptions')).items).toEqual([]);
  });

  it('left the roll-ups in agreement with the cases', async () => {
    expect(await checkCaseRates(t.ctx.db, { streetId: w.s.street.id })).toEqual([]);
  });
});

/** Poisson variate by inversion (small means only). */
function poisson(rand: Random, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let sum = p;
  const u = rand.float();
  while (u > sum) {
    k += 1;
    p *= mean / k;
    sum += p;
  }
  return k;
}

describe('early warning on synthetic series with known spikes', () => {
  const SERIES = 200;
  const SPIKES = 20;
  const DAYS = BASELINE_DAYS * 2;
  /** Bound on false alarms: the share of spike-free days judged, the rule's nominal level. */
  const FALSE_ALARM_BOUND = P_THRESHOLD;

  /**
   * 200 series of daily Poisson counts with means drawn from 0.2–4 a day (a grid's cases of one
   * category), 56 days each; 20 series get one spike on a day after the first 28: an excess of
   * five standard deviations of the baseline (5√λ, at least 4 cases) on top of the usual count.
   */
  function synthesise(seed: number) {
    const rand = new Random(seed);
    const spikeDay = new Map(rand.shuffle([...Array(SERIES).keys()]).slice(0, SPIKES).map((s) => [s, rand.int(BASELINE_DAYS, DAYS - 1)]));
    return Array.from({ length: SERIES }, (_, s) => {
      const mean = rand.between(0.2, 4);
      const counts = Array.from({ length: DAYS }, () => poisson(rand, mean));
      const spike = spikeDay.get(s);
      if (spike !== undefined) counts[spike]! += Math.max(4, Math.ceil(5 * Math.sqrt(mean)));
      return { counts, spike };
    });
  }

  it(`detects at least 90% of the spikes with false alarms on at most ${FALSE_ALARM_BOUND * 100}% of the other days`, () => {
    const seed = Number(process.env.WARNING_SEED ?? 20_250_630);
    let detected = 0;
    let falseAlarms = 0;
    let cleanDays = 0;
    for (const { counts, spike } of synthesise(seed)) {
      for (const { day, judgement } of judgeSeries(counts)) {
        if (day === spike) detected += judgement.fired ? 1 : 0;
        else {
          cleanDays += 1;
          falseAlarms += judgement.fired ? 1 : 0;
        }
      }
    }
    const detectionRate = detected / SPIKES;
    const falseAlarmRate = falseAlarms / cleanDays;
    console.log(`early warning (seed ${seed}): detection rate ${detected}/${SPIKES} = ${detectionRate.toFixed(2)}; false alarms ${falseAlarms}/${cleanDays} series-days = ${(falseAlarmRate * 100).toFixed(2)}% (bound ${FALSE_ALARM_BOUND * 100}%)`);
    expect(cleanDays).toBe(SERIES * BASELINE_DAYS - SPIKES);
    expect(detectionRate).toBeGreaterThanOrEqual(0.9);
    expect(falseAlarmRate).toBeLessThanOrEqual(FALSE_ALARM_BOUND);
  });

  it('fires through the roll-up exactly where the rule does: 20 grids × 10 categories in case_rollup_daily', async () => {
    const db = t.ctx.db;
    const s = await makeStreet(db);
    const grids = [s.gridA, s.gridA2, s.gridB, ...(await Promise.all(Array.from({ length: 17 }, () => makeNode(db, s.communityB, 'grid'))))];
    const categories = await Promise.all(Array.from({ length: 10 }, () => makeCategory(db)));
    const series = synthesise(7);
    const first = '2024-01-01';
    const rows = series.flatMap(({ counts }, i) =>
      counts.flatMap((received, d) => (received === 0 ? [] : [{ day: addDays(first, d), unit_kind: 'grid' as const, unit_id: grids[i % 20]!.id, street_id: s.street.id, category_id: categories[Math.floor(i / 20)]!.id, channel: 'phone' as const, received }])),
    );
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('case_rollup_daily').values(rows.slice(i, i + 1000)).execute();
    const street = await findAreaNode(db, s.street.id);
    for (let d = BASELINE_DAYS; d < DAYS; d++) await raiseWarnings(db, { unit: street, day: addDays(first, d) });
    const stored = await db.selectFrom('analysis_warning').select(['grid_id', 'category_id', 'day', 'count']).where('street_id', '=', s.street.id).execute();
    const expected = series.flatMap(({ counts }, i) =>
      judgeSeries(counts).filter((j) => j.judgement.fired).map((j) => `${grids[i % 20]!.id}/${categories[Math.floor(i / 20)]!.id}/${addDays(first, j.day)}/${j.judgement.count}`),
    );
    expect(expected.length).toBeGreaterThanOrEqual(SPIKES * 0.9);
    expect(stored.map((r) => `${r.grid_id}/${r.category_id}/${r.day}/${r.count}`).sort()).toEqual(expected.sort());
  });
});
