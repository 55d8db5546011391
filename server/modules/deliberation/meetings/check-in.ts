import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { isGenuine, parseCheckInToken } from './check-in-token.js';

/**
 * Checks the caller in with a scanned check-in code. The signed code and the caller's own
 * registration or invitation are the authorization: an invited property company or department
 * checks in to a joint meeting without holding a role in the community.
 */
export async function checkIn(db: Executor, options: Caller & { token: string }) {
  const parsed = parseCheckInToken(options.token);
  if (!parsed) throw new AppError('CHECK_IN_TOKEN_INVALID');
  return inTransaction(db, async (tx) => {
    const meeting = await tx
      .selectFrom('meeting')
      .select(['id', 'status', 'street_id', 'checkin_secret'])
      .where('id', '=', parsed.meetingId)
      .executeTakeFirst();
    if (!meeting || !isGenuine(meeting.checkin_secret, parsed)) throw new AppError('CHECK_IN_TOKEN_INVALID');
    if (parsed.expiresAt.getTime() <= Date.now()) throw new AppError('CHECK_IN_TOKEN_EXPIRED', { expiresAt: parsed.expiresAt.toISOString() });
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    const userId = options.actor.userId;
    const [registration, invitation, attended] = await Promise.all([
      tx.selectFrom('meeting_registration').select('user_id').where('meeting_id', '=', meeting.id).where('user_id', '=', userId).executeTakeFirst(),
      tx.selectFrom('meeting_invitation').select('id').where('meeting_id', '=', meeting.id).where('user_id', '=', userId).executeTakeFirst(),
      tx.selectFrom('meeting_attendance').select('user_id').where('meeting_id', '=', meeting.id).where('user_id', '=', userId).executeTakeFirst(),
    ]);
    if (!registration && !invitation) throw new AppError('MEETING_NOT_REGISTERED');
    if (attended) throw new AppError('MEETING_ALREADY_CHECKED_IN');
    const row = await tx
      .insertInto('meeting_attendance')
      .values({ meeting_id: meeting.id, user_id: userId })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
      .returning('checked_in_at')
      .executeTakeFirst();
    if (!row) throw new AppError('MEETING_ALREADY_CHECKED_IN');
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.checked_in',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { userId, via: registration ? 'registration' : 'invitation' } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { meetingId: meeting.id, checkedInAt: row.checked_in_at };
  });
}
