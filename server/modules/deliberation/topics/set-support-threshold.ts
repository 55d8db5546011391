import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getCommunityInScope } from '../shared.js';
import { supportThreshold } from './repository.js';

/** Sets how many supporters a resident's topic needs in a community before it goes to vetting. */
export async function setSupportThreshold(db: Executor, options: Caller & { communityId: number; supportThreshold: number }) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const community = await getCommunityInScope(tx, scope, options.communityId);
    const before = await supportThreshold(tx, community.id);
    await tx
      .insertInto('deliberation_setting')
      .values({
        community_id: community.id,
        street_id: community.streetId,
        org_path: community.path,
        support_threshold: options.supportThreshold,
        updated_by: options.actor.userId,
      })
      .onConflict((oc) =>
        oc.column('community_id').doUpdateSet({ support_threshold: options.supportThreshold, updated_by: options.actor.userId, updated_at: new Date() }),
      )
      .execute();
    // A lower threshold sends the topics that already reach it to vetting.
    const promoted = await tx
      .updateTable('topic')
      .set({ status: 'vetting', updated_at: new Date() })
      .where('community_id', '=', community.id)
      .where('status', '=', 'collecting')
      .where('support_count', '>=', options.supportThreshold)
      .returning('id')
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'deliberation.threshold_set',
      targetType: 'org_node',
      targetId: community.id,
      summary: { before: { supportThreshold: before }, after: { supportThreshold: options.supportThreshold, toVetting: promoted.map((t) => t.id) } },
      requestId: options.requestId,
      streetId: community.streetId,
    });
    return { communityId: community.id, supportThreshold: options.supportThreshold };
  });
}
