import type { Insertable, Transaction } from 'kysely';
import { maskIdNumber, maskPhone, type PiiCipher } from '../../platform/crypto/pii.js';
import type { DB, ResidentTable } from '../../platform/db/schema.js';
import { PeopleFactory, type HouseholdDraft, type PersonDraft } from './people.js';
import type { Random } from './random.js';
import { insertRows, insertRowsReturning } from './repository.js';
import type { SeededBuilding, SeededCommunity, SeededGrid, SeededStreet } from './seed-structure.js';
import { draftVisits, type VisitDraft } from './visits.js';

/**
 * Households, residents, their membership and the visits to them, written a thousand households
 * at a time so memory stays flat however large the street.
 */

export interface HouseholdPhaseInput {
  rng: Random;
  cipher: PiiCipher;
  now: Date;
  street: SeededStreet;
  /** Grid id → the name of its grid worker, who makes the visits. */
  visitorOf: Map<number, string>;
  /** Grid id → the share of households visited in the last twelve months. */
  coverageOf: Map<number, number>;
  onProgress?: (done: number, total: number, rows: number) => void;
}

export interface PartyTally {
  count: number;
  /** A party member living there, to lead the branch or group. */
  leader?: string;
}

export interface HeadCandidates {
  /** Volunteers and Party members, asked first. */
  keen: string[];
  others: string[];
}

export interface HouseholdPhaseResult {
  households: number;
  residents: number;
  householdMembers: number;
  visits: number;
  partyByGrid: Map<number, PartyTally>;
  partyByBuilding: Map<number, PartyTally>;
  /** Building id → residents suited to be its building head. */
  buildingHeadCandidates: Map<number, HeadCandidates>;
  /** The household head who signs in as the demo resident (in the first grid). */
  demoResident: { residentId: number; buildingId: number; name: string };
}

interface Pending {
  draft: HouseholdDraft;
  community: SeededCommunity;
  grid: SeededGrid;
  building: SeededBuilding;
  moveIn: string;
  visits: VisitDraft[];
}

const CHUNK_HOUSEHOLDS = 1000;

