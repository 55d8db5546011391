import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeStreet, makeUser } from './helpers/factories.js';
import { insertHousehold } from './helpers/permission-world.js';
import { createTestApp, testConfig, type TestApp } from './helpers/test-app.js';
import { testEngine } from './helpers/test-db.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof makeStreet>>;
let admin: string;
let gridWorker: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await makeStreet(t.ctx.db);
  admin = await login(t.app, (await makeUser(t.ctx.db, [{ role: 'street_admin', node: s.street }])).username);
  gridWorker = await login(t.app, (await makeUser(t.ctx.db, [{ role: 'grid_worker', node: s.gridA }])).username);
});
afterAll(() => t?.close());

const get = (url: string, token = admin) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const post = (url: string, payload: object, token = admin) => t.app.inject({ method: 'POST', url, payload, headers: bearer(token) });
const patch = (url: string, payload: object, token = admin) => t.app.inject({ method: 'PATCH', url, payload, headers: bearer(token) });

const SQUARE = { type: 'Polygon', coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.91], [116.3, 39.9]]] };
const POINT = { type: 'Point', coordinates: [116.305, 39.905] };

describe('reading the tree', () => {
  it('gives a grid worker their grid as the only root', async () => {
    await insertHousehold(t.ctx.db, s.buildingA);
    const res = await get('/api/org/nodes', gridWorker);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: s.gridA.id, parentId: s.communityA.id, kind: 'grid', code: expect.any(String), name: '甲一网格', path: s.gridA.path, address: null, childCount: 1, householdCount: 1 },
    ]);
    const mine = await get('/api/org/nodes', admin);
    expect(mine.json().items.map((n: { id: number }) => n.id)).toEqual([s.street.id]);
  });

  it('lists the children of a node', async () => {
    const res = await get(`/api/org/nodes?parentId=${s.communityA.id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((n: { id: number }) => n.id).sort()).toEqual([s.gridA.id, s.gridA2.id].sort());
    expect(items.every((n: { kind: string; parentId: number; childCount: number }) => n.kind === 'grid' && n.parentId === s.communityA.id && n.childCount === 1)).toBe(true);
    expect((await get(`/api/org/nodes?parentId=${s.buildingA.id}`)).json().items).toEqual([]);
  });

  it('shows a node with its ancestors, party organisations, staff and organisations', async () => {
    const db = t.ctx.db;
    const at = (node: typeof s.gridA) => ({ org_node_id: node.id, street_id: s.street.id, org_path: node.path });
    const committee = await db.insertInto('party_org').values({ kind: 'committee', name: '甲社区党委', parent_id: null, secretary: '李书记', member_count: 120, ...at(s.communityA) }).returning('id').executeTakeFirstOrThrow();
    const branch = await db.insertInto('party_org').values({ kind: 'branch', name: '甲一网格党支部', parent_id: committee.id, secretary: '王支书', member_count: 23, ...at(s.gridA) }).returning('id').executeTakeFirstOrThrow();
    const worker = await db.insertInto('staff').values({ kind: 'grid_worker', employment: 'full_time', name: '赵网格', title: '专职网格员', ...at(s.gridA) }).returning('id').executeTakeFirstOrThrow();
    // Staff of a child node belong to that node, not to the grid.
    await db.insertInto('staff').values({ kind: 'building_head', employment: null, name: '钱楼长', title: null, ...at(s.buildingA) }).execute();
    const unit = await db.insertInto('organisation').values({ kind: 'partner_unit', name: '共建中学', contact_name: '孙老师', contact_phone: '010-61234567', ...at(s.gridA) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('organisation').values({ kind: 'social_org', name: '邻里互助会', ...at(s.gridB) }).execute();

    const res = await get(`/api/org/nodes/${s.gridA.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.node).toMatchObject({ id: s.gridA.id, kind: 'grid', name: '甲一网格', path: s.gridA.path, childCount: 1, householdCount: 1, boundary: null, point: null });
    expect(body.ancestors).toEqual([
      { id: s.district.id, kind: 'district', name: s.district.name },
      { id: s.street.id, kind: 'street', name: s.street.name },
      { id: s.communityA.id, kind: 'community', name: '甲社区' },
    ]);
    expect(body.partyOrgs).toEqual([{ id: branch.id, kind: 'branch', name: '甲一网格党支部', secretary: '王支书', memberCount: 23 }]);
    expect(body.staff).toEqual([{ id: worker.id, kind: 'grid_worker', employment: 'full_time', name: '赵网格', title: '专职网格员' }]);
    expect(body.organisations).toEqual([{ id: unit.id, kind: 'partner_unit', name: '共建中学' }]);

    const parties = (await get('/api/org/party-orgs', gridWorker)).json().items;
    expect(parties.map((p: { id: number }) => p.id)).toEqual([branch.id]);
    const orgs = (await get('/api/org/organisations?kind=partner_unit')).json().items;
    expect(orgs).toEqual([{ id: unit.id, kind: 'partner_unit', name: '共建中学', orgNodeId: s.gridA.id, contactName: '孙老师', contactPhone: '010-61234567', estates: [] }]);
  });

  it('answers 404 for a node outside the scope, and for none at all', async () => {
    expect((await get(`/api/org/nodes/${s.gridB.id}`, gridWorker)).json().error.code).toBe('ORG_NODE_NOT_FOUND');
    expect((await get('/api/org/nodes/999999')).statusCode).toBe(404);
  });
});

