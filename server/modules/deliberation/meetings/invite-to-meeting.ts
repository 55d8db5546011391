import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getMeetingInScope } from './repository.js';
import type { InvitationBody } from './schema.js';

/**
 * Invites a party to a meeting — for a joint meeting the Party committee, the residents'
 * committee, the owners' committee and the property company. An invited user may check in
 * without registering.
 */
export async function inviteToMeeting(db: Executor, options: Caller & { meetingId: number } & z.infer<typeof InvitationBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId, true);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    const missing = (field: string) => new AppError('VALIDATION_FAILED', [{ path: `body.${field}`, message: 'not found' }]);
    if (options.userId !== undefined) {
      if (!(await tx.selectFrom('app_user').select('id').where('id', '=', options.userId).executeTakeFirst())) throw missing('userId');
      const invited = await tx
        .selectFrom('meeting_invitation')
        .select('id')
        .where('meeting_id', '=', meeting.id)
        .where('user_id', '=', options.userId)
        .executeTakeFirst();
      if (invited) throw new AppError('CONFLICT', { reason: 'already invited', invitationId: invited.id });
    }
    if (options.organisationId !== undefined && !(await tx.selectFrom('organisation').select('id').where('id', '=', options.organisationId).executeTakeFirst())) {
      throw missing('organisationId');
    }
    if (options.partyOrgId !== undefined && !(await tx.selectFrom('party_org').select('id').where('id', '=', options.partyOrgId).executeTakeFirst())) {
      throw missing('partyOrgId');
    }
    const invitation = await tx
      .insertInto('meeting_invitation')
      .values({
        meeting_id: meeting.id,
        name: options.name,
        capacity_as: options.capacityAs ?? null,
        user_id: options.userId ?? null,
        organisation_id: options.organisationId ?? null,
        party_org_id: options.partyOrgId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.invited',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { invitationId: invitation.id, name: options.name, userId: options.userId ?? null, organisationId: options.organisationId ?? null } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { id: invitation.id };
  });
}
