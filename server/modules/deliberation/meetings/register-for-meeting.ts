import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { communityScope } from '../shared.js';
import { getMeetingInScope } from './repository.js';

/**
 * Registers the caller for a meeting. The seat is taken by one conditional update
 * (`registered_count < capacity`), which PostgreSQL applies row by row under the row lock, so
 * concurrent registrations never exceed the capacity; a CHECK constraint backs it up.
 */
export async function registerForMeeting(db: Executor, options: Caller & { meetingId: number }) {
  const scope = communityScope(options.actor, 'deliberation.participate');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    const registered = await tx
      .selectFrom('meeting_registration')
      .select('user_id')
      .where('meeting_id', '=', meeting.id)
      .where('user_id', '=', options.actor.userId)
      .executeTakeFirst();
    if (registered) throw new AppError('MEETING_ALREADY_REGISTERED');
    const seat = await tx
      .updateTable('meeting')
      .set((eb) => ({ registered_count: eb('registered_count', '+', 1) }))
      .where('id', '=', meeting.id)
      .where('status', '=', 'scheduled')
      .whereRef('registered_count', '<', 'capacity')
      .returning('registered_count')
      .executeTakeFirst();
    if (!seat) {
      const now = await tx.selectFrom('meeting').select('status').where('id', '=', meeting.id).executeTakeFirstOrThrow();
      throw now.status === 'scheduled' ? new AppError('MEETING_FULL', { capacity: meeting.capacity }) : new AppError('MEETING_CLOSED');
    }
    // The row lock taken by the update also serialises two registrations of the same user.
    const again = await tx
      .selectFrom('meeting_registration')
      .select('user_id')
      .where('meeting_id', '=', meeting.id)
      .where('user_id', '=', options.actor.userId)
      .executeTakeFirst();
    if (again) throw new AppError('MEETING_ALREADY_REGISTERED');
    await tx.insertInto('meeting_registration').values({ meeting_id: meeting.id, user_id: options.actor.userId }).execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.registered',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { userId: options.actor.userId, registeredCount: seat.registered_count } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { registeredCount: seat.registered_count, capacity: meeting.capacity };
  });
}
