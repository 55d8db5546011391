import { appendAudit } from '../../../platform/audit/audit.js';
import { canonicalJson } from '../../../platform/audit/canonical-json.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { countVote } from './close-vote.js';
import { getVoteInScope } from './repository.js';

/** Recounts a closed vote from its ballots and says whether it reproduces the stored tally exactly. */
export async function recountVote(db: Executor, options: Caller & { voteId: number }) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'share');
    if (vote.status !== 'closed' || vote.result === null) throw new AppError('OWNERS_VOTE_RESULT_HIDDEN');
    const recomputed = await countVote(tx, vote);
    const matches = canonicalJson(recomputed) === canonicalJson(vote.result);
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'owners_vote.recounted',
      targetType: 'owners_vote',
      targetId: vote.id,
      summary: { after: { matches, outcome: recomputed.outcome, ballotsDigest: recomputed.ballotsDigest } },
      requestId: options.requestId,
      streetId: vote.street_id,
    });
    return { matches, stored: vote.result, recomputed };
  });
}
