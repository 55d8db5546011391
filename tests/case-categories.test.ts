import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../server/modules/cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../server/modules/cases/install-catalogue.js';
import { makeOrganisation } from './helpers/case-factories.js';
import { bearer, login, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('category catalogue and suggestions', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let admin: string;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    street = await makeStreet(t.ctx.db);
    await installCatalogue(t.ctx.db, DEFAULT_CATALOGUE);
    await makeOrganisation(t.ctx.db, street.street, 'department', '燃气公司');
    admin = await login(t.app, (await makeUser(t.ctx.db, [{ role: 'street_admin', node: street.street }])).username);
    staff = await login(t.app, (await makeUser(t.ctx.db, [{ role: 'community_staff', node: street.communityA }])).username);
  });
  afterAll(() => t?.close());

  it('lists at least 40 leaf categories, each with a handler and limits', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/case-categories', headers: bearer(staff) })).json().items as { responseMinutes: number | null; handlerKind: string }[];
    const leaves = items.filter((c) => c.responseMinutes !== null);
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(leaves.every((c) => c.handlerKind)).toBe(true);
  });

  it('suggests the gas category and names the handling department for the place', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cases/suggest', headers: bearer(staff), payload: { text: '楼道里一股很大的煤气味，怀疑燃气泄漏', buildingId: street.buildingA.id } });
    expect(res.statusCode).toBe(200);
    const [top] = res.json().suggestions;
    expect(top.code).toMatch(/^gas\./);
    expect(top.handler).toEqual({ kind: 'department', name: '燃气公司' });
    expect(top.confidence).toBeGreaterThan(0.3);
  });

  it('lets only a street admin edit a category, and audits it', async () => {
    const leaf = (await t.app.inject({ method: 'GET', url: '/api/case-categories', headers: bearer(admin) })).json().items.find((c: { responseMinutes: number | null }) => c.responseMinutes !== null);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/case-categories/${leaf.id}`, headers: bearer(staff), payload: { resolutionMinutes: 600 } })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/case-categories/${leaf.id}`, headers: bearer(admin), payload: { responseMinutes: 700, resolutionMinutes: 600 } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/case-categories/${leaf.id}`, headers: bearer(admin), payload: { resolutionMinutes: leaf.responseMinutes + 60 } });
    expect(ok.json().resolutionMinutes).toBe(leaf.responseMinutes + 60);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'case_category').where('target_id', '=', String(leaf.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['category.updated']);
  });

  it('sets a time-limit rule that overrides the category for a priority', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/case-time-limits', headers: bearer(admin), payload: { categoryId: null, priority: 'low', responseMinutes: 60, resolutionMinutes: 120 } });
    expect(res.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'PUT', url: '/api/case-time-limits', headers: bearer(admin), payload: { categoryId: null, priority: 'low', responseMinutes: 30, resolutionMinutes: 120 } });
    expect(again.statusCode).toBe(204);
    const rules = (await t.app.inject({ method: 'GET', url: '/api/case-time-limits', headers: bearer(admin) })).json().items;
    expect(rules).toEqual([expect.objectContaining({ categoryId: null, priority: 'low', responseMinutes: 30 })]);
  });
});
