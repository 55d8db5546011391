import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { roleHas, type Actor } from '../../../platform/permissions/scope.js';
import { communityPathOf, communityScope, getCommunityInScope, residentOf } from '../shared.js';
import { supportThreshold } from './repository.js';
import type { ProposeTopicBody } from './schema.js';

/** Whether the actor proposes as staff in this community (any non-resident role that may propose there). */
function proposesAsStaff(actor: Actor, communityPath: string): boolean {
  return actor.roles.some(
    (r) => r.role !== 'resident' && roleHas(r.role, 'deliberation.propose') && communityPath.startsWith(communityPathOf(r.path)),
  );
}

/**
 * Raises a topic (议题). A resident's topic collects support first — the proposer is its first
 * supporter — and goes to vetting at the community's threshold; a topic from staff or from a
 * case goes to vetting at once.
 */
export async function proposeTopic(db: Executor, options: Caller & z.infer<typeof ProposeTopicBody>) {
  const scope = communityScope(options.actor, 'deliberation.propose');
  return inTransaction(db, async (tx) => {
    const community = await getCommunityInScope(tx, scope, options.communityId);
    const staff = proposesAsStaff(options.actor, community.path);
    if (options.caseId !== undefined && !staff) throw new AppError('FORBIDDEN', { reason: 'only staff raise topics from cases' });
    const source = options.caseId !== undefined ? 'case' : staff ? 'staff' : 'resident';
    const residentId = source === 'resident' ? residentOf(options.actor) : options.actor.residentId;
    const threshold = await supportThreshold(tx, community.id);
    const supportCount = source === 'resident' ? 1 : 0;
    const status = source !== 'resident' || supportCount >= threshold ? 'vetting' : 'collecting';
    const topic = await tx
      .insertInto('topic')
      .values({
        community_id: community.id,
        street_id: community.streetId,
        org_path: community.path,
        source,
        case_id: options.caseId ?? null,
        title: options.title,
        description: options.description,
        proposer_id: options.actor.userId,
        proposer_resident_id: residentId,
        status,
        support_count: supportCount,
      })
      .returning(['id', 'status', 'support_count as supportCount'])
      .executeTakeFirstOrThrow();
    if (source === 'resident') {
      await tx.insertInto('topic_support').values({ topic_id: topic.id, resident_id: residentId!, user_id: options.actor.userId }).execute();
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'topic.proposed',
      targetType: 'topic',
      targetId: topic.id,
      summary: { after: { communityId: community.id, source, caseId: options.caseId ?? null, title: options.title, status } },
      requestId: options.requestId,
      streetId: community.streetId,
    });
    return { id: topic.id, status: topic.status, supportCount: topic.supportCount, supportThreshold: threshold };
  });
}
