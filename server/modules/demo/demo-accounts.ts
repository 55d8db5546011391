import type { Transaction } from 'kysely';
import type { DB, RoleName } from '../../platform/db/schema.js';
import { DEPARTMENTS, PROPERTY_COMPANIES } from './catalogue.js';
import { personName } from './names.js';
import type { Random } from './random.js';
import { insertRows, insertRowsReturning } from './repository.js';
import type { SeededStreet } from './seed-structure.js';

/**
 * The demo accounts (DESIGN §6): one per kind of user, all with the password `gongzhi-demo`.
 * Clients, scripts and tests sign in with these names, so they and their roles are fixed points.
 */

export const DEMO_PASSWORD = 'gongzhi-demo';

export const DEMO_USERNAMES = [
  'street_admin',
  'community_staff',
  'grid_worker',
  'dept_handler',
  'property_handler',
  'resident',
  'party_secretary',
  'building_head',
  'auditor',
  'owners_committee',
] as const;
export type DemoUsername = (typeof DEMO_USERNAMES)[number];

export interface DemoAccount {
  username: DemoUsername;
  displayName: string;
  role: RoleName;
  orgNodeId: number;
  organisationId: number | null;
  residentId: number | null;
}

/** People the accounts belong to, who already appear elsewhere in the demo data. */
export interface KnownPeople {
  partySecretary: string;
  communityStaff: string;
  gridWorker: string;
  buildingHead: string;
  resident: { residentId: number; buildingId: number; name: string };
}

export function demoAccounts(rng: Random, street: SeededStreet, people: KnownPeople): DemoAccount[] {
  const streetId = street.street.id;
  const community = street.communities[0]!;
  const grid = community.grids[0]!;
  const building = grid.buildings[0]!;
  const someone = () => personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1970, 1995));
  const account = (
    username: DemoUsername,
    displayName: string,
    role: RoleName,
    orgNodeId: number,
    extra: { organisationId?: number; residentId?: number } = {},
  ): DemoAccount => ({
    username,
    displayName,
    role,
    orgNodeId,
    organisationId: extra.organisationId ?? null,
    residentId: extra.residentId ?? null,
  });
  const department = DEPARTMENTS[0]!;
  return [
    account('street_admin', `街道管理员 ${someone()}`, 'street_admin', streetId),
    account('community_staff', `社区工作者 ${people.communityStaff}`, 'community_staff', community.id),
    account('grid_worker', `网格员 ${people.gridWorker}`, 'grid_worker', grid.id),
    account('dept_handler', `${department} ${someone()}`, 'department_handler', streetId, {
      organisationId: street.departmentIds[0]!,
    }),
    account('property_handler', `${PROPERTY_COMPANIES[0].replace(/服务有限公司$/, '')}管家 ${someone()}`, 'property_handler', streetId, {
      organisationId: street.propertyCompanyIds[0]!,
    }),
    account('resident', `居民 ${people.resident.name}`, 'resident', people.resident.buildingId, {
      residentId: people.resident.residentId,
    }),
    account('party_secretary', `社区党委书记 ${people.partySecretary}`, 'party_secretary', community.id),
    account('building_head', `楼栋长 ${people.buildingHead}`, 'building_head', building.id),
    account('auditor', `审计员 ${someone()}`, 'auditor', streetId),
    account('owners_committee', `业委会委员 ${someone()}`, 'owners_committee_member', community.id),
  ];
}

/** Writes the accounts and their roles; every account shares one argon2id hash of the demo password. */
export async function insertDemoAccounts(
  tx: Transaction<DB>,
  accounts: DemoAccount[],
  passwordHash: string,
): Promise<{ ids: Map<DemoUsername, number>; roles: number }> {
  const users = await insertRowsReturning(
    tx,
    'app_user',
    accounts.map((a) => ({
      username: a.username,
      display_name: a.displayName,
      password_hash: passwordHash,
      is_demo: true,
      resident_id: a.residentId,
      organisation_id: a.organisationId,
      locked_until: null,
      disabled_at: null,
    })),
    ['id', 'username'],
  );
  const ids = new Map(users.map((u) => [u.username as DemoUsername, u.id]));
  const roles = accounts.map((a) => ({ user_id: ids.get(a.username)!, role: a.role, org_node_id: a.orgNodeId }));
  await insertRows(tx, 'user_role', roles);
  return { ids, roles: roles.length };
}
