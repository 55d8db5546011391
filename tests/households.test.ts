import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('household archive', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let gridToken: string;
  let adminToken: string;
  let inGrid: { id: number };
  let outOfGrid: { id: number };
  let head: Awaited<ReturnType<typeof makeResident>>;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const hA = await makeHousehold(db, street.buildingA, { tags: ['elderly_alone'] });
    const hB = await makeHousehold(db, street.buildingB);
    inGrid = hA;
    outOfGrid = hB;
    head = await makeResident(db, t.ctx.cipher, hA, { name: '王秀兰', phone: '13812345678', idNumber: '11010519491231002X' });
    await makeResident(db, t.ctx.cipher, hB, { name: '李建国' });
    const grid = await makeUser(db, [{ role: 'grid_worker', node: street.gridA }]);
    const admin = await makeUser(db, [{ role: 'street_admin', node: street.street }]);
    gridToken = await login(t.app, grid.username);
    adminToken = await login(t.app, admin.username);
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/households' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('shows a grid worker only the households of their grid, masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/households', headers: bearer(gridToken) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((h: { id: number }) => h.id)).toEqual([inGrid.id]);
    expect(body.items[0].headName).toBe('王秀兰');
    const detail = await t.app.inject({ method: 'GET', url: `/api/households/${inGrid.id}`, headers: bearer(gridToken) });
    const member = detail.json().members[0];
    expect(member.phone).toBe('138****5678');
    expect(member.idNumber).toBe('110***********002X');
  });

  it('answers 404 for a household outside the scope', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/households/${outOfGrid.id}`, headers: bearer(gridToken) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('HOUSEHOLD_NOT_FOUND');
  });

  it('finds a household by exact phone and by a member name', async () => {
    const byPhone = await t.app.inject({ method: 'GET', url: '/api/households?phone=138-1234-5678', headers: bearer(adminToken) });
    expect(byPhone.json().items.map((h: { id: number }) => h.id)).toEqual([inGrid.id]);
    const partial = await t.app.inject({ method: 'GET', url: '/api/households?phone=13812345670', headers: bearer(adminToken) });
    expect(partial.json().total).toBe(0);
    const byName = await t.app.inject({ method: 'GET', url: `/api/households?q=${encodeURIComponent('建国')}`, headers: bearer(adminToken) });
    expect(byName.json().items.map((h: { id: number }) => h.id)).toEqual([outOfGrid.id]);
    const byTag = await t.app.inject({ method: 'GET', url: '/api/households?tags=elderly_alone', headers: bearer(adminToken) });
    expect(byTag.json().items.map((h: { id: number }) => h.id)).toEqual([inGrid.id]);
  });

  it('reveals a phone only with permission and writes an audit row', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/residents/${head.id}/reveal`, headers: bearer(gridToken), payload: { field: 'phone' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toBe('13812345678');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.revealed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target_id).toBe(String(head.id));
    expect(JSON.stringify(audit[0]!.summary)).not.toContain('13812345678');
  });

  it('stores identity numbers and phones encrypted', async () => {
    const row = await t.ctx.db.selectFrom('resident').selectAll().where('id', '=', head.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13812345678');
    expect(row.id_number_enc).not.toContain('11010519491231002X');
    expect(t.ctx.cipher.decrypt(row.id_number_enc!)).toBe('11010519491231002X');
  });

  it('adds a member with a checked ID number and refuses a bad one', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/households/${inGrid.id}/members`,
      headers: bearer(gridToken),
      payload: { relationship: 'spouse', resident: { name: '张三', gender: 'male', idNumber: '110105194912310021' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const good = await t.app.inject({
      method: 'POST',
      url: `/api/households/${inGrid.id}/members`,
      headers: bearer(gridToken),
      payload: { relationship: 'spouse', resident: { name: '张三', gender: 'male', idNumber: '11010519491231002x', phone: '13900001111' } },
    });
    expect(good.statusCode).toBe(409);
    expect(good.json().error.code).toBe('DUPLICATE_ID_NUMBER');
  });
});
