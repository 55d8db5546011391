import type { InjectOptions } from 'fastify';
import { login } from './factories.js';
import { GRANTS, ROLE_NODE, covers, freshBuilding, freshHousehold, unique, type NodeKey, type Role, type World } from './permission-world.js';

/**
 * Every /api route except sign-in, with a valid request for an in-scope target (community A side)
 * and an out-of-scope one (community B side). Lists name the row they must show or hide.
 */

export type Side = 'in' | 'out' | 'none';
export type Caller = Role | 'anonymous';
type Json = any; // response bodies are read loosely; their shape is the server's contract, checked elsewhere

export interface Prepared {
  request: Pick<InjectOptions, 'method' | 'url' | 'payload'>;
  /** Replaces the role's standing token (sign-out needs a session of its own). */
  token?: string;
  /** Strings that must not appear in the response of a caller who may not see the target. */
  secrets: string[];
  /** For lists: is the target row in the response? */
  present?: (body: Json) => boolean;
}

export interface Endpoint {
  name: string;
  /** A permission, or 'signed-in' (any role), or 'public'. */
  access: string;
  /** item: one target by id (404 when out of scope); filter: a list filtered by a node (404 too); list: unfiltered, target shown or hidden. */
  shape: 'item' | 'filter' | 'list' | 'none';
  success: number;
  target?: { in: NodeKey; out: NodeKey };
  prepare(w: World, side: Side, role: Caller): Promise<Prepared>;
  /** For 200 responses: the org paths of each row, so no row outside the caller's scope slips through. */
  rowPaths?: (w: World, body: Json) => Promise<string[][]>;
  /** Rows are roll-ups (a grid, a community) that may sit above the caller's node. */
  rowsMayBeAncestors?: boolean;
  /** A server bug that makes this cell fail today (see the report in the test file). */
  knownBug?: (cell: { role: Caller; side: Side; allowed: boolean; covered: boolean }) => string | undefined;
  extra?: (w: World, body: Json, role: Role) => Promise<void> | void;
}

const FOUNDATION_PERMISSIONS = new Set(Object.values(GRANTS).flat());
const A = 'A' as const;
const B = 'B' as const;
const pick = (side: Side) => (side === 'out' ? B : A);
const nowIso = () => new Date().toISOString();

async function pathsOfNodes(w: World, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await w.db.selectFrom('org_node').select(['id', 'path']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.path]));
}

const byNodeId = (field: string, items: (body: Json) => Json[]) => async (w: World, body: Json) => {
  const paths = await pathsOfNodes(w, items(body).map((i: Json) => i[field]));
  return items(body).map((i: Json) => [paths.get(i[field]) ?? `missing:${i[field]}`]);
};

async function residentPaths(w: World, body: Json): Promise<string[][]> {
  const ids: number[] = body.items.map((i: Json) => i.residentId);
  if (ids.length === 0) return [];
  const rows = await w.db
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.resident_id', 'h.org_path'])
    .where('m.resident_id', 'in', ids)
    .where('m.until', 'is', null)
    .execute();
  return ids.map((id) => rows.filter((r) => r.resident_id === id).map((r) => r.org_path));
}

const nodeIdOf = (w: World, key: NodeKey) => w.nodes[key].id;
/** An endpoint with no target: the same request for every caller. */
const plain = (name: string, access: string, extra: Partial<Endpoint> = {}): Endpoint => {
  const [method, url] = name.split(' ') as ['GET', string];
  return { name, access, shape: 'none', success: 200, prepare: async () => ({ request: { method, url }, secrets: [] }), ...extra };
};
const hasId = (id: number) => (body: Json) => body.items.some((i: Json) => i.id === id);

