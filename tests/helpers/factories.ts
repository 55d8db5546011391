import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { idCheckChar, type PiiCipher } from '../../server/platform/crypto/pii.js';
import type { DB, OrgKind, Relationship, RoleName } from '../../server/platform/db/schema.js';
import { hashPassword } from '../../server/platform/identity/passwords.js';
import { sealResidentPii } from '../../server/modules/org/households/resident-pii.js';

let counter = 0;
const next = () => ++counter;

export interface NodeRef {
  id: number;
  path: string;
  kind: OrgKind;
  streetId: number | null;
  name: string;
}

export async function makeNode(db: Kysely<DB>, parent: NodeRef | null, kind: OrgKind, overrides: { name?: string; address?: string } = {}): Promise<NodeRef> {
  const n = next();
  const name = overrides.name ?? `${kind}-${n}`;
  const row = await db
    .insertInto('org_node')
    .values({
      parent_id: parent?.id ?? null,
      kind,
      code: `T${n}-${kind}`,
      name,
      path: `pending-${n}`,
      street_id: parent ? (parent.kind === 'district' ? null : parent.streetId) : null,
      address: kind === 'building' ? (overrides.address ?? `${name}号楼`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  const streetId = kind === 'street' ? row.id : parent?.kind === 'district' ? null : (parent?.streetId ?? null);
  await db.updateTable('org_node').set({ path, street_id: streetId }).where('id', '=', row.id).execute();
  return { id: row.id, path, kind, streetId, name };
}

export function makeIdNumber(birth = '19800101', serial = next() % 1000): string {
  const first17 = `110101${birth}${String(serial).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function makePhone(): string {
  return `139${String(10_000_000 + next()).slice(-8)}`;
}

export async function makeHousehold(
  db: Kysely<DB>,
  building: NodeRef,
  overrides: { room?: string; unit?: string; tags?: string[]; areaM2?: string; housing?: 'owned' | 'rented' } = {},
) {
  const [, , communityId, gridId] = building.path.split('/').filter(Boolean).map(Number);
  const room = overrides.room ?? String(100 + next());
  const unit = overrides.unit ?? '1单元';
  const row = await db
    .insertInto('household')
    .values({
      building_id: building.id,
      grid_id: gridId!,
      community_id: communityId!,
      street_id: building.streetId!,
      org_path: building.path,
      unit,
      room,
      address: `${building.name}${unit}${room}`,
      housing: overrides.housing ?? 'owned',
      area_m2: overrides.areaM2 ?? '88.50',
      tags: overrides.tags ?? [],
    })
    .returning(['id', 'address', 'street_id'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function makeResident(
  db: Kysely<DB>,
  cipher: PiiCipher,
  household: { id: number; street_id: number },
  overrides: { name?: string; relationship?: Relationship; idNumber?: string | null; phone?: string | null; tags?: string[] } = {},
) {
  const idNumber = overrides.idNumber === undefined ? makeIdNumber() : overrides.idNumber;
  const phone = overrides.phone === undefined ? makePhone() : overrides.phone;
  const row = await db
    .insertInto('resident')
    .values({
      street_id: household.street_id,
      name: overrides.name ?? `居民${next()}`,
      gender: 'female',
      birth_date: '1980-01-01',
      tags: overrides.tags ?? [],
      ...sealResidentPii(cipher, { idNumber, phone }),
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('household_member')
    .values({ household_id: household.id, resident_id: row.id, relationship: overrides.relationship ?? 'head' })
    .execute();
  return { ...row, idNumber, phone };
}

/** A district with one street, two communities, a grid per community and a building per grid. */
export async function makeStreet(db: Kysely<DB>) {
  const district = await makeNode(db, null, 'district');
  const street = await makeNode(db, district, 'street');
  const communityA = await makeNode(db, street, 'community', { name: '甲社区' });
  const communityB = await makeNode(db, street, 'community', { name: '乙社区' });
  const gridA = await makeNode(db, communityA, 'grid', { name: '甲一网格' });
  const gridA2 = await makeNode(db, communityA, 'grid', { name: '甲二网格' });
  const gridB = await makeNode(db, communityB, 'grid', { name: '乙一网格' });
  const buildingA = await makeNode(db, gridA, 'building', { name: '甲一1' });
  const buildingA2 = await makeNode(db, gridA2, 'building', { name: '甲二1' });
  const buildingB = await makeNode(db, gridB, 'building', { name: '乙一1' });
  return { district, street, communityA, communityB, gridA, gridA2, gridB, buildingA, buildingA2, buildingB };
}

export const TEST_PASSWORD = 'correct-horse-battery';
let cachedHash: Promise<string> | undefined;

export async function makeUser(
  db: Kysely<DB>,
  roles: { role: RoleName; node: NodeRef }[],
  overrides: { username?: string; organisationId?: number; residentId?: number } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const username = overrides.username ?? `user${next()}`;
  const user = await db
    .insertInto('app_user')
    .values({
      username,
      display_name: `用户 ${username}`,
      password_hash: await cachedHash,
      organisation_id: overrides.organisationId ?? null,
      resident_id: overrides.residentId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (roles.length) {
    await db
      .insertInto('user_role')
      .values(roles.map((r) => ({ user_id: user.id, role: r.role, org_node_id: r.node.id })))
      .execute();
  }
  return { id: user.id, username };
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${username}: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A resident of a new household in the building, with a resident account. */
export async function makeResidentUser(db: Kysely<DB>, cipher: PiiCipher, building: NodeRef) {
  const r = await makeResident(db, cipher, await makeHousehold(db, building));
  return makeUser(db, [{ role: 'resident', node: building }], { residentId: r.id });
}

/** A session token for each of the users, under the same keys. */
export async function loginAll<K extends string>(app: FastifyInstance, users: Record<K, { username: string }>): Promise<Record<K, string>> {
  const tokens = {} as Record<K, string>;
  for (const [k, u] of Object.entries(users) as [K, { username: string }][]) tokens[k] = await login(app, u.username);
  return tokens;
}
