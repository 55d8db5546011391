import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getCommunityInScope } from '../shared.js';
import { newCheckInSecret } from './check-in-token.js';
import type { ScheduleMeetingBody } from './schema.js';

/** Schedules a council, joint meeting, hearing or heart-to-heart in a community. */
export async function scheduleMeeting(db: Executor, options: Caller & z.infer<typeof ScheduleMeetingBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const community = await getCommunityInScope(tx, scope, options.communityId);
    const meeting = await tx
      .insertInto('meeting')
      .values({
        community_id: community.id,
        street_id: community.streetId,
        org_path: community.path,
        kind: options.kind,
        title: options.title,
        location: options.location,
        starts_at: options.startsAt,
        ends_at: options.endsAt ?? null,
        capacity: options.capacity,
        comment_opens_at: options.commentOpensAt ?? null,
        comment_closes_at: options.commentClosesAt ?? null,
        checkin_secret: newCheckInSecret(),
        created_by: options.actor.userId,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.scheduled',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: {
        after: { communityId: community.id, kind: options.kind, title: options.title, startsAt: options.startsAt.toISOString(), capacity: options.capacity },
      },
      requestId: options.requestId,
      streetId: community.streetId,
    });
    return { id: meeting.id, status: meeting.status };
  });
}
