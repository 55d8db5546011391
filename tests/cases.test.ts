import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { storedRates } from '../server/modules/cases/rollups/repository.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('case workflow (接诉即办)', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  const tokens: Record<string, string> = {};
  let deptCategory: { id: number };
  let gridCategory: { id: number };
  let dept: { id: number };

  const post = (who: string, url: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...bearer(tokens[who]!), ...headers }, payload: payload as object });
  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[who]!) });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const household = await makeHousehold(db, street.buildingA);
    const reporter = await makeResident(db, t.ctx.cipher, household, { name: '赵大妈' });
    dept = await makeOrganisation(db, street.street, 'department', '城管执法队');
    await makeOrganisation(db, street.street, 'department', '市场监管所');
    deptCategory = await makeCategory(db, { handlerKind: 'department', department: '城管执法队' });
    gridCategory = await makeCategory(db, { handlerKind: 'grid' });
    const users = {
      resident: await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: reporter.id }),
      staff: await makeUser(db, [{ role: 'community_staff', node: street.communityA }]),
      staffB: await makeUser(db, [{ role: 'community_staff', node: street.communityB }]),
      dept: await makeUser(db, [{ role: 'department_handler', node: street.street }], { organisationId: dept.id }),
      grid: await makeUser(db, [{ role: 'grid_worker', node: street.gridA }]),
    };
    for (const [k, u] of Object.entries(users)) tokens[k] = await login(t.app, u.username);
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
  });

  it('runs a case from intake to rated closure and counts it in the three rates', async () => {
    const submitted = await post('resident', '/api/cases', { categoryId: deptCategory.id, description: '小区门口有人占道摆摊，堵住了出入口' });
    expect(submitted.statusCode).toBe(201);
    const c = submitted.json().case;
    expect(c.status).toBe('submitted');
    expect(c.gridId).toBe(street.gridA.id);

    // Another community cannot see it at all.
    expect((await get('staffB', `/api/cases/${c.id}`)).statusCode).toBe(404);
    // The department cannot take it before it is dispatched to them.
    expect((await post('dept', `/api/cases/${c.id}/take`)).statusCode).toBe(404);

    const detail = await get('staff', `/api/cases/${c.id}`);
    expect(detail.json().allowedActions).toEqual(expect.arrayContaining(['accept', 'merge', 'close_unresolved']));
    expect(detail.json().allowedActions).not.toContain('take');

    expect((await post('staff', `/api/cases/${c.id}/accept`, { note: '已电话联系居民' })).json().case.status).toBe('accepted');
    const dispatched = (await post('staff', `/api/cases/${c.id}/dispatch`)).json().case;
    expect(dispatched.status).toBe('dispatched');
    expect(dispatched.handler).toMatchObject({ kind: 'department', orgId: dept.id, name: '城管执法队' });
    expect(new Date(dispatched.dueAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const queue = await get('dept', '/api/cases?mine=true');
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect((await post('resident', `/api/cases/${c.id}/take`)).statusCode).toBe(403);
    expect((await post('dept', `/api/cases/${c.id}/take`)).json().case.status).toBe('in_progress');
    expect((await post('dept', `/api/cases/${c.id}/notes`, { note: '已派队员核查', internal: true })).statusCode).toBe(200);
    expect((await post('dept', `/api/cases/${c.id}/reply`, { reply: '已清理占道摊点，并加强巡查' })).json().case.status).toBe('replied');

    const residentView = await get('resident', `/api/cases/${c.id}`);
    const actions = residentView.json().timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['submit', 'accept', 'dispatch', 'take', 'reply']);
    expect(residentView.json().timeline.some((e: { note: string }) => e.note === '已派队员核查')).toBe(false);

    const rated = await post('resident', `/api/cases/${c.id}/rate`, { resolved: true, satisfaction: 'satisfied' });
    expect(rated.json().case).toMatchObject({ status: 'closed', resolution: 'resolved', satisfaction: 'satisfied' });

    const rates = await storedRates(t.ctx.db, 'case_rate_daily');
    const community = rates.find((r) => r.unit_kind === 'community' && r.unit_id === street.communityA.id)!;
    expect(community).toMatchObject({ received: 1, responded_in_time: 1, rated: 1, rated_resolved: 1, rated_satisfied: 1 });
    const department = rates.find((r) => r.unit_kind === 'department' && r.unit_id === dept.id)!;
    expect(department).toMatchObject({ received: 1, rated: 1, rated_satisfied: 1 });

    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'case').where('target_id', '=', String(c.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['case.submit', 'case.accept', 'case.dispatch', 'case.take', 'case.note', 'case.reply', 'case.rate']);
    const inbox = await t.ctx.db.selectFrom('notification').select('kind').where('case_id', '=', c.id).execute();
    expect(inbox.map((n) => n.kind)).toEqual(expect.arrayContaining(['case.submitted', 'case.accepted', 'case.dispatched', 'case.replied']));
  });

  it('refuses a transition the state does not allow, and changes nothing', async () => {
    const c = (await post('resident', '/api/cases', { categoryId: gridCategory.id, description: '楼道灯坏了' })).json().case;
    const res = await post('staff', `/api/cases/${c.id}/reply`, { reply: 'x' });
    expect(res.statusCode).toBe(403);
    const early = await post('resident', `/api/cases/${c.id}/rate`, { resolved: true, satisfaction: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CASE_INVALID_TRANSITION');
    expect((await get('staff', `/api/cases/${c.id}`)).json().case.version).toBe(1);
  });

  it('returns to the owner with a reason, then reopens on dissatisfaction', async () => {
    const c = (await post('resident', '/api/cases', { categoryId: gridCategory.id, description: '垃圾桶满了没人清' })).json().case;
    await post('staff', `/api/cases/${c.id}/accept`);
    expect((await post('staff', `/api/cases/${c.id}/dispatch`)).json().case.handler).toMatchObject({ kind: 'grid', nodeId: street.gridA.id });
    expect((await post('grid', `/api/cases/${c.id}/return`, { reason: '属于物业职责' })).json().case.status).toBe('accepted');
    await post('staff', `/api/cases/${c.id}/dispatch`);
    await post('grid', `/api/cases/${c.id}/take`);
    await post('grid', `/api/cases/${c.id}/reply`, { reply: '已清运' });
    const reopened = await post('resident', `/api/cases/${c.id}/rate`, { resolved: false, satisfaction: 'dissatisfied' });
    expect(reopened.json().case).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect((await post('staff', `/api/cases/${c.id}/dispatch`)).json().case.status).toBe('dispatched');
  });

  it('replays a retried submission with the same Idempotency-Key', async () => {
    const body = { categoryId: gridCategory.id, description: '井盖松动' };
    const first = await post('resident', '/api/cases', body, { 'idempotency-key': 'k-1' });
    const again = await post('resident', '/api/cases', body, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().case.id).toBe(first.json().case.id);
    const other = await post('resident', '/api/cases', { ...body, description: '别的' }, { 'idempotency-key': 'k-1' });
    expect(other.statusCode).toBe(422);
    const count = await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('description', '=', '井盖松动').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses text with a NUL character instead of failing in the database', async () => {
    const res = await post('resident', '/api/cases', { categoryId: gridCategory.id, description: 'bad\u0000text' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('counts a department’s take within the response limit as its response', async () => {
    const c = (await post('resident', '/api/cases', { categoryId: deptCategory.id, description: '店外占道' })).json().case;
    await post('staff', `/api/cases/${c.id}/accept`);
    await post('staff', `/api/cases/${c.id}/dispatch`);
    const deptCounters = async () => (await storedRates(t.ctx.db, 'case_rate_daily')).find((r) => r.unit_kind === 'department' && r.unit_id === dept.id)!;
    const before = await deptCounters();
    await post('dept', `/api/cases/${c.id}/take`);
    const after = await deptCounters();
    expect(after.responded_in_time).toBe(before.responded_in_time + 1);
    expect(after.received).toBe(before.received);
  });

  it('closes unresolved honestly and merges duplicates', async () => {
    const a = (await post('resident', '/api/cases', { categoryId: gridCategory.id, description: '小区东门路灯不亮了好几天' })).json().case;
    const b = (await post('resident', '/api/cases', { categoryId: gridCategory.id, description: '东门路灯不亮了' })).json().case;
    const dups = (await get('staff', `/api/cases/${b.id}/duplicates`)).json().items;
    expect(dups.map((d: { id: number }) => d.id)).toContain(a.id);
    expect((await post('staff', `/api/cases/${b.id}/merge`, { intoCaseId: a.id })).json().case).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    const closed = (await post('staff', `/api/cases/${a.id}/close-unresolved`, { reason: '线路改造需区里立项，已上报' })).json().case;
    expect(closed).toMatchObject({ status: 'closed', resolution: 'unresolved', closeReason: '线路改造需区里立项，已上报' });
  });
});
