import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';
import type { ArchiveUnit } from './roll.js';
import { centsOf, squareMetres, type TallyBallot, type TallyOwner } from './tally.js';

/**
 * One vote in scope, or OWNERS_VOTE_NOT_FOUND. Ballots take it `for share` and closing takes it
 * `for update`, so no ballot slips in between the tally and the close.
 */
export async function getVoteInScope(db: Executor, scope: Scope, id: number, lock?: 'share' | 'update') {
  let query = db.selectFrom('owners_vote').selectAll().where('id', '=', id).where(inScope('org_path', scope));
  if (lock === 'share') query = query.forShare();
  if (lock === 'update') query = query.forUpdate();
  const vote = await query.executeTakeFirst();
  if (!vote) throw new AppError('OWNERS_VOTE_NOT_FOUND', { id });
  return vote;
}

export async function getEstateInScope(db: Executor, scope: Scope, id: number) {
  const estate = await db.selectFrom('estate').selectAll().where('id', '=', id).where(inScope('org_path', scope)).executeTakeFirst();
  if (!estate) throw new AppError('ESTATE_NOT_FOUND', { id });
  return estate;
}

/** Of the given household ids, those that are not units of the estate. */
export async function householdsOutsideEstate(db: Executor, estateId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('household as h')
    .innerJoin('org_node as b', 'b.id', 'h.building_id')
    .select('h.id')
    .where('b.estate_id', '=', estateId)
    .where('h.id', 'in', ids)
    .execute();
  const inside = new Set(found.map((r) => r.id));
  return ids.filter((id) => !inside.has(id));
}

/** The estate's owned units and developer-held units, with their current head, from the archive. */
export async function archiveUnits(db: Executor, estateId: number, developerIds: number[]) {
  const developer = new Set(developerIds);
  const rows = await db
    .selectFrom('household as h')
    .innerJoin('org_node as b', 'b.id', 'h.building_id')
    .leftJoin('household_member as m', (join) =>
      join.onRef('m.household_id', '=', 'h.id').on('m.relationship', '=', 'head').on('m.until', 'is', null),
    )
    .leftJoin('resident as r', 'r.id', 'm.resident_id')
    .select(['h.id', 'h.area_m2', 'h.address', 'm.resident_id as headResidentId', 'r.name as headName'])
    .where('b.estate_id', '=', estateId)
    .where((eb) => (developerIds.length ? eb.or([eb('h.housing', '=', 'owned'), eb('h.id', 'in', developerIds)]) : eb('h.housing', '=', 'owned')))
    .orderBy('h.id')
    .execute();
  const missingArea = rows.filter((r) => r.area_m2 === null).map((r) => r.id);
  const units: ArchiveUnit[] = rows
    .filter((r) => r.area_m2 !== null)
    .map((r) => ({
      householdId: r.id,
      areaCents: centsOf(r.area_m2!),
      address: r.address,
      headResidentId: r.headResidentId,
      headName: r.headName,
      developerHeld: developer.has(r.id),
    }));
  return { units, missingArea };
}

export async function rollOf(db: Executor, voteId: number): Promise<TallyOwner[]> {
  const rows = await db.selectFrom('vote_owner').select(['id', 'area_cents']).where('vote_id', '=', voteId).orderBy('id').execute();
  return rows.map((r) => ({ ownerId: r.id, areaCents: BigInt(r.area_cents) }));
}

export async function ballotsOf(db: Executor, voteId: number): Promise<TallyBallot[]> {
  const rows = await db.selectFrom('vote_ballot').select(['owner_id', 'choice']).where('vote_id', '=', voteId).orderBy('owner_id').execute();
  return rows.map((r) => ({ ownerId: r.owner_id, choice: r.choice }));
}

/** A digest of every (owner, choice) pair, stored with the tally so a recount notices a changed ballot. */
export function ballotsDigest(ballots: readonly TallyBallot[]): string {
  const lines = [...ballots].sort((a, b) => a.ownerId - b.ownerId).map((b) => `${b.ownerId}:${b.choice}`);
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

const summaryColumns = [
  'v.id',
  'v.estate_id as estateId',
  'e.name as estateName',
  'v.community_id as communityId',
  'v.title',
  'v.matter',
  'v.rule',
  'v.status',
  'v.closes_at as closesAt',
  'v.opened_at as openedAt',
  'v.closed_at as closedAt',
] as const;

export async function listVotes(db: Executor, scope: Scope, filter: { estateId?: number | undefined; communityId?: number | undefined }) {
  let query = db.selectFrom('owners_vote as v').innerJoin('estate as e', 'e.id', 'v.estate_id').select(summaryColumns).where(inScope('v.org_path', scope));
  if (filter.estateId) query = query.where('v.estate_id', '=', filter.estateId);
  if (filter.communityId) query = query.where('v.community_id', '=', filter.communityId);
  return query.orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').limit(500).execute();
}

export async function voteDetail(db: Executor, scope: Scope, viewerResidentId: number | null, id: number) {
  const v = await db
    .selectFrom('owners_vote as v')
    .innerJoin('estate as e', 'e.id', 'v.estate_id')
    .select([...summaryColumns, 'v.description', 'v.total_owners as totalOwners', 'v.total_area_cents as totalAreaCents', 'v.result'])
    .where('v.id', '=', id)
    .where(inScope('v.org_path', scope))
    .executeTakeFirst();
  if (!v) throw new AppError('OWNERS_VOTE_NOT_FOUND', { id });
  let me = null;
  if (viewerResidentId !== null && v.status !== 'draft') {
    const voted = sql<boolean>`exists (select 1 from vote_ballot b where b.owner_id = o.id)`.as('voted');
    const [own, proxyFor] = await Promise.all([
      db.selectFrom('vote_owner as o').select(['o.id', voted]).where('o.vote_id', '=', id).where('o.resident_id', '=', viewerResidentId).executeTakeFirst(),
      db
        .selectFrom('vote_proxy as p')
        .innerJoin('vote_owner as o', 'o.id', 'p.owner_id')
        .select(['o.id as ownerId', 'o.display_name as displayName', voted])
        .where('p.vote_id', '=', id)
        .where('p.proxy_resident_id', '=', viewerResidentId)
        .execute(),
    ]);
    me = { ownerId: own?.id ?? null, voted: own?.voted ?? false, proxyFor };
  }
  const { totalAreaCents, result, ...rest } = v;
  return {
    ...rest,
    totalAreaM2: totalAreaCents === null ? null : squareMetres(BigInt(totalAreaCents)),
    me,
    result: v.status === 'closed' ? (result as never) : null,
  };
}

export async function ownerRoll(db: Executor, voteId: number) {
  const rows = await db
    .selectFrom('vote_owner as o')
    .leftJoin('vote_proxy as p', 'p.owner_id', 'o.id')
    .select([
      'o.id',
      'o.display_name as displayName',
      'o.area_cents as areaCents',
      'o.unit_count as unitCount',
      'o.is_developer as isDeveloper',
      sql<boolean>`exists (select 1 from vote_ballot b where b.owner_id = o.id)`.as('voted'),
      'p.id as proxyId',
      'p.proxy_name as proxyName',
      'p.authorization_ref as authorizationRef',
    ])
    .where('o.vote_id', '=', voteId)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.displayName,
    areaM2: squareMetres(BigInt(r.areaCents)),
    unitCount: r.unitCount,
    isDeveloper: r.isDeveloper,
    voted: r.voted,
    proxy: r.proxyId === null ? null : { id: r.proxyId, proxyName: r.proxyName!, authorizationRef: r.authorizationRef! },
  }));
}
