import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/modules/open311/api-keys.js';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, login, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let key: string;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let staffToken: string;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    await db
      .updateTable('org_node')
      .set({ boundary: JSON.stringify({ type: 'Polygon', coordinates: [[[116.39, 39.9], [116.41, 39.9], [116.41, 39.92], [116.39, 39.92], [116.39, 39.9]]] }) })
      .where('id', '=', street.gridA.id)
      .execute();
    await makeOrganisation(db, street.street, 'department', '城管执法队');
    await makeCategory(db, { code: 'street.occupation', handlerKind: 'department', department: '城管执法队' });
    const lift = await makeCategory(db, { code: 'property.elevator', handlerKind: 'grid' });
    await db
      .updateTable('case_category')
      .set({ attributes: JSON.stringify([{ code: 'trapped', datatype: 'singlevaluelist', required: true, description: '是否有人被困', order: 1, values: [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }] }]) })
      .where('id', '=', lift.id)
      .execute();
    key = await createApiKey(db, { name: 'test client', streetId: street.street.id });
    const staff = await makeUser(db, [{ role: 'community_staff', node: street.communityA }]);
    staffToken = await login(t.app, staff.username);
  });
  afterAll(() => t?.close());

  it('describes itself and lists services in JSON and XML', async () => {
    const discovery = await t.app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(discovery.json().endpoints[0].specification).toContain('GeoReport_v2');
    const services = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(services.json()).toContainEqual(expect.objectContaining({ service_code: 'street.occupation', type: 'realtime' }));
    const xml = await t.app.inject({ method: 'GET', url: '/open311/v2/services.xml' });
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toContain('<services><service><service_code>street.occupation</service_code>');
    const definition = await t.app.inject({ method: 'GET', url: '/open311/v2/services/street.occupation.json' });
    expect(definition.json()).toEqual({ service_code: 'street.occupation', attributes: [] });
  });

  it('takes a request with an api_key, places it in its grid, and shows it without personal data', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: formHeaders,
      payload: form({ api_key: key, service_code: 'street.occupation', lat: '39.91', long: '116.40', description: '路口占道经营', first_name: '明', last_name: '李', phone: '13911112222' }),
    });
    expect(res.statusCode).toBe(201);
    const id = res.json()[0].service_request_id as string;
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('public_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', grid_id: street.gridA.id, reporter_name: '李明', status: 'submitted' });

    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` });
    expect(one.json()[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'street.occupation', lat: 39.91, long: 116.4 });
    expect(one.body).not.toContain('13911112222');
    expect(one.body).not.toContain('李明');

    // Staff work the case; the public view follows.
    await t.app.inject({ method: 'POST', url: `/api/cases/${row.id}/accept`, headers: bearer(staffToken), payload: {} });
    await t.app.inject({ method: 'POST', url: `/api/cases/${row.id}/close-unresolved`, headers: bearer(staffToken), payload: { reason: '已移交市级部门' } });
    const closed = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?status=closed&service_code=street.occupation` });
    expect(closed.json()).toEqual([expect.objectContaining({ service_request_id: id, status: 'closed', status_notes: '已移交市级部门' })]);
    const xml = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${id}</service_request_id>`);
  });

  it('refuses a missing key, an unknown service and a place outside every grid, in the GeoReport error shape', async () => {
    const noKey = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form({ service_code: 'street.occupation', lat: '39.91', long: '116.40', description: 'x' }) });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()[0]).toMatchObject({ code: 403 });
    const unknown = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form({ api_key: key, service_code: 'nope', lat: '39.91', long: '116.40', description: 'x' }) });
    expect(unknown.statusCode).toBe(422);
    const outside = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: formHeaders, payload: form({ api_key: key, service_code: 'street.occupation', lat: '10', long: '10', description: 'x' }) });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('<errors><error><code>422</code>');
    const junk = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form({ api_key: key, service_code: 'street.occupation', lat: 'abc', long: '116.4', description: 'x', bogus: '1' }) });
    expect(junk.statusCode).toBe(400);
    expect(junk.json()[0].code).toBe(400);
  });

  it('asks a service’s attributes and checks the answers', async () => {
    const def = await t.app.inject({ method: 'GET', url: '/open311/v2/services/property.elevator.json' });
    expect(def.json().attributes[0]).toMatchObject({ code: 'trapped', datatype: 'singlevaluelist', required: true, variable: true });
    const services = (await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).json();
    expect(services.find((s: { service_code: string }) => s.service_code === 'property.elevator').metadata).toBe(true);
    const base = { api_key: key, service_code: 'property.elevator', lat: '39.91', long: '116.40', description: '电梯停在两层之间' };
    const missing = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form(base) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toContain('trapped');
    const ok = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form({ ...base, 'attribute[trapped]': 'yes' }) });
    expect(ok.statusCode).toBe(201);
    const stored = await t.ctx.db.selectFrom('cases').select('attributes').where('public_id', '=', ok.json()[0].service_request_id).executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ trapped: 'yes' });
  });

  it('reads tokens, pages, the detailed status extension and request updates', async () => {
    const id = (await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: formHeaders, payload: form({ api_key: key, service_code: 'street.occupation', lat: '39.91', long: '116.40', description: '分页测试' }) })).json()[0].service_request_id;
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/tokens/${id}.json` })).json()).toEqual([{ service_request_id: id, token: id }]);
    const page1 = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?page_size=1&page=1' })).json();
    const page2 = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?page_size=1&page=2' })).json();
    expect(page1).toHaveLength(1);
    expect(page2).toHaveLength(1);
    expect(page1[0].service_request_id).not.toBe(page2[0].service_request_id);
    const old = (await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z' })).json();
    expect(old).toEqual([]);
    const ext = (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json?extensions=true` })).json()[0];
    expect(ext.extended_attributes.detailed_status).toBe('submitted');
    const updates = (await t.app.inject({ method: 'GET', url: `/open311/v2/servicerequestupdates.json?service_request_id=${id}` })).json();
    expect(updates).toEqual([expect.objectContaining({ service_request_id: id, status: 'open', extended_attributes: { detailed_status: 'submitted', action: 'submit' } })]);
    const xml = await t.app.inject({ method: 'GET', url: `/open311/v2/servicerequestupdates.xml?service_request_id=${id}` });
    expect(xml.body).toContain('<service_request_updates><request_update><update_id>');
  });

  it('replays a retried POST with the same Idempotency-Key', async () => {
    const payload = form({ api_key: key, service_code: 'street.occupation', lat: '39.91', long: '116.40', description: '重复提交测试' });
    const a = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { ...formHeaders, 'idempotency-key': 'abc' }, payload });
    const b = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { ...formHeaders, 'idempotency-key': 'abc' }, payload });
    expect(b.json()[0].service_request_id).toBe(a.json()[0].service_request_id);
  });
});
