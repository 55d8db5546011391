import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getMeetingInScope } from './repository.js';

/** Records (or corrects) the minutes (纪要) of a meeting that has not closed yet. */
export async function recordMinutes(db: Executor, options: Caller & { meetingId: number; minutes: string }) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId, true);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    const minutesAt = new Date();
    await tx.updateTable('meeting').set({ minutes: options.minutes, minutes_at: minutesAt }).where('id', '=', meeting.id).execute();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.minutes_recorded',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { before: { hadMinutes: meeting.minutes !== null }, after: { length: options.minutes.length } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { id: meeting.id, minutesAt };
  });
}