export async function seedHouseholds(tx: Transaction<DB>, input: HouseholdPhaseInput): Promise<HouseholdPhaseResult> {
  const { rng, now, street } = input;
  const people = new PeopleFactory(rng, now);
  const total = street.communities.reduce(
    (n, c) => n + c.grids.reduce((m, g) => m + g.buildings.reduce((k, b) => k + b.plan.flats.length, 0), 0),
    0,
  );
  const result: HouseholdPhaseResult = {
    households: 0,
    residents: 0,
    householdMembers: 0,
    visits: 0,
    partyByGrid: new Map(),
    partyByBuilding: new Map(),
    buildingHeadCandidates: new Map(),
    demoResident: { residentId: 0, buildingId: 0, name: '' },
  };
  const firstGrid = street.communities[0]!.grids[0]!;
  let demo: Pending | undefined;
  let fallback: Pending | undefined;
  let rows = 0;
  let pending: Pending[] = [];
  const flush = async () => {
    rows += await writeChunk(tx, input, pending, result);
    pending = [];
    input.onProgress?.(result.households, total, rows);
  };

  for (const community of street.communities) {
    for (const grid of community.grids) {
      const coverage = input.coverageOf.get(grid.id)!;
      for (const building of grid.buildings) {
        for (const flat of building.plan.flats) {
          const draft = people.household(flat, building.plan.typicalArea);
          const head = draft.members[0]!;
          const moveIn = dateBetween(rng, Math.max(1985, Number(head.birthDate.slice(0, 4)) + 20), now);
          const visits = draftVisits(rng, now, coverage, draft.tags);
          const entry: Pending = { draft, community, grid, building, moveIn, visits };
          pending.push(entry);
          if (grid === firstGrid) {
            fallback ??= entry;
            if (!demo && head.age >= 30 && head.age <= 65 && head.phone) demo = entry;
          }
        }
        if (pending.length >= CHUNK_HOUSEHOLDS) await flush();
      }
    }
  }
  if (pending.length > 0) await flush();

  // The demo resident: a working-age head with a phone in the first grid, if there is one.
  const chosen = (demo ?? fallback)!;
  const head = await tx
    .selectFrom('household_member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select('m.resident_id')
    .where('h.building_id', '=', chosen.building.id)
    .where('h.unit', '=', chosen.draft.unit)
    .where('h.room', '=', chosen.draft.room)
    .where('m.relationship', '=', 'head')
    .executeTakeFirstOrThrow();
  result.demoResident = { residentId: head.resident_id, buildingId: chosen.building.id, name: chosen.draft.members[0]!.name };
  return result;
}

/** Writes one chunk of households with everything that hangs off them; returns rows written. */
async function writeChunk(
  tx: Transaction<DB>,
  input: HouseholdPhaseInput,
  chunk: Pending[],
  result: HouseholdPhaseResult,
): Promise<number> {
  const { cipher, street } = input;
  const streetId = street.street.id;
  const households = await insertRowsReturning(
    tx,
    'household',
    chunk.map(({ draft, community, grid, building }) => ({
      building_id: building.id,
      grid_id: grid.id,
      community_id: community.id,
      street_id: streetId,
      org_path: building.path,
      unit: draft.unit,
      room: draft.room,
      address: `${building.plan.address}${draft.unit}${draft.room}室`,
      housing: draft.housing,
      area_m2: draft.areaM2,
      tags: draft.tags,
    })),
    ['id', 'building_id', 'unit', 'room'],
  );
  const householdId = new Map(households.map((h) => [`${h.building_id}|${h.unit}|${h.room}`, h.id]));

  const residentRows: Insertable<ResidentTable>[] = [];
  for (const { draft } of chunk) {
    for (const m of draft.members) {
      residentRows.push({
        street_id: streetId,
        name: m.name,
        gender: m.gender,
        birth_date: m.birthDate,
        id_number_enc: cipher.encrypt(m.idNumber),
        id_number_hash: cipher.lookupHash('id_number', m.idNumber),
        id_number_mask: maskIdNumber(m.idNumber),
        phone_enc: m.phone ? cipher.encrypt(m.phone) : null,
        phone_hash: m.phone ? cipher.lookupHash('phone', m.phone) : null,
        phone_mask: m.phone ? maskPhone(m.phone) : null,
        political_status: m.politicalStatus,
        tags: m.tags,
      });
    }
  }
  const residents = await insertRowsReturning(tx, 'resident', residentRows, ['id', 'id_number_hash']);
  const residentId = new Map(residents.map((r) => [r.id_number_hash!, r.id]));

  const memberRows: Insertable<DB['household_member']>[] = [];
  const visitRows: Insertable<DB['visit']>[] = [];
  let r = 0;
  for (const entry of chunk) {
    const { draft, grid, building } = entry;
    const hid = householdId.get(`${building.id}|${draft.unit}|${draft.room}`)!;
    for (const m of draft.members) {
      const rid = residentId.get(residentRows[r++]!.id_number_hash!)!;
      // Members born after the family moved in have lived there since birth.
      const since = m.birthDate > entry.moveIn ? m.birthDate : entry.moveIn;
      memberRows.push({ household_id: hid, resident_id: rid, relationship: m.relationship, since, until: null });
      if (m.politicalStatus === 'cpc_member') {
        tally(result.partyByGrid, grid.id, m.name);
        tally(result.partyByBuilding, building.id, m.name);
      }
      if (m.age >= 35 && m.age <= 72) nominate(result.buildingHeadCandidates, building.id, m);
    }
    for (const v of entry.visits) {
      visitRows.push({
        household_id: hid,
        street_id: streetId,
        org_path: building.path,
        visitor_id: null,
        visitor_name: input.visitorOf.get(grid.id)!,
        visited_at: v.visitedAt,
        method: v.method,
        notes: v.notes,
        follow_up: v.followUp,
        follow_up_due: v.followUpDue,
        follow_up_done_at: v.followUpDoneAt,
      });
    }
  }
  await insertRows(tx, 'household_member', memberRows);
  await insertRows(tx, 'visit', visitRows);

  result.households += households.length;
  result.residents += residents.length;
  result.householdMembers += memberRows.length;
  result.visits += visitRows.length;
  return households.length + residents.length + memberRows.length + visitRows.length;
}

/** Keeps a few candidates a building; volunteers and Party members are asked first. */
function nominate(map: Map<number, HeadCandidates>, buildingId: number, m: PersonDraft): void {
  let c = map.get(buildingId);
  if (!c) map.set(buildingId, (c = { keen: [], others: [] }));
  const list = m.tags.includes('volunteer') || m.tags.includes('party_member') ? c.keen : c.others;
  if (list.length < 3) list.push(m.name);
}

function tally(map: Map<number, PartyTally>, key: number, name: string): void {
  const t = map.get(key);
  if (t) t.count += 1;
  else map.set(key, { count: 1, leader: name });
}

function dateBetween(rng: Random, fromYear: number, now: Date): string {
  const from = Date.UTC(Math.min(fromYear, now.getUTCFullYear() - 1), 0, 1);
  const to = now.getTime() - 30 * 86_400_000;
  return new Date(from + rng.float() * Math.max(0, to - from)).toISOString().slice(0, 10);
}
