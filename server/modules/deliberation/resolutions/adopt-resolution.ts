import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getMeetingInScope } from '../meetings/repository.js';
import type { ResolutionBody } from './schema.js';

/** Records a resolution (决议) of a meeting that has not closed, on one of its agenda topics or on its own. */
export async function adoptResolution(db: Executor, options: Caller & { meetingId: number } & z.infer<typeof ResolutionBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId, true);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    if (options.topicId !== undefined) {
      const onAgenda = await tx
        .selectFrom('meeting_agenda_item')
        .select('id')
        .where('meeting_id', '=', meeting.id)
        .where('topic_id', '=', options.topicId)
        .executeTakeFirst();
      if (!onAgenda) throw new AppError('VALIDATION_FAILED', [{ path: 'body.topicId', message: 'the topic is not on this meeting\'s agenda' }]);
    }
    if (options.ownerUserId !== undefined && !(await tx.selectFrom('app_user').select('id').where('id', '=', options.ownerUserId).executeTakeFirst())) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.ownerUserId', message: 'not found' }]);
    }
    const resolution = await tx
      .insertInto('resolution')
      .values({
        meeting_id: meeting.id,
        topic_id: options.topicId ?? null,
        community_id: meeting.community_id,
        street_id: meeting.street_id,
        org_path: meeting.org_path,
        title: options.title,
        content: options.content,
        owner_name: options.ownerName,
        owner_user_id: options.ownerUserId ?? null,
        due_date: options.dueDate,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'resolution.adopted',
      targetType: 'resolution',
      targetId: resolution.id,
      summary: { after: { meetingId: meeting.id, topicId: options.topicId ?? null, title: options.title, ownerName: options.ownerName, dueDate: options.dueDate } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { id: resolution.id, status: resolution.status };
  });
}
