import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { TopicStatus } from '../../../platform/db/schema.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { communityScope, residentOf } from '../shared.js';
import { getTopicInScope, supportThreshold } from './repository.js';

/**
 * A resident supports (附议) a topic of their community, once. The topic row is locked, so
 * supports are counted one at a time and the one that reaches the threshold sends it to vetting.
 */
export async function supportTopic(db: Executor, options: Caller & { topicId: number }) {
  const scope = communityScope(options.actor, 'deliberation.participate');
  const residentId = residentOf(options.actor);
  return inTransaction(db, async (tx) => {
    const topic = await getTopicInScope(tx, scope, options.topicId, true);
    if (topic.status !== 'collecting') throw new AppError('TOPIC_NOT_COLLECTING', { status: topic.status });
    const already = await tx
      .selectFrom('topic_support')
      .select('topic_id')
      .where('topic_id', '=', topic.id)
      .where('resident_id', '=', residentId)
      .executeTakeFirst();
    if (already) throw new AppError('TOPIC_ALREADY_SUPPORTED');
    await tx.insertInto('topic_support').values({ topic_id: topic.id, resident_id: residentId, user_id: options.actor.userId }).execute();
    const threshold = await supportThreshold(tx, topic.community_id);
    const supportCount = topic.support_count + 1;
    const status: TopicStatus = supportCount >= threshold ? 'vetting' : 'collecting';
    await tx.updateTable('topic').set({ support_count: supportCount, status, updated_at: new Date() }).where('id', '=', topic.id).execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'topic.supported',
      targetType: 'topic',
      targetId: topic.id,
      summary: { after: { supportCount, supportThreshold: threshold, status } },
      requestId: options.requestId,
      streetId: topic.street_id,
    });
    return { supportCount, supportThreshold: threshold, status };
  });
}
