import type { Kysely } from 'kysely';
import { appendAudit } from '../../server/platform/audit/audit.js';
import type { DB, RoleName } from '../../server/platform/db/schema.js';
import { login, makeNode, makeResident, makeStreet, makeUser, type NodeRef } from './factories.js';
import type { TestApp } from './test-app.js';

/**
 * The fixture of the permission table: one street (plus a second, unrelated street for the audit
 * log), a household in every grid, one user per role, and party organisations, organisations and
 * audit rows on both sides of the tree. Expectations are computed from the small tables below,
 * written independently of server/platform/permissions/policies/*.ts on purpose.
 */

export type Role = RoleName;
export type NodeKey = 'street' | 'communityA' | 'communityB' | 'gridA' | 'gridA2' | 'gridB' | 'buildingA' | 'buildingA2' | 'buildingB' | 'otherStreet';

/** Where each role is held. */
export const ROLE_NODE: Record<Role, NodeKey> = {
  street_admin: 'street',
  community_staff: 'communityA',
  party_secretary: 'communityA',
  owners_committee_member: 'communityA',
  grid_worker: 'gridA',
  building_head: 'buildingA',
  department_handler: 'street',
  property_handler: 'street',
  resident: 'buildingA',
  auditor: 'street',
};
export const ROLES = Object.keys(ROLE_NODE) as Role[];

/** What each role may do, as the design brief and the README describe it. */
export const GRANTS: Record<Role, readonly string[]> = {
  street_admin: ['archive.export', 'archive.import', 'audit.read', 'household.read', 'household.write', 'org.read', 'org.write', 'resident.reveal', 'tag.manage', 'visit.write'],
  community_staff: ['archive.export', 'archive.import', 'household.read', 'household.write', 'org.read', 'resident.reveal', 'visit.write'],
  party_secretary: ['household.read', 'org.read', 'visit.write'],
  grid_worker: ['archive.export', 'household.read', 'household.write', 'org.read', 'resident.reveal', 'visit.write'],
  building_head: ['household.read', 'org.read', 'visit.write'],
  department_handler: ['org.read'],
  property_handler: ['org.read'],
  owners_committee_member: ['org.read'],
  resident: [],
  auditor: ['archive.export', 'audit.read', 'household.read', 'org.read'],
};

const PARENT: Record<NodeKey, NodeKey | null> = {
  street: null,
  otherStreet: null,
  communityA: 'street',
  communityB: 'street',
  gridA: 'communityA',
  gridA2: 'communityA',
  gridB: 'communityB',
  buildingA: 'gridA',
  buildingA2: 'gridA2',
  buildingB: 'gridB',
};

/** Does a role held at `holder` see what hangs at `target`? (its subtree, the node included) */
export function covers(holder: NodeKey, target: NodeKey): boolean {
  for (let n: NodeKey | null = target; n; n = PARENT[n]) if (n === holder) return true;
  return false;
}

let serial = 0;
export const unique = () => `${Date.now().toString(36)}${++serial}`;

/** A household with grid and community ids taken from the building's path (district/street/community/grid/building). */
export async function insertHousehold(db: Kysely<DB>, building: NodeRef, address = `${building.name}楼${unique()}室`) {
  const [, streetId, communityId, gridId] = building.path.split('/').filter(Boolean).map(Number);
  return db
    .insertInto('household')
    .values({
      building_id: building.id,
      grid_id: gridId!,
      community_id: communityId!,
      street_id: streetId!,
      org_path: building.path,
      room: unique(),
      address,
      housing: 'owned',
    })
    .returning(['id', 'address', 'street_id', 'version'])
    .executeTakeFirstOrThrow();
}

export type Household = Awaited<ReturnType<typeof insertHousehold>>;
export type Resident = Awaited<ReturnType<typeof makeResident>>;

export interface World {
  t: TestApp;
  db: Kysely<DB>;
  nodes: Record<NodeKey, NodeRef>;
  /** A second building in grid A that a building head of building A must not see. */
  siblingA: NodeRef;
  tokens: Record<Role, string>;
  households: { A: Household; A2: Household; B: Household };
  residents: { A: Resident; B: Resident };
  partyOrgs: { A: { id: number; name: string }; B: { id: number; name: string } };
  organisations: { A: { id: number; name: string; phone: string }; B: { id: number; name: string; phone: string } };
  auditMarks: { A: string; B: string };
}

