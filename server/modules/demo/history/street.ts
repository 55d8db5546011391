import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Priority } from '../../../platform/db/schema-cases.js';
import { AppError } from '../../../platform/errors.js';
import { DEFAULT_DATA_FILES, readExamples } from '../../cases/catalogue/training-data.js';
import { resolveHandler, type HandlerUnit } from '../../cases/handler-resolution.js';
import { resolveLimits, type Limits } from '../../cases/time-limits.js';
import { personName } from '../names.js';
import type { Random } from '../random.js';
import { actingAccounts, activeLeafCategories, firstStreet, householdsWithMember, streetNodes, streetOrganisations, streetStaff } from './repository.js';

/** Someone who acts in a case's timeline: a demo account, or a named person without one. */
export interface Person {
  userId: number | null;
  name: string;
}

export interface Household {
  id: number;
  address: string;
  residentId: number | null;
  residentName: string | null;
}

export interface Building {
  id: number;
  path: string;
  communityId: number;
  gridId: number;
  estateId: number | null;
  address: string;
  households: Household[];
}

export interface Category {
  id: number;
  code: string;
  nameZh: string;
  priority: Priority;
  limits: Limits;
  texts: string[];
}

/** The seeded street as the history sees it: places, categories with limits and texts, and who acts for each unit. */
export interface Street {
  id: number;
  path: string;
  buildings: Building[];
  categories: Category[];
  /** Community id → staff who accept, dispatch and call residents back. */
  managers: Map<number, Person[]>;
  gridWorkers: Map<number, Person>;
  /** Organisation id → its handlers; names of departments and property companies. */
  orgPeople: Map<number, Person[]>;
  orgNames: Map<number, string>;
  departments: { id: number; name: string }[];
  accounts: { streetAdmin: Person; communityStaff: Person | null; resident: (Person & { residentId: number }) | null; open311: Person | null };
  /** The unit resolveHandler gives for a category at a building (null: NO_HANDLER), memoised by what it depends on. */
  handlerOf(categoryId: number, building: Building): Promise<HandlerUnit | null>;
}

export async function loadStreet(db: Kysely<DB>, rng: Random): Promise<Street> {
  const street = await firstStreet(db);
  if (!street) throw new AppError('CONFLICT', {}, 'Seed the demo street before its case history.');
  const [nodes, households, categoryRows, staff, orgs, accounts] = await Promise.all([
    streetNodes(db, street.id),
    householdsWithMember(db, street.id),
    activeLeafCategories(db),
    streetStaff(db, street.id),
    streetOrganisations(db, street.id),
    actingAccounts(db, street.id),
  ]);
  const byBuilding = new Map<number, Household[]>();
  for (const h of households) {
    const list = byBuilding.get(h.building_id) ?? [];
    list.push({ id: h.id, address: h.address, residentId: h.resident_id, residentName: h.name });
    byBuilding.set(h.building_id, list);
  }
  const buildings: Building[] = nodes
    .filter((n) => n.kind === 'building')
    .map((n) => {
      const [, , communityId, gridId] = n.path.split('/').filter(Boolean).map(Number);
      return { id: n.id, path: n.path, communityId: communityId!, gridId: gridId!, estateId: n.estate_id, address: n.address ?? n.name, households: byBuilding.get(n.id) ?? [] };
    });
  if (buildings.length === 0 || categoryRows.length === 0) throw new AppError('CONFLICT', {}, 'The demo street needs buildings and a category catalogue before its case history.');

  const texts = new Map<string, string[]>();
  for (const file of [DEFAULT_DATA_FILES.train, DEFAULT_DATA_FILES.heldout]) {
    for (const e of readExamples(file)) texts.set(e.category, [...(texts.get(e.category) ?? []), e.text]);
  }
  const categories: Category[] = [];
  for (const c of categoryRows) {
    categories.push({ id: c.id, code: c.code, nameZh: c.name_zh, priority: c.priority, limits: await resolveLimits(db, c.id, c.priority), texts: texts.get(c.code) ?? [] });
  }

  const person = (userId: number | null, displayName: string | null, fallback: string): Person => ({ userId, name: userId && displayName ? displayName : fallback });
  const managers = new Map<number, Person[]>();
  const gridWorkers = new Map<number, Person>();
  for (const s of staff) {
    if (s.kind === 'grid_worker') gridWorkers.set(s.org_node_id, person(s.user_id, s.display_name, `网格员 ${s.name}`));
    // The secretary-director (first member) leads; the others take cases in.
    else if (!s.title?.startsWith('党委书记')) managers.set(s.org_node_id, [...(managers.get(s.org_node_id) ?? []), person(s.user_id, s.display_name, `社区工作者 ${s.name}`)]);
  }
  const demo = new Map(accounts.demo.map((u) => [u.username, u]));
  const account = (username: string) => {
    const u = demo.get(username);
    return u ? { userId: u.id, name: u.display_name } : null;
  };
  const streetAdmin = account('street_admin') ?? { userId: null, name: '街道管理员' };
  const orgPeople = new Map<number, Person[]>();
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  for (const o of orgs) {
    const short = o.kind === 'property_company' ? `${o.name.replace(/(服务|管理)?有限公司$/, '')}管家` : o.name;
    const people: Person[] = [0, 1, 2].map(() => ({ userId: null, name: `${short} ${personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1970, 1998))}` }));
    for (const u of accounts.demo) if (u.organisation_id === o.id) people.unshift({ userId: u.id, name: u.display_name }, { userId: u.id, name: u.display_name });
    orgPeople.set(o.id, people);
  }
  const resident = demo.get('resident');

  const memo = new Map<string, Promise<HandlerUnit | null>>();
  const handlerOf = (categoryId: number, b: Building) => {
    const key = `${categoryId}:${b.gridId}:${b.communityId}:${b.estateId}`;
    if (!memo.has(key)) {
      const at = { category_id: categoryId, grid_id: b.gridId, community_id: b.communityId, building_id: b.id, street_id: street.id };
      memo.set(key, resolveHandler(db, at).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NO_HANDLER') return null;
        throw err;
      }));
    }
    return memo.get(key)!;
  };

  return {
    id: street.id,
    path: street.path,
    buildings,
    categories,
    managers,
    gridWorkers,
    orgPeople,
    orgNames,
    departments: orgs.filter((o) => o.kind === 'department').map((o) => ({ id: o.id, name: o.name })),
    accounts: {
      streetAdmin,
      communityStaff: account('community_staff'),
      resident: resident?.resident_id ? { userId: resident.id, name: resident.display_name, residentId: resident.resident_id } : null,
      open311: accounts.open311 ? { userId: accounts.open311.id, name: accounts.open311.display_name } : null,
    },
    handlerOf,
  };
}
