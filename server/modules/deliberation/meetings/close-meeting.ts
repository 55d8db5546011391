import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getMeetingInScope } from './repository.js';

/**
 * Closes a meeting. Minutes come first (MEETING_MINUTES_REQUIRED); the accepted topics on its
 * agenda are then deliberated and wait for their resolutions to be carried out.
 */
export async function closeMeeting(db: Executor, options: Caller & { meetingId: number }) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId, true);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    if (meeting.minutes === null) throw new AppError('MEETING_MINUTES_REQUIRED');
    const closedAt = new Date();
    await tx.updateTable('meeting').set({ status: 'closed', closed_at: closedAt }).where('id', '=', meeting.id).execute();
    const deliberated = await tx
      .updateTable('topic')
      .set({ status: 'deliberated', updated_at: closedAt })
      .where('status', '=', 'accepted')
      .where('id', 'in', (eb) =>
        eb.selectFrom('meeting_agenda_item').select('topic_id').where('meeting_id', '=', meeting.id).where('topic_id', 'is not', null),
      )
      .returning('id')
      .execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.closed',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { before: { status: meeting.status }, after: { status: 'closed', deliberatedTopics: deliberated.map((t) => t.id) } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { id: meeting.id, status: 'closed' as const, closedAt, deliberatedTopicIds: deliberated.map((t) => t.id) };
  });
}
