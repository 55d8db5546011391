import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getTopicInScope, openResolutionCount } from './repository.js';

/**
 * Tells residents the outcome (反馈信息) of a deliberated topic once every resolution on it is done:
 * the feedback is shown on the topic and the public disclosure, and an outcome row waits for the
 * notification outbox.
 */
export async function recordOutcome(db: Executor, options: Caller & { topicId: number; feedback: string }) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const topic = await getTopicInScope(tx, scope, options.topicId, true);
    if (topic.status !== 'deliberated') throw new AppError('TOPIC_NOT_DELIBERATED', { status: topic.status });
    const open = await openResolutionCount(tx, topic.id);
    if (open > 0) throw new AppError('TOPIC_RESOLUTIONS_OPEN', { open });
    const now = new Date();
    await tx
      .updateTable('topic')
      .set({ status: 'concluded', feedback: options.feedback, feedback_at: now, updated_at: now })
      .where('id', '=', topic.id)
      .execute();
    const outcome = await tx
      .insertInto('deliberation_outcome')
      .values({ topic_id: topic.id, street_id: topic.street_id, feedback: options.feedback, recorded_by: options.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'topic.concluded',
      targetType: 'topic',
      targetId: topic.id,
      summary: { before: { status: topic.status }, after: { status: 'concluded', outcomeId: outcome.id, feedback: options.feedback } },
      requestId: options.requestId,
      streetId: topic.street_id,
    });
    return { id: topic.id, status: 'concluded' as const, outcomeId: outcome.id };
  });
}
