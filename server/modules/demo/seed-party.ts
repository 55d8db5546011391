import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Random } from './random.js';
import { insertRows, insertRowsReturning } from './repository.js';
import type { PartyTally } from './seed-households.js';
import type { StaffPlan } from './seed-staff.js';
import type { SeededStreet } from './seed-structure.js';

/**
 * Party organisations (网格+支部): a committee for each community, a branch for each grid and a
 * group in about a third of the buildings. Member counts are the Party members who live there.
 */

export interface PartyCounts {
  partyCommittees: number;
  partyBranches: number;
  partyGroups: number;
}

export async function seedPartyOrgs(
  tx: Transaction<DB>,
  rng: Random,
  street: SeededStreet,
  staff: StaffPlan,
  byGrid: Map<number, PartyTally>,
  byBuilding: Map<number, PartyTally>,
): Promise<PartyCounts> {
  const streetId = street.street.id;
  const committees = await insertRowsReturning(
    tx,
    'party_org',
    street.communities.map((c) => ({
      parent_id: null,
      kind: 'committee' as const,
      name: `中共${c.plan.name}委员会`,
      org_node_id: c.id,
      street_id: streetId,
      org_path: c.path,
      secretary: staff.committees.get(c.id)![0]!.name,
      member_count: c.grids.reduce((n, g) => n + (byGrid.get(g.id)?.count ?? 0), 0),
    })),
    ['id', 'org_node_id'],
  );
  const committeeOf = new Map(committees.map((p) => [p.org_node_id, p.id]));

  const grids = street.communities.flatMap((c) => c.grids.map((g) => ({ c, g })));
  const branches = await insertRowsReturning(
    tx,
    'party_org',
    grids.map(({ c, g }) => ({
      parent_id: committeeOf.get(c.id)!,
      kind: 'branch' as const,
      name: `${g.plan.name}党支部`,
      org_node_id: g.id,
      street_id: streetId,
      org_path: g.path,
      secretary: byGrid.get(g.id)?.leader ?? staff.gridWorkers.get(g.id)!.name,
      member_count: byGrid.get(g.id)?.count ?? 0,
    })),
    ['id', 'org_node_id'],
  );
  const branchOf = new Map(branches.map((p) => [p.org_node_id, p.id]));

  // Groups where enough members live together, about a third of all buildings.
  const buildings = grids.flatMap(({ c, g }) => g.buildings.map((b) => ({ c, g, b })));
  const eligible = buildings.filter(({ b }) => (byBuilding.get(b.id)?.count ?? 0) >= 3);
  const share = eligible.length === 0 ? 0 : Math.min(1, buildings.length / 3 / eligible.length);
  const groups = eligible
    .filter(() => rng.chance(share))
    .map(({ c, g, b }) => ({
      parent_id: branchOf.get(g.id)!,
      kind: 'group' as const,
      name: `${c.plan.name}${b.plan.name}党小组`,
      org_node_id: b.id,
      street_id: streetId,
      org_path: b.path,
      secretary: byBuilding.get(b.id)!.leader ?? null,
      member_count: byBuilding.get(b.id)!.count,
    }));
  await insertRows(tx, 'party_org', groups);
  return { partyCommittees: committees.length, partyBranches: branches.length, partyGroups: groups.length };
}
