import type { z } from 'zod';
import type { Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { assertAcceptsBallots, insertBallot, ownerOnRoll } from './ballots.js';
import { getVoteInScope } from './repository.js';
import type { PaperBallotBody } from './schema.js';

/** Staff enter a paper ballot with the paper's reference; a proxy's paper names its recorded authorization. */
export async function enterPaperBallot(db: Executor, options: Caller & { voteId: number } & z.infer<typeof PaperBallotBody>) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'share');
    assertAcceptsBallots(vote);
    const owner = await ownerOnRoll(tx, vote.id, options.ownerId);
    if (options.proxyId !== undefined) {
      const proxy = await tx
        .selectFrom('vote_proxy')
        .select('id')
        .where('id', '=', options.proxyId)
        .where('vote_id', '=', vote.id)
        .where('owner_id', '=', owner.id)
        .executeTakeFirst();
      if (!proxy) throw new AppError('OWNERS_VOTE_PROXY_UNAUTHORIZED', { ownerId: owner.id, proxyId: options.proxyId });
    }
    return insertBallot(tx, options, {
      vote,
      ownerId: owner.id,
      choice: options.choice,
      channel: 'paper',
      paperReference: options.paperReference,
      proxyId: options.proxyId ?? null,
    });
  });
}