async function partyOrg(db: Kysely<DB>, node: NodeRef, kind: 'committee' | 'branch' | 'group', name: string, parentId: number | null) {
  return db
    .insertInto('party_org')
    .values({ kind, name, parent_id: parentId, org_node_id: node.id, street_id: node.streetId, org_path: node.path, secretary: `${name}书记` })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

async function organisation(db: Kysely<DB>, node: NodeRef, name: string, phone: string) {
  const row = await db
    .insertInto('organisation')
    .values({ kind: 'partner_unit', name, org_node_id: node.id, street_id: node.streetId, org_path: node.path, contact_name: `${name}联系人`, contact_phone: phone })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, phone };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.ctx.db;
  const s = await makeStreet(db);
  const other = await makeStreet(db);
  const nodes: Record<NodeKey, NodeRef> = { ...s, otherStreet: other.street };
  const siblingA = await makeNode(db, s.gridA, 'building', { name: '甲一邻楼' });

  const households = {
    A: await insertHousehold(db, s.buildingA, '甲一1号楼1单元101室'),
    A2: await insertHousehold(db, s.buildingA2, '甲二1号楼1单元201室'),
    B: await insertHousehold(db, s.buildingB, '乙一1号楼3单元302室'),
  };
  const residents = {
    A: await makeResident(db, t.ctx.cipher, households.A, { name: '甲户主王芳', phone: '13811110001' }),
    B: await makeResident(db, t.ctx.cipher, households.B, { name: '乙户主赵磊', phone: '13722220002' }),
  };

  const committeeA = await partyOrg(db, s.communityA, 'committee', '甲社区党委', null);
  const branchA = await partyOrg(db, s.gridA, 'branch', '甲一网格党支部', committeeA.id);
  const committeeB = await partyOrg(db, s.communityB, 'committee', '乙社区党委', null);
  const branchB = await partyOrg(db, s.gridB, 'branch', '乙一网格党支部', committeeB.id);
  const partyOrgs = {
    A: await partyOrg(db, s.buildingA, 'group', '甲一1楼党小组', branchA.id),
    B: await partyOrg(db, s.buildingB, 'group', '乙一1楼党小组', branchB.id),
  };
  const organisations = {
    A: await organisation(db, s.buildingA, '甲楼共建超市', '010-61110001'),
    B: await organisation(db, s.buildingB, '乙楼共建药房', '010-62220002'),
  };

  const auditMarks = { A: `probe-in-${unique()}`, B: `probe-out-${unique()}` };
  await db.transaction().execute(async (tx) => {
    await appendAudit(tx, { actor: { id: null, name: 'fixture' }, action: 'test.probe', targetType: 'probe', targetId: auditMarks.A, streetId: s.street.id });
    await appendAudit(tx, { actor: { id: null, name: 'fixture' }, action: 'test.probe', targetType: 'probe', targetId: auditMarks.B, streetId: other.street.id });
  });

  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await makeUser(db, [{ role, node: nodes[ROLE_NODE[role]] }], role === 'resident' ? { residentId: residents.A.id } : {});
    tokens[role] = await login(t.app, user.username);
  }
  return { t, db, nodes, siblingA, tokens, households, residents, partyOrgs, organisations, auditMarks };
}

/** A building made for one cell, so writes to it cannot disturb another cell. */
export async function freshBuilding(w: World, grid: 'gridA' | 'gridB') {
  return makeNode(w.db, w.nodes[grid], 'building', { name: `${grid === 'gridA' ? '甲' : '乙'}新楼${unique()}` });
}

/** A household with one resident, made for one cell. */
export async function freshHousehold(w: World, building: 'buildingA' | 'buildingB') {
  const prefix = building === 'buildingA' ? '甲' : '乙';
  const household = await insertHousehold(w.db, w.nodes[building], `${prefix}临时户${unique()}号`);
  const resident = await makeResident(w.db, w.t.ctx.cipher, household, { name: `${prefix}临时居民${unique()}` });
  return { household, resident };
}
