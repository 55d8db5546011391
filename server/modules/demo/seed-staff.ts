import type { Insertable, Transaction } from 'kysely';
import type { DB, StaffTable } from '../../platform/db/schema.js';
import { personName } from './names.js';
import type { Random } from './random.js';
import { insertRows } from './repository.js';
import type { HeadCandidates } from './seed-households.js';
import type { NodeRef, SeededStreet } from './seed-structure.js';

/**
 * The people who run the communities: residents' committee members (the first of whom is also
 * the community's Party secretary, 一肩挑), one grid worker a grid, and building heads, who are
 * residents of the building they look after.
 */

export interface StaffMember {
  name: string;
  title: string;
}
export interface GridWorker extends StaffMember {
  employment: 'full_time' | 'part_time';
}
export interface StaffPlan {
  /** Community id → committee members, the secretary-director first and a deputy second. */
  committees: Map<number, StaffMember[]>;
  gridWorkers: Map<number, GridWorker>;
}

const COMMITTEE_TITLES = ['党委书记、居委会主任', '居委会副主任', '居委会委员', '居委会委员', '居委会委员'];

function workerName(rng: Random): string {
  return personName(rng, rng.chance(0.6) ? 'female' : 'male', rng.int(1968, 1998));
}

export function planStaff(rng: Random, street: SeededStreet): StaffPlan {
  const committees = new Map<number, StaffMember[]>();
  const gridWorkers = new Map<number, GridWorker>();
  for (const c of street.communities) {
    const size = rng.int(3, 5);
    committees.set(c.id, COMMITTEE_TITLES.slice(0, size).map((title) => ({ name: workerName(rng), title })));
    for (const g of c.grids) {
      const employment = rng.chance(0.7) ? 'full_time' : 'part_time';
      gridWorkers.set(g.id, { name: workerName(rng), title: employment === 'full_time' ? '专职网格员' : '兼职网格员', employment });
    }
  }
  return { committees, gridWorkers };
}

/**
 * Building id → building head: about half the buildings (always the street's first), each led
 * by a resident of the building. `exclude` keeps the demo resident from also being a building head.
 */
export function chooseBuildingHeads(
  rng: Random,
  street: SeededStreet,
  candidates: Map<number, HeadCandidates>,
  exclude: ReadonlySet<string>,
): Map<number, string> {
  const heads = new Map<number, string>();
  const first = street.communities[0]!.grids[0]!.buildings[0]!;
  for (const b of street.communities.flatMap((c) => c.grids.flatMap((g) => g.buildings))) {
    if (b !== first && !rng.chance(0.5)) continue;
    const c = candidates.get(b.id);
    const resident = c && [...c.keen, ...c.others].find((name) => !exclude.has(name));
    heads.set(b.id, resident ?? personName(rng, rng.chance(0.5) ? 'male' : 'female', rng.int(1955, 1985)));
  }
  return heads;
}

export interface StaffAccounts {
  partySecretary: number;
  communityStaff: number;
  gridWorker: number;
  buildingHead: number;
}

export async function insertStaff(
  tx: Transaction<DB>,
  street: SeededStreet,
  plan: StaffPlan,
  buildingHeads: Map<number, string>,
  accounts: StaffAccounts,
): Promise<number> {
  const streetId = street.street.id;
  const firstCommunity = street.communities[0]!;
  const firstGrid = firstCommunity.grids[0]!;
  const firstBuilding = firstGrid.buildings[0]!;
  const rows: Insertable<StaffTable>[] = [];
  const add = (
    kind: StaffTable['kind'],
    person: StaffMember & { employment?: GridWorker['employment'] },
    node: NodeRef,
    userId: number | undefined,
  ) =>
    rows.push({
      kind,
      employment: person.employment ?? null,
      name: person.name,
      title: person.title,
      org_node_id: node.id,
      street_id: streetId,
      org_path: node.path,
      user_id: userId ?? null,
    });
  for (const c of street.communities) {
    const accountOf = c === firstCommunity ? [accounts.partySecretary, accounts.communityStaff] : [];
    plan.committees.get(c.id)!.forEach((member, i) => add('committee_member', member, c, accountOf[i]));
    for (const g of c.grids) {
      add('grid_worker', plan.gridWorkers.get(g.id)!, g, g === firstGrid ? accounts.gridWorker : undefined);
      for (const b of g.buildings) {
        const name = buildingHeads.get(b.id);
        if (name) add('building_head', { name, title: '楼栋长' }, b, b === firstBuilding ? accounts.buildingHead : undefined);
      }
    }
  }
  await insertRows(tx, 'staff', rows);
  return rows.length;
}
