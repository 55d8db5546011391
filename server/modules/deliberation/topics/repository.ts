import { sql } from 'kysely';
import type { TopicStatus } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';

/** Supporters a resident's topic needs before it goes to vetting, unless the community sets its own. */
export const DEFAULT_SUPPORT_THRESHOLD = 10;

export async function supportThreshold(db: Executor, communityId: number): Promise<number> {
  const row = await db.selectFrom('deliberation_setting').select('support_threshold').where('community_id', '=', communityId).executeTakeFirst();
  return row?.support_threshold ?? DEFAULT_SUPPORT_THRESHOLD;
}

/** One topic in scope (locked for update when asked), or TOPIC_NOT_FOUND. */
export async function getTopicInScope(db: Executor, scope: Scope, id: number, forUpdate = false) {
  let query = db.selectFrom('topic').selectAll().where('id', '=', id).where(inScope('org_path', scope));
  if (forUpdate) query = query.forUpdate();
  const topic = await query.executeTakeFirst();
  if (!topic) throw new AppError('TOPIC_NOT_FOUND', { id });
  return topic;
}

/** Locks several topics in id order, so two transactions never wait on each other in a cycle. */
export async function lockTopicsInScope(db: Executor, scope: Scope, ids: number[]) {
  const rows = await db.selectFrom('topic').selectAll().where('id', 'in', ids).where(inScope('org_path', scope)).orderBy('id').forUpdate().execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function topicViewQuery(db: Executor, viewer: { userId: number; residentId: number | null }) {
  return db
    .selectFrom('topic as t')
    .leftJoin('deliberation_setting as s', 's.community_id', 't.community_id')
    .select([
      't.id',
      't.community_id as communityId',
      't.source',
      't.case_id as caseId',
      't.title',
      't.description',
      't.status',
      't.support_count as supportCount',
      sql<number>`coalesce(s.support_threshold, ${DEFAULT_SUPPORT_THRESHOLD})::int`.as('supportThreshold'),
      't.merged_into_id as mergedIntoId',
      't.decline_reason as declineReason',
      't.vet_note as vetNote',
      't.vetted_at as vettedAt',
      't.feedback',
      't.feedback_at as feedbackAt',
      't.created_at as createdAt',
      sql<boolean>`t.proposer_id = ${viewer.userId}`.as('mine'),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('topic_support as ts')
              .select('ts.topic_id')
              .whereRef('ts.topic_id', '=', 't.id')
              .where('ts.resident_id', '=', viewer.residentId ?? -1),
          )
          .$castTo<boolean>()
          .as('supportedByMe'),
    ]);
}

export async function listTopics(
  db: Executor,
  scope: Scope,
  viewer: { userId: number; residentId: number | null },
  filter: { communityId?: number | undefined; status?: TopicStatus | undefined; page: number; pageSize: number },
) {
  let query = topicViewQuery(db, viewer).where(inScope('t.org_path', scope));
  if (filter.communityId) query = query.where('t.community_id', '=', filter.communityId);
  if (filter.status) query = query.where('t.status', '=', filter.status);
  let count = db.selectFrom('topic as t').select(sql<number>`count(*)::int`.as('total')).where(inScope('t.org_path', scope));
  if (filter.communityId) count = count.where('t.community_id', '=', filter.communityId);
  if (filter.status) count = count.where('t.status', '=', filter.status);
  const [items, total] = await Promise.all([
    query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.total };
}

export async function topicDetail(db: Executor, scope: Scope, viewer: { userId: number; residentId: number | null }, id: number) {
  const topic = await topicViewQuery(db, viewer).where('t.id', '=', id).where(inScope('t.org_path', scope)).executeTakeFirst();
  if (!topic) throw new AppError('TOPIC_NOT_FOUND', { id });
  const [meetings, resolutions] = await Promise.all([
    db
      .selectFrom('meeting_agenda_item as a')
      .innerJoin('meeting as m', 'm.id', 'a.meeting_id')
      .select(['m.id', 'm.title', 'm.kind', 'm.starts_at as startsAt', 'm.status'])
      .where('a.topic_id', '=', id)
      .orderBy('m.starts_at')
      .execute(),
    db
      .selectFrom('resolution')
      .select(['id', 'title', 'status', 'due_date as dueDate', 'done_at as doneAt'])
      .where('topic_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { topic, meetings, resolutions };
}

export async function openResolutionCount(db: Executor, topicId: number): Promise<number> {
  const row = await db
    .selectFrom('resolution')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('topic_id', '=', topicId)
    .where('status', '<>', 'done')
    .executeTakeFirstOrThrow();
  return row.n;
}
