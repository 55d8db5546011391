import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getTopicInScope } from '../topics/repository.js';
import { getMeetingInScope } from './repository.js';
import type { AgendaItemBody } from './schema.js';

/** Puts an item on a scheduled meeting's agenda: a topic the Party organisation accepted, or a free item. */
export async function addAgendaItem(db: Executor, options: Caller & { meetingId: number } & z.infer<typeof AgendaItemBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const meeting = await getMeetingInScope(tx, scope, options.meetingId, true);
    if (meeting.status !== 'scheduled') throw new AppError('MEETING_CLOSED');
    let title = options.title;
    if (options.topicId !== undefined) {
      const topic = await getTopicInScope(tx, scope, options.topicId);
      if (topic.community_id !== meeting.community_id) throw new AppError('TOPIC_NOT_FOUND', { id: options.topicId });
      if (topic.status !== 'accepted') throw new AppError('TOPIC_NOT_ACCEPTED', { status: topic.status });
      const listed = await tx
        .selectFrom('meeting_agenda_item')
        .select('id')
        .where('meeting_id', '=', meeting.id)
        .where('topic_id', '=', topic.id)
        .executeTakeFirst();
      if (listed) throw new AppError('CONFLICT', { reason: 'the topic is already on this agenda', agendaItemId: listed.id });
      title ??= topic.title;
    }
    const last = await tx
      .selectFrom('meeting_agenda_item')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meeting_id', '=', meeting.id)
      .executeTakeFirst();
    const position = (last?.position ?? 0) + 1;
    const item = await tx
      .insertInto('meeting_agenda_item')
      .values({ meeting_id: meeting.id, position, topic_id: options.topicId ?? null, title: title! })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'meeting.agenda_item_added',
      targetType: 'meeting',
      targetId: meeting.id,
      summary: { after: { agendaItemId: item.id, position, topicId: options.topicId ?? null, title } },
      requestId: options.requestId,
      streetId: meeting.street_id,
    });
    return { id: item.id, position, topicId: options.topicId ?? null, title: title! };
  });
}
