import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { lockTopicsInScope } from './repository.js';
import type { VetTopicBody } from './schema.js';

const MERGEABLE_INTO = new Set(['vetting', 'accepted', 'deliberated']);

/**
 * The Party organisation vets a topic awaiting vetting: accept it, merge it into another topic of
 * the same community, or decline it with a reason the proposer and the public see.
 */
export async function vetTopic(db: Executor, options: Caller & { topicId: number; decision: z.infer<typeof VetTopicBody> }) {
  const scope = scopeFor(options.actor, 'deliberation.vet');
  const { decision } = options;
  return inTransaction(db, async (tx) => {
    const ids = decision.decision === 'merge' ? [options.topicId, decision.mergeIntoId] : [options.topicId];
    const locked = await lockTopicsInScope(tx, scope, ids);
    const topic = locked.get(options.topicId);
    if (!topic) throw new AppError('TOPIC_NOT_FOUND', { id: options.topicId });
    if (topic.status !== 'vetting') throw new AppError('TOPIC_NOT_AWAITING_VETTING', { status: topic.status });
    let change: { status: 'accepted' | 'merged' | 'declined'; merged_into_id: number | null; decline_reason: string | null; vet_note: string | null };
    switch (decision.decision) {
      case 'accept':
        change = { status: 'accepted', merged_into_id: null, decline_reason: null, vet_note: decision.note ?? null };
        break;
      case 'merge': {
        const target = locked.get(decision.mergeIntoId);
        if (!target) throw new AppError('TOPIC_NOT_FOUND', { id: decision.mergeIntoId });
        if (target.id === topic.id || target.community_id !== topic.community_id || !MERGEABLE_INTO.has(target.status)) {
          throw new AppError('TOPIC_MERGE_TARGET_INVALID', { mergeIntoId: target.id, status: target.status });
        }
        change = { status: 'merged', merged_into_id: target.id, decline_reason: null, vet_note: decision.note ?? null };
        break;
      }
      case 'decline':
        change = { status: 'declined', merged_into_id: null, decline_reason: decision.reason, vet_note: null };
        break;
    }
    const now = new Date();
    await tx
      .updateTable('topic')
      .set({ ...change, vetted_by: options.actor.userId, vetted_at: now, updated_at: now })
      .where('id', '=', topic.id)
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'topic.vetted',
      targetType: 'topic',
      targetId: topic.id,
      summary: {
        before: { status: topic.status },
        after: { status: change.status, mergedIntoId: change.merged_into_id, declineReason: change.decline_reason, note: change.vet_note },
      },
      requestId: options.requestId,
      streetId: topic.street_id,
    });
    return { id: topic.id, status: change.status };
  });
}
