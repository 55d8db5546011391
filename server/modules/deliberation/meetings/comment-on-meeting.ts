import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { communityScope } from '../shared.js';
import { getMeetingInScope } from './repository.js';

/** A comment from someone who cannot attend, accepted only while the meeting's comment window is open. */
export async function commentOnMeeting(db: Executor, options: Caller & { meetingId: number; body: string }) {
  const scope = communityScope(options.actor, 'deliberation.participate');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId);
    const now = new Date();
    const open = meeting.comment_opens_at !== null && meeting.comment_closes_at !== null && meeting.comment_opens_at <= now && now < meeting.comment_closes_at;
    if (!open || meeting.status !== 'scheduled') {
      throw new AppError('COMMENT_WINDOW_CLOSED', { opensAt: meeting.comment_opens_at?.toISOString() ?? null, closesAt: meeting.comment_closes_at?.toISOString() ?? null });
    }
    const comment = await tx
      .insertInto('meeting_comment')
      .values({ meeting_id: meeting.id, user_id: options.actor.userId, body: options.body })
      .returning(['id', 'created_at as createdAt'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.commented',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { commentId: comment.id } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return comment;
  });
}
