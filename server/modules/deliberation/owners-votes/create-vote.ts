import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getEstateInScope, householdsOutsideEstate } from './repository.js';
import type { CreateVoteBody } from './schema.js';
import { ruleFor } from './tally.js';

/** Drafts an owners' vote on one matter of Civil Code art. 278 for an estate; the rule follows from the matter. */
export async function createVote(db: Executor, options: Caller & z.infer<typeof CreateVoteBody>) {
  const scope = scopeFor(options.actor, 'vote.manage');
  return inTransaction(db, async (tx) => {
    const estate = await getEstateInScope(tx, scope, options.estateId);
    const developerIds = [...new Set(options.developerHouseholdIds)];
    const outside = await householdsOutsideEstate(tx, estate.id, developerIds);
    if (outside.length) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.developerHouseholdIds', message: `not units of this estate: ${outside.slice(0, 20).join(', ')}` }]);
    }
    const rule = ruleFor(options.matter);
    const vote = await tx
      .insertInto('owners_vote')
      .values({
        estate_id: estate.id,
        community_id: estate.community_id,
        street_id: estate.street_id,
        org_path: estate.org_path,
        title: options.title,
        description: options.description,
        matter: options.matter,
        rule,
        closes_at: options.closesAt ?? null,
        created_by: options.actor.userId,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    for (let i = 0; i < developerIds.length; i += 1000) {
      await tx
        .insertInto('vote_developer_unit')
        .values(developerIds.slice(i, i + 1000).map((household_id) => ({ vote_id: vote.id, household_id })))
        .execute();
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'owners_vote.created',
      targetType: 'owners_vote',
      targetId: vote.id,
      summary: { after: { estateId: estate.id, title: options.title, matter: options.matter, rule, developerHouseholdIds: developerIds } },
      requestId: options.requestId,
      streetId: estate.street_id,
    });
    return { id: vote.id, status: vote.status, rule };
  });
}
