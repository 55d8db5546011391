import type { z } from 'zod';
import type { Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { communityScope, residentOf } from '../shared.js';
import { assertAcceptsBallots, insertBallot, ownerOnRoll } from './ballots.js';
import { getVoteInScope } from './repository.js';
import type { BallotBody } from './schema.js';

/**
 * An online ballot by a resident: for themselves when they are an owner on the roll, or for
 * another owner whose recorded proxy authorization names them.
 */
export async function castBallot(db: Executor, options: Caller & { voteId: number } & z.infer<typeof BallotBody>) {
  const scope = communityScope(options.actor, 'vote.cast');
  const residentId = residentOf(options.actor);
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'share');
    assertAcceptsBallots(vote);
    const own = await tx.selectFrom('vote_owner').select('id').where('vote_id', '=', vote.id).where('resident_id', '=', residentId).executeTakeFirst();
    let ownerId: number;
    let proxyId: number | null = null;
    if (options.ownerId === undefined || options.ownerId === own?.id) {
      if (!own) throw new AppError('OWNERS_VOTE_NOT_ELIGIBLE');
      ownerId = own.id;
    } else {
      const owner = await ownerOnRoll(tx, vote.id, options.ownerId);
      const proxy = await tx
        .selectFrom('vote_proxy')
        .select('id')
        .where('vote_id', '=', vote.id)
        .where('owner_id', '=', owner.id)
        .where('proxy_resident_id', '=', residentId)
        .executeTakeFirst();
      if (!proxy) throw new AppError('OWNERS_VOTE_PROXY_UNAUTHORIZED', { ownerId: owner.id });
      ownerId = owner.id;
      proxyId = proxy.id;
    }
    return insertBallot(tx, options, { vote, ownerId, choice: options.choice, channel: 'online', paperReference: null, proxyId });
  });
}
