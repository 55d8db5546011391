import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { assertAcceptsBallots, ownerOnRoll } from './ballots.js';
import { getVoteInScope } from './repository.js';
import type { ProxyBody } from './schema.js';

/** Records an owner's written authorization (委托书) of a proxy for this vote: its reference and who may vote. */
export async function recordProxy(db: Executor, options: Caller & { voteId: number } & z.infer<typeof ProxyBody>) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const vote = await getVoteInScope(tx, scope, options.voteId, 'share');
    assertAcceptsBallots(vote);
    const owner = await ownerOnRoll(tx, vote.id, options.ownerId);
    const existing = await tx.selectFrom('vote_proxy').select('id').where('vote_id', '=', vote.id).where('owner_id', '=', owner.id).executeTakeFirst();
    if (existing) throw new AppError('OWNERS_VOTE_PROXY_EXISTS', { proxyId: existing.id });
    if (options.proxyResidentId !== undefined && !(await tx.selectFrom('resident').select('id').where('id', '=', options.proxyResidentId).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.proxyResidentId', message: 'not found' }]);
    }
    const proxy = await tx
      .insertInto('vote_proxy')
      .values({
        vote_id: vote.id,
        owner_id: owner.id,
        proxy_name: options.proxyName,
        proxy_resident_id: options.proxyResidentId ?? null,
        authorization_ref: options.authorizationRef,
        recorded_by: options.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'owners_vote.proxy_recorded',
      targetType: 'owners_vote',
      targetId: vote.id,
      summary: { after: { proxyId: proxy.id, ownerId: owner.id, proxyName: options.proxyName, authorizationRef: options.authorizationRef } },
      requestId: options.requestId,
      streetId: vote.street_id,
    });
    return { id: proxy.id, ownerId: owner.id };
  });
}
