import type { Kysely } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.js';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/identity/passwords.js';
import { DEMO_PASSWORD, demoAccounts, insertDemoAccounts } from './demo-accounts.js';
import { Random } from './random.js';
import { creditVisits, lockAndCountOrgNodes, setSetting } from './repository.js';
import { seedHouseholds } from './seed-households.js';
import { seedPartyOrgs } from './seed-party.js';
import { chooseBuildingHeads, insertStaff, planStaff } from './seed-staff.js';
import { seedStructure } from './seed-structure.js';
import { planStreet } from './street-plan.js';
import { gridCoverage } from './visits.js';

export const DEFAULT_DEMO_HOUSEHOLDS = 8000;
export const DEFAULT_DEMO_SEED = 20_240_701;

export interface SeedDemoOptions {
  db: Kysely<DB>;
  cipher: PiiCipher;
  /** Households to create (default 8,000); communities, grids and buildings scale with it. */
  households?: number;
  /** PRNG seed: the same seed and size give the same street, names and numbers. */
  seed?: number;
  /** The moment the demo data is "as of" (birth dates, visit dates); defaults to now. */
  now?: Date;
  /** Called as households are written; `rows` counts every row written so far in that phase. */
  onProgress?: (done: number, total: number, rows: number) => void;
}

export interface SeedCounts {
  districts: number;
  streets: number;
  communities: number;
  grids: number;
  buildings: number;
  estates: number;
  households: number;
  residents: number;
  householdMembers: number;
  visits: number;
  departments: number;
  propertyCompanies: number;
  partnerUnits: number;
  socialOrgs: number;
  propertyServices: number;
  partyCommittees: number;
  partyBranches: number;
  partyGroups: number;
  staff: number;
  users: number;
  userRoles: number;
}

export interface SeedSummary extends SeedCounts {
  seed: number;
  streetId: number;
  durationMs: number;
  /** Milliseconds spent in each phase, in order. */
  phasesMs: Record<string, number>;
}

/**
 * Fills an empty database with a synthetic street: org tree with boundaries, estates,
 * organisations, Party organisations, staff, households and residents (identity numbers and
 * phones encrypted), a year of visits, and the demo accounts. Everything is written in one
 * transaction with one audit row, so a failed seed leaves the database as it was.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedSummary> {
  const households = options.households ?? DEFAULT_DEMO_HOUSEHOLDS;
  if (!Number.isInteger(households) || households < 1) {
    throw new AppError('VALIDATION_FAILED', { households }, `households must be a positive integer, got ${households}`);
  }
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now ?? new Date();
  const started = performance.now();
  const phasesMs: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const t = performance.now();
    phasesMs[name] = Math.round(t - mark);
    mark = t;
  };

  const rng = new Random(seed);
  const plan = planStreet(rng, households);
  // argon2id is deliberately slow: hash once, share the hash among the demo accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  phase('plan');

  const counts = await options.db.transaction().execute(async (tx): Promise<SeedCounts & { streetId: number }> => {
    const existing = await lockAndCountOrgNodes(tx);
    if (existing > 0) {
      throw new AppError(
        'CONFLICT',
        { orgNodes: existing },
        `Cannot seed demo data: the database already has ${existing} org nodes. Seed only an empty database.`,
      );
    }
    const street = await seedStructure(tx, rng, plan);
    const staffPlan = planStaff(rng, street);
    const coverageOf = new Map(street.communities.flatMap((c) => c.grids.map((g) => [g.id, gridCoverage(rng)] as const)));
    phase('structure');

    const archive = await seedHouseholds(tx, {
      rng,
      cipher: options.cipher,
      now,
      street,
      visitorOf: new Map([...staffPlan.gridWorkers].map(([id, w]) => [id, w.name])),
      coverageOf,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    phase('households');

    const firstCommunity = street.communities[0]!;
    const firstGrid = firstCommunity.grids[0]!;
    const buildingHeads = chooseBuildingHeads(rng, street, archive.buildingHeadCandidates, new Set([archive.demoResident.name]));
    const committee = staffPlan.committees.get(firstCommunity.id)!;
    const accounts = demoAccounts(rng, street, {
      partySecretary: committee[0]!.name,
      communityStaff: committee[1]!.name,
      gridWorker: staffPlan.gridWorkers.get(firstGrid.id)!.name,
      buildingHead: buildingHeads.get(firstGrid.buildings[0]!.id)!,
      resident: archive.demoResident,
    });
    const users = await insertDemoAccounts(tx, accounts, passwordHash);
    const staff = await insertStaff(tx, street, staffPlan, buildingHeads, {
      partySecretary: users.ids.get('party_secretary')!,
      communityStaff: users.ids.get('community_staff')!,
      gridWorker: users.ids.get('grid_worker')!,
      buildingHead: users.ids.get('building_head')!,
    });
    await creditVisits(tx, firstGrid.path, users.ids.get('grid_worker')!);
    const party = await seedPartyOrgs(tx, rng, street, staffPlan, archive.partyByGrid, archive.partyByBuilding);

    const result: SeedCounts = {
      districts: 1,
      streets: 1,
      communities: street.communities.length,
      grids: street.communities.reduce((n, c) => n + c.grids.length, 0),
      buildings: street.communities.reduce((n, c) => n + c.grids.reduce((m, g) => m + g.buildings.length, 0), 0),
      estates: street.counts.estates,
      households: archive.households,
      residents: archive.residents,
      householdMembers: archive.householdMembers,
      visits: archive.visits,
      departments: street.departmentIds.length,
      propertyCompanies: street.propertyCompanyIds.length,
      partnerUnits: street.counts.partnerUnits,
      socialOrgs: street.counts.socialOrgs,
      propertyServices: street.counts.propertyServices,
      ...party,
      staff,
      users: users.ids.size,
      userRoles: users.roles,
    };
    await setSetting(tx, 'demo', {
      seededAt: new Date().toISOString(),
      seed,
      households: result.households,
      residents: result.residents,
    });
    await appendAudit(tx, {
      actor: { id: null, name: 'system' },
      action: 'demo.seed',
      targetType: 'street',
      targetId: street.street.id,
      summary: { seed, ...result },
      streetId: street.street.id,
    });
    phase('people');
    return { ...result, streetId: street.street.id };
  });
  phase('commit');
  return { ...counts, seed, durationMs: Math.round(performance.now() - started), phasesMs };
}
