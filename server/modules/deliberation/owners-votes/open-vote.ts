import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { archiveUnits, getVoteInScope } from './repository.js';
import { buildOwnerRoll } from './roll.js';
import { squareMetres } from './tally.js';

/**
 * Opens a drafted vote: snapshots the owners' roll (owners, their units and exclusive-part areas)
 * from the household archive, so later edits of the archive cannot move the denominators.
 */
export async function openVote(db: Executor, options: Caller & { voteId: number }) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'update');
    if (vote.status !== 'draft') throw new AppError('OWNERS_VOTE_NOT_DRAFT', { status: vote.status });
    const developerIds = (await tx.selectFrom('vote_developer_unit').select('household_id').where('vote_id', '=', vote.id).execute()).map((r) => r.household_id);
    const { units, missingArea } = await archiveUnits(tx, vote.estate_id, developerIds);
    if (missingArea.length) throw new AppError('OWNERS_VOTE_AREA_MISSING', { householdIds: missingArea.slice(0, 50), count: missingArea.length });
    const roll = buildOwnerRoll(units);
    if (roll.length === 0) throw new AppError('OWNERS_VOTE_NO_OWNERS', { estateId: vote.estate_id });

    const ownerIds = new Map<string, number>();
    for (let i = 0; i < roll.length; i += 1000) {
      const inserted = await tx
        .insertInto('vote_owner')
        .values(
          roll.slice(i, i + 1000).map((o) => ({
            vote_id: vote.id,
            owner_key: o.ownerKey,
            resident_id: o.residentId,
            display_name: o.displayName,
            area_cents: Number(o.areaCents),
            unit_count: o.units.length,
            is_developer: o.isDeveloper,
          })),
        )
        .returning(['id', 'owner_key'])
        .execute();
      for (const r of inserted) ownerIds.set(r.owner_key, r.id);
    }
    const unitRows = roll.flatMap((o) =>
      o.units.map((u) => ({ vote_id: vote.id, owner_id: ownerIds.get(o.ownerKey)!, household_id: u.householdId, area_cents: Number(u.areaCents) })),
    );
    for (let i = 0; i < unitRows.length; i += 1000) await tx.insertInto('vote_owner_unit').values(unitRows.slice(i, i + 1000)).execute();

    const totalArea = roll.reduce((sum, o) => sum + o.areaCents, 0n);
    const openedAt = new Date();
    await tx
      .updateTable('owners_vote')
      .set({ status: 'open', opened_at: openedAt, total_owners: roll.length, total_area_cents: Number(totalArea) })
      .where('id', '=', vote.id)
      .execute();
    const totals = { owners: roll.length, units: unitRows.length, areaM2: squareMetres(totalArea), developerUnits: developerIds.length };
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'owners_vote.opened',
      targetType: 'owners_vote',
      targetId: vote.id,
      summary: { before: { status: vote.status }, after: { status: 'open', ...totals } },
      requestId: options.requestId,
      streetId: vote.street_id,
    });
    return { id: vote.id, status: 'open' as const, openedAt, totalOwners: totals.owners, totalUnits: totals.units, totalAreaM2: totals.areaM2 };
  });
}