describe('editing the tree (street admin)', () => {
  let community: { id: number; path: string };
  let grid: { id: number; path: string };
  let building: { id: number; path: string };

  it('adds a community, a grid and a building, each kind following its parent', async () => {
    const c = await post('/api/org/nodes', { parentId: s.street.id, code: 'C-new', name: '丙社区' });
    expect(c.statusCode, c.body).toBe(201);
    community = c.json();
    expect(c.json()).toEqual({ id: expect.any(Number), kind: 'community', path: `${s.street.path}${community.id}/` });
    const g = await post('/api/org/nodes', { parentId: community.id, code: 'G-new', name: '丙一网格', boundary: SQUARE });
    expect(g.statusCode, g.body).toBe(201);
    grid = g.json();
    expect(g.json()).toMatchObject({ kind: 'grid', path: `${community.path}${grid.id}/` });
    const b = await post('/api/org/nodes', { parentId: grid.id, code: 'B-new', name: '丙一1号楼', address: '丙路1号', point: POINT });
    expect(b.statusCode, b.body).toBe(201);
    building = b.json();
    expect(b.json()).toMatchObject({ kind: 'building', path: `${grid.path}${building.id}/` });

    const row = await t.ctx.db.selectFrom('org_node').selectAll().where('id', '=', building.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_id: grid.id, street_id: s.street.id, code: 'B-new', address: '丙路1号', point: POINT });
    const detail = (await get(`/api/org/nodes/${grid.id}`)).json();
    expect(detail.node.boundary).toEqual(SQUARE);
    expect(detail.ancestors.map((a: { kind: string }) => a.kind)).toEqual(['district', 'street', 'community']);
    expect((await get(`/api/org/nodes?parentId=${community.id}`)).json().items.map((n: { id: number }) => n.id)).toEqual([grid.id]);
  });

  it('refuses a child of a building with 400', async () => {
    const res = await post('/api/org/nodes', { parentId: building.id, code: 'X-under-building', name: '不可能' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.parentId' }] });
  });

  it('refuses a code already used with 409, and a parent outside the scope with 404', async () => {
    expect((await post('/api/org/nodes', { parentId: grid.id, code: 'B-new', name: '重复' })).json().error.code).toBe('CONFLICT');
    expect((await post('/api/org/nodes', { parentId: s.district.id, code: 'S-new', name: '新街道' })).statusCode).toBe(404);
    expect((await post('/api/org/nodes', { parentId: s.gridA.id, code: 'GW-try', name: '网格员建楼' }, gridWorker)).statusCode).toBe(403);
  });

  it('renames a node, sets a grid boundary and a building point, and clears them', async () => {
    expect((await patch(`/api/org/nodes/${community.id}`, { name: '丙社区（新）' })).statusCode).toBe(204);
    expect((await get(`/api/org/nodes/${community.id}`)).json().node.name).toBe('丙社区（新）');
    expect((await patch(`/api/org/nodes/${s.gridA.id}`, { boundary: SQUARE })).statusCode).toBe(204);
    expect((await get(`/api/org/nodes/${s.gridA.id}`)).json().node.boundary).toEqual(SQUARE);
    expect((await patch(`/api/org/nodes/${s.buildingA.id}`, { point: POINT, address: '甲路1号' })).statusCode).toBe(204);
    expect((await get(`/api/org/nodes/${s.buildingA.id}`)).json().node).toMatchObject({ point: POINT, address: '甲路1号' });
    expect((await patch(`/api/org/nodes/${s.gridA.id}`, { boundary: null })).statusCode).toBe(204);
    expect((await get(`/api/org/nodes/${s.gridA.id}`)).json().node.boundary).toBeNull();
  });

  it.each<[string, () => { id: number; body: object }, string]>([
    ['a point on a grid', () => ({ id: s.gridA.id, body: { point: POINT } }), 'body.point'],
    ['a boundary on a building', () => ({ id: s.buildingA.id, body: { boundary: SQUARE } }), 'body.boundary'],
    ['a polygon of three positions', () => ({ id: s.gridA.id, body: { boundary: { type: 'Polygon', coordinates: [[[1, 1], [2, 2], [1, 1]]] } } }), 'body.boundary'],
    ['a point off the globe', () => ({ id: s.buildingA.id, body: { point: { type: 'Point', coordinates: [200, 95] } } }), 'body.point'],
    ['an empty name', () => ({ id: s.gridA.id, body: { name: '   ' } }), 'body.name'],
  ])('refuses %s with 400', async (_label, target, path) => {
    const { id, body } = target();
    const res = await patch(`/api/org/nodes/${id}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain(path);
  });

  // Regression: the path was read one level off, so grid_id held the building (fixed in 139a975).
  it('registers a household whose grid and community are those of its building', async () => {
    const res = await post('/api/households', { buildingId: building.id, room: '101', housing: 'owned' });
    expect(res.statusCode).toBe(201);
    const detail = (await get(`/api/households/${res.json().id}`)).json().household;
    expect(detail.grid).toEqual({ id: grid.id, name: '丙一网格' });
    expect(detail.community).toEqual({ id: community.id, name: '丙社区（新）' });
  });
});

describe('platform endpoints', () => {
  it('GET /healthz names the engine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testEngine(), rollupBacklog: 0, warnings: [] });
    expect(t.ctx.dbKind).toBe(testEngine());
  });

  it('GET /api/openapi.json is OpenAPI 3 and lists the household routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain('Gongzhi');
    expect(doc.paths['/api/households']).toHaveProperty('get');
    expect(doc.paths['/api/households']).toHaveProperty('post');
    expect(Object.keys(doc.paths['/api/households/{id}']).sort()).toEqual(['get', 'patch']);
    for (const route of ['/api/households/{id}/members', '/api/households/{id}/visits', '/api/residents/{id}/reveal', '/api/visits/coverage']) {
      expect(doc.paths, route).toHaveProperty([route]);
    }
    expect(doc.paths['/api/households'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('buildingId');
    expect(doc.paths).not.toHaveProperty(['/healthz']);
  });

  it('GET /api/meta gives no base-map tiles unless MAP_TILE_URL is set, and refuses a bad template at start-up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Gongzhi', tileUrl: null });
    const template = 'https://tiles.example.org/{z}/{x}/{y}.png';
    expect(testConfig({ MAP_TILE_URL: template }).MAP_TILE_URL).toBe(template);
    expect(() => testConfig({ MAP_TILE_URL: 'https://tiles.example.org/map.png' })).toThrow(/MAP_TILE_URL/);
  });

  it('/api/docs answers 200', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await t.app.inject({ method: 'GET', url: new URL(String(res.headers.location), 'http://localhost/api/docs').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger');
  });
});
