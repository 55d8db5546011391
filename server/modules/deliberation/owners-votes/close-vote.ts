import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { ballotsDigest, ballotsOf, getVoteInScope, rollOf } from './repository.js';
import { tallyVote } from './tally.js';

/** Counts the ballots of a stored vote: the one computation closing and recounting share. */
export async function countVote(db: Executor, vote: { id: number; matter: Parameters<typeof tallyVote>[0]['matter'] }) {
  const [owners, ballots] = await Promise.all([rollOf(db, vote.id), ballotsOf(db, vote.id)]);
  return { ...tallyVote({ matter: vote.matter, owners, ballots }), ballotCount: ballots.length, ballotsDigest: ballotsDigest(ballots) };
}

/** Closes an open vote, counts it under art. 278 and stores the tally; no ballot is accepted afterwards. */
export async function closeVote(db: Executor, options: Caller & { voteId: number }) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'update');
    if (vote.status === 'draft') throw new AppError('OWNERS_VOTE_NOT_OPEN');
    if (vote.status === 'closed') throw new AppError('OWNERS_VOTE_CLOSED');
    const result = await countVote(tx, vote);
    await tx
      .updateTable('owners_vote')
      .set({ status: 'closed', closed_at: new Date(), result: JSON.stringify(result) })
      .where('id', '=', vote.id)
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'owners_vote.closed',
      targetType: 'owners_vote',
      targetId: vote.id,
      summary: {
        before: { status: vote.status },
        after: {
          status: 'closed',
          rule: result.rule,
          outcome: result.outcome,
          participation: { area: result.participation.area.fraction, owners: result.participation.owners.fraction },
          approval: result.approval && { area: result.approval.area.fraction, owners: result.approval.owners.fraction },
          ballotCount: result.ballotCount,
          ballotsDigest: result.ballotsDigest,
        },
      },
      requestId: options.requestId,
      streetId: vote.street_id,
    });
    return result;
  });
}