export const ENDPOINTS: Endpoint[] = [
  plain('GET /api/meta', 'public'),
  plain('GET /api/auth/me', 'signed-in', {
    extra: (w, body, role) => {
      // Only the foundation's permissions: other modules add their own (case.*, deliberation.*, …).
      const foundation = body.user.permissions.filter((p: string) => FOUNDATION_PERMISSIONS.has(p)).sort();
      if (foundation.join() !== [...GRANTS[role]].sort().join()) {
        throw new Error(`${role} has permissions ${foundation.join()} but the table says ${GRANTS[role].join()}`);
      }
      if (body.user.roles.length !== 1 || body.user.roles[0].orgNodeId !== w.nodes[ROLE_NODE[role]].id) throw new Error('wrong role list');
    },
  }),
  {
    name: 'POST /api/auth/logout',
    access: 'signed-in',
    shape: 'none',
    success: 204,
    prepare: async (w, _side, role) => {
      const username = role === 'anonymous' ? null : (await w.db.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select('u.username').where('r.role', '=', role).executeTakeFirstOrThrow()).username;
      return { request: { method: 'POST', url: '/api/auth/logout' }, ...(username ? { token: await login(w.t.app, username) } : {}), secrets: [] };
    },
  },
  plain('GET /api/tags', 'signed-in'),
  plain('GET /api/org/nodes (roots)', 'org.read', {
    rowPaths: async (_w, body) => body.items.map((i: Json) => [i.path]),
    extra: (w, body, role) => {
      const ids = body.items.map((i: Json) => i.id);
      if (ids.length !== 1 || ids[0] !== w.nodes[ROLE_NODE[role]].id) throw new Error(`roots of ${role} are ${ids}`);
    },
  }),
  {
    name: 'GET /api/org/nodes?parentId',
    access: 'org.read',
    shape: 'filter',
    success: 200,
    target: { in: 'gridA', out: 'gridB' },
    prepare: async (w, side) => {
      const grid = side === 'out' ? 'gridB' : 'gridA';
      const hidden = side === 'out' ? w.nodes.buildingB : w.siblingA;
      return { request: { method: 'GET', url: `/api/org/nodes?parentId=${nodeIdOf(w, grid)}` }, secrets: [hidden.name] };
    },
    rowPaths: async (_w, body) => body.items.map((i: Json) => [i.path]),
  },
  {
    name: 'GET /api/org/nodes/:id',
    access: 'org.read',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const node = w.nodes[side === 'out' ? 'buildingB' : 'buildingA'];
      return { request: { method: 'GET', url: `/api/org/nodes/${node.id}` }, secrets: [node.name] };
    },
  },
  {
    name: 'POST /api/org/nodes',
    access: 'org.write',
    shape: 'item',
    success: 201,
    target: { in: 'gridA', out: 'gridB' },
    prepare: async (w, side) => {
      const grid = w.nodes[side === 'out' ? 'gridB' : 'gridA'];
      return { request: { method: 'POST', url: '/api/org/nodes', payload: { parentId: grid.id, code: `P${unique()}`, name: `新建楼${unique()}` } }, secrets: [grid.name] };
    },
  },
  {
    name: 'PATCH /api/org/nodes/:id',
    access: 'org.write',
    shape: 'item',
    success: 204,
    target: { in: 'gridA', out: 'gridB' },
    prepare: async (w, side) => {
      const node = await freshBuilding(w, side === 'out' ? 'gridB' : 'gridA');
      return { request: { method: 'PATCH', url: `/api/org/nodes/${node.id}`, payload: { name: `改名楼${unique()}` } }, secrets: [node.name] };
    },
  },
  {
    name: 'GET /api/org/party-orgs',
    access: 'org.read',
    shape: 'list',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const party = w.partyOrgs[pick(side)];
      return { request: { method: 'GET', url: '/api/org/party-orgs' }, secrets: [party.name], present: hasId(party.id) };
    },
    rowPaths: byNodeId('orgNodeId', (b) => b.items),
  },
  {
    name: 'GET /api/org/organisations',
    access: 'org.read',
    shape: 'list',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const org = w.organisations[pick(side)];
      return { request: { method: 'GET', url: '/api/org/organisations' }, secrets: [org.name, org.phone], present: hasId(org.id) };
    },
    rowPaths: byNodeId('orgNodeId', (b) => b.items),
  },
  {
    name: 'GET /api/households',
    access: 'household.read',
    shape: 'list',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const h = w.households[pick(side)];
      return { request: { method: 'GET', url: '/api/households?pageSize=200' }, secrets: [h.address, w.residents[pick(side)].name], present: hasId(h.id) };
    },
    rowPaths: byNodeId('buildingId', (b) => b.items),
  },
  {
    name: 'GET /api/households?nodeId',
    access: 'household.read',
    shape: 'filter',
    success: 200,
    target: { in: 'gridA', out: 'gridB' },
    prepare: async (w, side) => ({
      request: { method: 'GET', url: `/api/households?pageSize=200&nodeId=${nodeIdOf(w, side === 'out' ? 'gridB' : 'gridA')}` },
      secrets: [w.households[pick(side)].address],
    }),
    rowPaths: byNodeId('buildingId', (b) => b.items),
  },
  {
    name: 'GET /api/households/:id',
    access: 'household.read',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const h = w.households[pick(side)];
      return { request: { method: 'GET', url: `/api/households/${h.id}` }, secrets: [h.address, w.residents[pick(side)].name] };
    },
  },
  {
    name: 'POST /api/households',
    access: 'household.write',
    shape: 'item',
    success: 201,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const building = w.nodes[side === 'out' ? 'buildingB' : 'buildingA'];
      return { request: { method: 'POST', url: '/api/households', payload: { buildingId: building.id, unit: '9单元', room: unique(), housing: 'rented' } }, secrets: [building.name] };
    },
  },
  {
    name: 'PATCH /api/households/:id',
    access: 'household.write',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const { household, resident } = await freshHousehold(w, side === 'out' ? 'buildingB' : 'buildingA');
      return { request: { method: 'PATCH', url: `/api/households/${household.id}`, payload: { version: 1, notes: '新备注' } }, secrets: [household.address, resident.name] };
    },
  },
  {
    name: 'POST /api/households/:id/members',
    access: 'household.write',
    shape: 'item',
    success: 201,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const { household, resident } = await freshHousehold(w, side === 'out' ? 'buildingB' : 'buildingA');
      return {
        request: { method: 'POST', url: `/api/households/${household.id}/members`, payload: { relationship: 'child', resident: { name: `新成员${unique()}`, gender: 'male' } } },
        secrets: [household.address, resident.name],
      };
    },
  },
  {
    name: 'DELETE /api/households/:id/members/:residentId',
    access: 'household.write',
    shape: 'item',
    success: 204,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const { household, resident } = await freshHousehold(w, side === 'out' ? 'buildingB' : 'buildingA');
      return { request: { method: 'DELETE', url: `/api/households/${household.id}/members/${resident.id}` }, secrets: [household.address, resident.name] };
    },
  },
  {
    name: 'POST /api/households/:id/visits',
    access: 'visit.write',
    shape: 'item',
    success: 201,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const h = w.households[pick(side)];
      return { request: { method: 'POST', url: `/api/households/${h.id}/visits`, payload: { visitedAt: nowIso(), method: 'home', notes: '入户走访' } }, secrets: [h.address] };
    },
  },
  {
    name: 'GET /api/visits/coverage',
    access: 'household.read',
    shape: 'list',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const grid = w.nodes[side === 'out' ? 'gridB' : 'gridA'];
      return { request: { method: 'GET', url: '/api/visits/coverage' }, secrets: side === 'out' ? [grid.name, w.nodes.communityB.name] : [grid.name], present: (b) => b.grids.some((g: Json) => g.id === grid.id) };
    },
    // A grid or community row is legitimate when the caller sees some household under it.
    rowsMayBeAncestors: true,
    rowPaths: async (w, body) => {
      const rows = [...body.grids, ...body.communities];
      const paths = await pathsOfNodes(w, rows.map((r: Json) => r.id));
      return rows.map((r: Json) => [paths.get(r.id) ?? `missing:${r.id}`]);
    },
  },
  {
    name: 'GET /api/visits/coverage?nodeId',
    access: 'household.read',
    shape: 'filter',
    success: 200,
    target: { in: 'gridA', out: 'gridB' },
    prepare: async (w, side) => ({ request: { method: 'GET', url: `/api/visits/coverage?nodeId=${nodeIdOf(w, side === 'out' ? 'gridB' : 'gridA')}` }, secrets: side === 'out' ? [w.nodes.gridB.name] : [] }),
  },
  {
    name: 'GET /api/residents',
    access: 'household.read',
    shape: 'list',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const r = w.residents[pick(side)];
      return { request: { method: 'GET', url: '/api/residents?pageSize=200' }, secrets: [r.name], present: (b) => b.items.some((i: Json) => i.residentId === r.id) };
    },
    rowPaths: residentPaths,
  },
  {
    name: 'GET /api/residents/:id',
    access: 'household.read',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const r = w.residents[pick(side)];
      return { request: { method: 'GET', url: `/api/residents/${r.id}` }, secrets: [r.name, w.households[pick(side)].address] };
    },
  },
  {
    name: 'PATCH /api/residents/:id',
    access: 'household.write',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const { household, resident } = await freshHousehold(w, side === 'out' ? 'buildingB' : 'buildingA');
      return { request: { method: 'PATCH', url: `/api/residents/${resident.id}`, payload: { version: 1, tags: ['volunteer'] } }, secrets: [resident.name, household.address] };
    },
  },
  {
    name: 'POST /api/residents/:id/reveal',
    access: 'resident.reveal',
    shape: 'item',
    success: 200,
    target: { in: 'buildingA', out: 'buildingB' },
    prepare: async (w, side) => {
      const r = w.residents[pick(side)];
      return { request: { method: 'POST', url: `/api/residents/${r.id}/reveal`, payload: { field: 'phone' } }, secrets: [r.phone!, r.name] };
    },
  },
  {
    name: 'GET /api/audit',
    access: 'audit.read',
    shape: 'list',
    success: 200,
    target: { in: 'street', out: 'otherStreet' },
    prepare: async (w, side) => {
      const mark = w.auditMarks[pick(side)];
      return {
        request: { method: 'GET', url: `/api/audit?targetType=probe&targetId=${mark}` },
        secrets: [mark],
        present: (b) => b.items.some((i: Json) => i.targetId === mark),
      };
    },
    rowPaths: async (w, body) => {
      const paths = await pathsOfNodes(w, body.items.map((i: Json) => i.chain));
      return body.items.map((i: Json) => [paths.get(i.chain) ?? `chain:${i.chain}`]);
    },
  },
  plain('GET /api/audit/verify', 'audit.read'),
];

export interface Expectation {
  status: number;
  allowed: boolean;
  covered: boolean;
  /** For lists: whether the target row shows. */
  visible?: boolean;
}

/** The expected answer for one cell, from the tables above and nothing else. */
export function expectationFor(ep: Endpoint, role: Caller, side: Side): Expectation {
  const covered = role !== 'anonymous' && (ep.target === undefined || side === 'none' || covers(ROLE_NODE[role], ep.target[side]));
  if (ep.access === 'public') return { status: ep.success, allowed: true, covered };
  if (role === 'anonymous') return { status: 401, allowed: false, covered };
  const allowed = ep.access === 'signed-in' || GRANTS[role].includes(ep.access);
  if (!allowed) return { status: 403, allowed, covered };
  if (ep.shape === 'list') return { status: 200, allowed, covered, visible: covered };
  return { status: covered ? ep.success : 404, allowed, covered };
}

export const CALLERS: Caller[] = ['anonymous', ...(Object.keys(ROLE_NODE) as Role[])];
export const sidesOf = (ep: Endpoint): Side[] => (ep.target ? ['in', 'out'] : ['none']);
