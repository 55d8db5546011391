import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { checkInUrl, signCheckInToken } from './check-in-token.js';
import { getMeetingInScope } from './repository.js';

/** Issues the meeting's check-in code: a signed token that expires, and the URL its QR code shows. */
export async function issueCheckInCode(db: Executor, options: Caller & { meetingId: number; ttlMinutes: number }) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + options.ttlMinutes * 60_000);
    const token = signCheckInToken(meeting.checkin_secret, meeting.id, expiresAt);
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.check_in_code_issued',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { expiresAt: expiresAt.toISOString() } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { token, url: checkInUrl(token), expiresAt };
  });
}
