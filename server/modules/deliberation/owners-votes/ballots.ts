import type { Transaction } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { DB, VoteChoice } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { isUniqueViolation } from '../shared.js';

/** Ballots are taken only while the vote is open and before its announced closing time. */
export function assertAcceptsBallots(vote: { status: string; closes_at: Date | null }): void {
  if (vote.status === 'draft') throw new AppError('OWNERS_VOTE_NOT_OPEN');
  if (vote.status === 'closed') throw new AppError('OWNERS_VOTE_CLOSED');
  if (vote.closes_at !== null && vote.closes_at.getTime() <= Date.now()) {
    throw new AppError('OWNERS_VOTE_CLOSED', { closesAt: vote.closes_at.toISOString() });
  }
}

export async function ownerOnRoll(db: Executor, voteId: number, ownerId: number) {
  const owner = await db.selectFrom('vote_owner').selectAll().where('vote_id', '=', voteId).where('id', '=', ownerId).executeTakeFirst();
  if (!owner) throw new AppError('OWNERS_VOTE_OWNER_NOT_FOUND', { ownerId });
  return owner;
}

/**
 * Writes one ballot and its audit row. One ballot per owner and one entry per paper reference are
 * unique constraints; a race that loses to one of them gets the same 409 as the check before it.
 * The audit row records who cast it, for whom and how — not the choice, which stays in the ballot
 * (an auditor must not read an interim result); the tally at close carries a digest of every choice.
 */
export async function insertBallot(
  tx: Transaction<DB>,
  caller: Caller,
  ballot: { vote: { id: number; street_id: number }; ownerId: number; choice: VoteChoice; channel: 'online' | 'paper'; paperReference: string | null; proxyId: number | null },
) {
  const { vote } = ballot;
  const cast = await tx.selectFrom('vote_ballot').select('id').where('vote_id', '=', vote.id).where('owner_id', '=', ballot.ownerId).executeTakeFirst();
  if (cast) throw new AppError('OWNERS_VOTE_DUPLICATE_BALLOT', { ownerId: ballot.ownerId });
  if (ballot.paperReference !== null) {
    const entered = await tx
      .selectFrom('vote_ballot')
      .select('id')
      .where('vote_id', '=', vote.id)
      .where('paper_reference', '=', ballot.paperReference)
      .executeTakeFirst();
    if (entered) throw new AppError('OWNERS_VOTE_DUPLICATE_PAPER', { paperReference: ballot.paperReference });
  }
  let row;
  try {
    row = await tx
      .insertInto('vote_ballot')
      .values({
        vote_id: vote.id,
        owner_id: ballot.ownerId,
        choice: ballot.choice,
        channel: ballot.channel,
        paper_reference: ballot.paperReference,
        proxy_id: ballot.proxyId,
        cast_by: caller.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err, 'vote_ballot_one_per_owner')) throw new AppError('OWNERS_VOTE_DUPLICATE_BALLOT', { ownerId: ballot.ownerId });
    if (isUniqueViolation(err, 'vote_ballot_paper_reference_uq')) throw new AppError('OWNERS_VOTE_DUPLICATE_PAPER', { paperReference: ballot.paperReference });
    throw err;
  }
  await appendAudit(tx, {
    actor: auditActor(caller),
    action: 'owners_vote.ballot_cast',
    targetType: 'owners_vote',
    targetId: vote.id,
    summary: { after: { ballotId: row.id, ownerId: ballot.ownerId, channel: ballot.channel, paperReference: ballot.paperReference, proxyId: ballot.proxyId } },
    requestId: caller.requestId,
    streetId: vote.street_id,
  });
  return { ballotId: row.id, ownerId: ballot.ownerId, channel: ballot.channel };
}
