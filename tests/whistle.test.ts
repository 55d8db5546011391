import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = any; // response bodies are read loosely; their schemas are the server's contract

describe('whistle-blowing (吹哨报到)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof makeStreet>>;
  const tokens: Record<string, string> = {};
  const dept: Record<string, { id: number; name: string }> = {};
  let category: { id: number };

  const post = (who: string, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: bearer(tokens[who]!), payload: payload as object });
  const put = (who: string, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: bearer(tokens[who]!), payload: payload as object });
  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[who]!) });
  const code = (res: { json(): Json }) => res.json().error?.code;

  async function openCase(description = '小区围墙倒塌，多部门需联合处置') {
    const c = (await post('resident', '/api/cases', { categoryId: category.id, description })).json().case;
    expect((await post('staff', `/api/cases/${c.id}/accept`)).statusCode).toBe(200);
    return c as { id: number; publicId: string };
  }

  const auditActions = async (targetType: string, id: number) =>
    (await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', targetType).where('target_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action);

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    s = await makeStreet(db);
    const other = await makeStreet(db);
    for (const [key, name] of [['a', '城管执法队'], ['b', '市场监管所'], ['c', '住建所'], ['d', '消防站']] as const) dept[key] = await makeOrganisation(db, s.street, 'department', name);
    dept.far = await makeOrganisation(db, other.street, 'department', '外街道城管');
    category = await makeCategory(db, { handlerKind: 'grid' });
    const household = await makeHousehold(db, s.buildingA);
    const reporter = await makeResident(db, t.ctx.cipher, household);
    const users = {
      resident: await makeUser(db, [{ role: 'resident', node: s.buildingA }], { residentId: reporter.id }),
      admin: await makeUser(db, [{ role: 'street_admin', node: s.street }]),
      staff: await makeUser(db, [{ role: 'community_staff', node: s.communityA }]),
      staffB: await makeUser(db, [{ role: 'community_staff', node: s.communityB }]),
      grid: await makeUser(db, [{ role: 'grid_worker', node: s.gridA }]),
      a: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.a!.id }),
      b: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.b!.id }),
      c: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.c!.id }),
      d: await makeUser(db, [{ role: 'department_handler', node: s.street }], { organisationId: dept.d!.id }),
      far: await makeUser(db, [{ role: 'department_handler', node: other.street }], { organisationId: dept.far!.id }),
    };
    for (const [k, u] of Object.entries(users)) tokens[k] = await login(t.app, u.username);
  });
  afterAll(() => t?.close());

  it('requires authentication, and whistle.read to see the board', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/whistles' })).statusCode).toBe(401);
    const body = { kind: 'routine', place: '某处', reason: '某事', departmentIds: [dept.a!.id] };
    expect((await t.app.inject({ method: 'POST', url: '/api/whistles', payload: body })).statusCode).toBe(401);
    expect(code(await get('grid', '/api/whistles'))).toBe('FORBIDDEN');
    expect(code(await get('resident', '/api/whistles/department-stats'))).toBe('FORBIDDEN');
  });

  it('runs a whistle on a case: summon, check in, close with an absentee, rate once', async () => {
    const c = await openCase();
    const blown = await post('staff', '/api/whistles', { kind: 'tough', caseId: c.id, reason: '围墙倒塌涉及住建、城管、市场监管', departmentIds: [dept.a!.id, dept.b!.id, dept.c!.id] });
    expect(blown.statusCode, blown.body).toBe(201);
    const w = blown.json().whistle;
    expect(w).toMatchObject({ kind: 'tough', status: 'open', caseId: c.id, casePublicId: c.publicId, summoned: 3, checkedIn: 0 });
    // 攻坚哨: 240 minutes to check in (the shipped limit).
    expect(new Date(w.checkinDueAt).getTime() - new Date(w.blownAt).getTime()).toBe(240 * 60_000);
    expect(blown.json().allowedActions).toEqual(['close']);

    // The case's public timeline shows the whistle; its audit trail too.
    const timeline = (await get('resident', `/api/cases/${c.id}`)).json().timeline;
    expect(timeline.map((e: Json) => e.action)).toContain('whistle');
    expect(await auditActions('case', c.id)).toContain('case.whistle');
    // Each summoned department's users are notified; the unsummoned are not.
    const inbox = await t.ctx.db.selectFrom('notification as n').innerJoin('app_user as u', 'u.id', 'n.user_id').select('u.organisation_id').where('n.kind', '=', 'whistle.summoned').where('n.case_id', '=', c.id).execute();
    expect(inbox.map((n) => n.organisation_id).sort()).toEqual([dept.a!.id, dept.b!.id, dept.c!.id].sort());

    // Department A checks in in time; twice is refused.
    const detail = await get('a', `/api/whistles/${w.id}`);
    expect(detail.json().allowedActions).toEqual(['check_in']);
    const checked = await post('a', `/api/whistles/${w.id}/check-in`, { peopleSent: '执法队员 4 人，带队：王队长' });
    expect(checked.statusCode, checked.body).toBe(200);
    const mine = checked.json().summons.find((x: Json) => x.departmentId === dept.a!.id);
    expect(mine).toMatchObject({ checkedIn: true, onTime: true, peopleSent: '执法队员 4 人，带队：王队长', minutesToCheckIn: 0, absent: false });
    expect(mine.checkedInBy.name).toMatch(/用户/);
    expect(code(await post('a', `/api/whistles/${w.id}/check-in`, { peopleSent: '再来一次' }))).toBe('ALREADY_CHECKED_IN');

    // Department B comes after the due time: recorded, not on time.
    await t.ctx.db.updateTable('whistle').set({ checkin_due_at: new Date(Date.now() - 60_000) }).where('id', '=', w.id).execute();
    const late = (await post('b', `/api/whistles/${w.id}/check-in`, { peopleSent: '2 人' })).json();
    expect(late.summons.find((x: Json) => x.departmentId === dept.b!.id)).toMatchObject({ checkedIn: true, onTime: false });

    // Only the summoned check in; only those who may act see the whistle.
    expect(code(await post('d', `/api/whistles/${w.id}/check-in`, { peopleSent: 'x' }))).toBe('NOT_SUMMONED');
    expect(code(await post('far', `/api/whistles/${w.id}/check-in`, { peopleSent: 'x' }))).toBe('WHISTLE_NOT_FOUND');
    expect(code(await post('staff', `/api/whistles/${w.id}/check-in`, { peopleSent: 'x' }))).toBe('FORBIDDEN');
    expect((await get('d', `/api/whistles/${w.id}`)).statusCode).toBe(404);
    expect((await get('staffB', `/api/whistles/${w.id}`)).statusCode).toBe(404);

    // Rating waits for the close; only the blower or a street admin closes.
    expect(code(await post('staff', `/api/whistles/${w.id}/ratings`, { departmentId: dept.a!.id, rating: 5 }))).toBe('WHISTLE_STILL_OPEN');
    expect(code(await post('a', `/api/whistles/${w.id}/close`, { summary: '我们干完了' }))).toBe('WHISTLE_NOT_BLOWER');
    expect(code(await post('staffB', `/api/whistles/${w.id}/close`, { summary: 'x' }))).toBe('WHISTLE_NOT_FOUND');
    const closed = await post('staff', `/api/whistles/${w.id}/close`, { summary: '围墙已拆除重建，现场已清理' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().whistle).toMatchObject({ status: 'closed', summary: '围墙已拆除重建，现场已清理', checkedIn: 2, onTime: 1 });
    expect(closed.json().summons.find((x: Json) => x.departmentId === dept.c!.id)).toMatchObject({ checkedIn: false, absent: true, onTime: null, minutesToCheckIn: null });
    expect(closed.json().allowedActions).toEqual(['rate']);
    expect(code(await post('staff', `/api/whistles/${w.id}/close`, { summary: 'again' }))).toBe('WHISTLE_CLOSED');
    expect(code(await post('c', `/api/whistles/${w.id}/check-in`, { peopleSent: '来晚了' }))).toBe('WHISTLE_CLOSED');

    // The street rates each summoned department once, the absent one too.
    expect(code(await post('a', `/api/whistles/${w.id}/ratings`, { departmentId: dept.a!.id, rating: 5 }))).toBe('WHISTLE_NOT_BLOWER');
    expect((await post('staff', `/api/whistles/${w.id}/ratings`, { departmentId: dept.a!.id, rating: 5, comment: '响应迅速' })).statusCode).toBe(200);
    expect(code(await post('staff', `/api/whistles/${w.id}/ratings`, { departmentId: dept.a!.id, rating: 4 }))).toBe('WHISTLE_ALREADY_RATED');
    expect((await post('admin', `/api/whistles/${w.id}/ratings`, { departmentId: dept.c!.id, rating: 1, comment: '未报到' })).statusCode).toBe(200);
    expect(code(await post('admin', `/api/whistles/${w.id}/ratings`, { departmentId: dept.d!.id, rating: 3 }))).toBe('DEPARTMENT_NOT_SUMMONED');
    expect(code(await post('admin', `/api/whistles/${w.id}/ratings`, { departmentId: dept.b!.id, rating: 6 }))).toBe('VALIDATION_FAILED');
    const rated = (await get('admin', `/api/whistles/${w.id}`)).json().summons;
    expect(rated.map((x: Json) => [x.departmentId, x.rating])).toEqual(
      expect.arrayContaining([[dept.a!.id, 5], [dept.b!.id, null], [dept.c!.id, 1]]),
    );

    expect(await auditActions('whistle', w.id)).toEqual(['whistle.blow', 'whistle.checkin', 'whistle.checkin', 'whistle.close', 'whistle.rate', 'whistle.rate']);
    const chains = await t.ctx.db.selectFrom('audit_log').select('chain').where('target_type', '=', 'whistle').where('target_id', '=', String(w.id)).execute();
    expect(new Set(chains.map((r) => r.chain))).toEqual(new Set([s.street.id]));
  });

  it('blows on a place, checks who may blow where and whom, and changes nothing when refused', async () => {
    const count = async () => Number((await t.ctx.db.selectFrom('whistle').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const place = { kind: 'emergency', place: '乙社区 3 号楼前燃气泄漏', reason: '疑似燃气泄漏，需立即处置', departmentIds: [dept.d!.id] };
    expect(code(await post('staff', '/api/whistles', { ...place, orgNodeId: s.communityB.id }))).toBe('ORG_NODE_NOT_FOUND');
    expect(code(await post('admin', '/api/whistles', { ...place, orgNodeId: s.communityB.id, departmentIds: [dept.far!.id] }))).toBe('WHISTLE_DEPARTMENT_INVALID');
    expect(code(await post('admin', '/api/whistles', { ...place, orgNodeId: s.communityB.id, departmentIds: [999999] }))).toBe('WHISTLE_DEPARTMENT_INVALID');
    expect(code(await post('admin', '/api/whistles', { kind: 'routine', reason: 'x', departmentIds: [dept.a!.id] }))).toBe('VALIDATION_FAILED');
    expect(code(await post('admin', '/api/whistles', { ...place, departmentIds: [dept.a!.id, dept.a!.id] }))).toBe('VALIDATION_FAILED');
    expect(code(await post('admin', '/api/whistles', { ...place, kind: 'loud' }))).toBe('VALIDATION_FAILED');
    expect(code(await post('grid', '/api/whistles', place))).toBe('FORBIDDEN');
    const caseA = await openCase('甲社区的诉求');
    expect(code(await post('staffB', '/api/whistles', { kind: 'routine', caseId: caseA.id, reason: 'x', departmentIds: [dept.a!.id] }))).toBe('CASE_NOT_FOUND');
    await post('staff', `/api/cases/${caseA.id}/close-unresolved`, { reason: '无法处理' });
    expect(code(await post('staff', '/api/whistles', { kind: 'routine', caseId: caseA.id, reason: 'x', departmentIds: [dept.a!.id] }))).toBe('CASE_INVALID_TRANSITION');
    expect(await count()).toBe(before);

    const res = await post('admin', '/api/whistles', { ...place, orgNodeId: s.communityB.id });
    expect(res.statusCode, res.body).toBe(201);
    const w = res.json().whistle;
    expect(w).toMatchObject({ kind: 'emergency', caseId: null, place: place.place, orgNodeId: s.communityB.id, streetId: s.street.id });
    expect(new Date(w.checkinDueAt).getTime() - new Date(w.blownAt).getTime()).toBe(30 * 60_000);
    // A community official without a node blows at their own community.
    const own = (await post('staff', '/api/whistles', { kind: 'routine', place: '甲社区广场', reason: '占道经营', departmentIds: [dept.a!.id] })).json().whistle;
    expect(own.orgNodeId).toBe(s.communityA.id);
    // Community A's staff do not see community B's whistle; B's staff and the summoned department do.
    expect((await get('staff', `/api/whistles/${w.id}`)).statusCode).toBe(404);
    expect((await get('staffB', `/api/whistles/${w.id}`)).statusCode).toBe(200);
    expect((await get('d', `/api/whistles/${w.id}`)).statusCode).toBe(200);
    expect((await get('a', `/api/whistles/${w.id}`)).statusCode).toBe(404);
  });

  it('lets a street admin set the check-in limits, which apply to whistles blown afterwards', async () => {
    expect((await get('staff', '/api/whistles/limits')).json()).toEqual({ routine: 1440, tough: 240, emergency: 30 });
    expect(code(await put('staff', '/api/whistles/limits', { routine: 60 }))).toBe('FORBIDDEN');
    expect(code(await put('admin', '/api/whistles/limits', {}))).toBe('VALIDATION_FAILED');
    expect(code(await put('admin', '/api/whistles/limits', { routine: 0 }))).toBe('VALIDATION_FAILED');
    const set = await put('admin', '/api/whistles/limits', { routine: 60 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ routine: 60, tough: 240, emergency: 30 });
    const w = (await post('staff', '/api/whistles', { kind: 'routine', place: '甲社区菜市场', reason: '油烟扰民', departmentIds: [dept.b!.id] })).json().whistle;
    expect(new Date(w.checkinDueAt).getTime() - new Date(w.blownAt).getTime()).toBe(60 * 60_000);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['summary', 'chain']).where('action', '=', 'whistle.limits').executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ before: { routine: 1440 }, after: { routine: 60 } });
    await put('admin', '/api/whistles/limits', { routine: 1440 });
  });

  it('shows the board open first, filtered, and scoped to area or summons', async () => {
    const board = (await get('admin', '/api/whistles?pageSize=200')).json();
    const statuses = board.items.map((i: Json) => i.status);
    expect(statuses.indexOf('closed')).toBeGreaterThan(statuses.lastIndexOf('open'));
    expect(board.total).toBe(board.items.length);
    const closed = (await get('admin', '/api/whistles?status=closed')).json().items;
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((i: Json) => i.status === 'closed')).toBe(true);
    expect((await get('admin', '/api/whistles?kind=emergency')).json().items.every((i: Json) => i.kind === 'emergency')).toBe(true);
    expect(code(await get('admin', '/api/whistles?status=maybe'))).toBe('VALIDATION_FAILED');

    // Department A sees exactly the whistles it was summoned to.
    const summonedA = await t.ctx.db.selectFrom('whistle_summons').select('whistle_id').where('department_id', '=', dept.a!.id).execute();
    const seenA = (await get('a', '/api/whistles?pageSize=200')).json().items.map((i: Json) => i.id);
    expect(seenA.sort()).toEqual(summonedA.map((r) => r.whistle_id).sort());
    // Community B's staff see only whistles blown in community B.
    const seenB = (await get('staffB', '/api/whistles?pageSize=200')).json().items;
    expect(seenB.length).toBeGreaterThan(0);
    expect(seenB.every((i: Json) => i.orgNodeId === s.communityB.id)).toBe(true);
  });

  it('feeds the department assessment with numerators and denominators equal to the summons on record', async () => {
    const stats = await get('admin', '/api/whistles/department-stats');
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json();
    expect(body.formulas.checkInRate.zh).toMatch(/报到率/);
    const rows = await t.ctx.db.selectFrom('whistle_summons').selectAll().execute();
    for (const d of [dept.a!, dept.b!, dept.c!, dept.d!]) {
      const mine = rows.filter((r) => r.department_id === d.id);
      const ratings = mine.filter((r) => r.rating !== null).map((r) => r.rating!);
      const item = body.items.find((i: Json) => i.departmentId === d.id);
      expect(item, d.name).toMatchObject({
        departmentName: d.name,
        summoned: mine.length,
        checkedIn: mine.filter((r) => r.checked_in_at).length,
        onTime: mine.filter((r) => r.on_time).length,
        checkInRate: { numerator: mine.filter((r) => r.checked_in_at).length, denominator: mine.length },
        onTimeRate: { numerator: mine.filter((r) => r.on_time).length, denominator: mine.length },
        averageRating: { numerator: ratings.reduce((a, b) => a + b, 0), denominator: ratings.length, value: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null },
      });
    }
    expect(body.items.find((i: Json) => i.departmentId === dept.a!.id).averageRating.value).toBe(5);
    // A department handler reads only their own line.
    const own = (await get('a', '/api/whistles/department-stats')).json().items;
    expect(own.map((i: Json) => i.departmentId)).toEqual([dept.a!.id]);
    // Whistles outside the range do not count; bad ranges are refused.
    expect((await get('admin', '/api/whistles/department-stats?from=2000-01-01&to=2000-01-31')).json().items).toEqual([]);
    expect(code(await get('admin', '/api/whistles/department-stats?from=2024-02-30'))).toBe('VALIDATION_FAILED');
    expect(code(await get('admin', '/api/whistles/department-stats?from=0000-01-01'))).toBe('VALIDATION_FAILED');
    expect(code(await get('admin', '/api/whistles/department-stats?from=2024-03-02&to=2024-03-01'))).toBe('VALIDATION_FAILED');
  });
});
