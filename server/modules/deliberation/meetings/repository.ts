import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';

/** One meeting in scope (locked for update when asked), or MEETING_NOT_FOUND. */
export async function getMeetingInScope(db: Executor, scope: Scope, id: number, forUpdate = false) {
  let query = db.selectFrom('meeting').selectAll().where('id', '=', id).where(inScope('org_path', scope));
  if (forUpdate) query = query.forUpdate();
  const meeting = await query.executeTakeFirst();
  if (!meeting) throw new AppError('MEETING_NOT_FOUND', { id });
  return meeting;
}

const summaryColumns = [
  'm.id',
  'm.community_id as communityId',
  'm.kind',
  'm.title',
  'm.location',
  'm.starts_at as startsAt',
  'm.ends_at as endsAt',
  'm.capacity',
  'm.registered_count as registeredCount',
  'm.comment_opens_at as commentOpensAt',
  'm.comment_closes_at as commentClosesAt',
  'm.status',
] as const;

export async function listMeetings(db: Executor, scope: Scope, communityId?: number) {
  let query = db.selectFrom('meeting as m').select(summaryColumns).where(inScope('m.org_path', scope));
  if (communityId) query = query.where('m.community_id', '=', communityId);
  return query.orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc').limit(500).execute();
}

export async function meetingDetail(db: Executor, scope: Scope, viewerId: number, id: number) {
  const meeting = await db
    .selectFrom('meeting as m')
    .select([
      ...summaryColumns,
      'm.minutes',
      'm.minutes_at as minutesAt',
      'm.closed_at as closedAt',
      (eb) => eb.selectFrom('meeting_attendance as a').whereRef('a.meeting_id', '=', 'm.id').select(sql<number>`count(*)::int`.as('n')).as('attendanceCount'),
      (eb) => eb.exists(eb.selectFrom('meeting_registration as r').select('r.user_id').whereRef('r.meeting_id', '=', 'm.id').where('r.user_id', '=', viewerId)).$castTo<boolean>().as('registeredByMe'),
      (eb) => eb.exists(eb.selectFrom('meeting_attendance as a').select('a.user_id').whereRef('a.meeting_id', '=', 'm.id').where('a.user_id', '=', viewerId)).$castTo<boolean>().as('checkedInByMe'),
    ])
    .where('m.id', '=', id)
    .where(inScope('m.org_path', scope))
    .executeTakeFirst();
  if (!meeting) throw new AppError('MEETING_NOT_FOUND', { id });
  const [agenda, invitations, comments, resolutions] = await Promise.all([
    db.selectFrom('meeting_agenda_item').select(['id', 'position', 'topic_id as topicId', 'title']).where('meeting_id', '=', id).orderBy('position').execute(),
    db.selectFrom('meeting_invitation').select(['id', 'name', 'capacity_as as capacityAs']).where('meeting_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('meeting_comment')
      .select(['id', 'body', 'created_at as createdAt', sql<boolean>`user_id = ${viewerId}`.as('mine')])
      .where('meeting_id', '=', id)
      .orderBy('created_at')
      .limit(1000)
      .execute(),
    db
      .selectFrom('resolution')
      .select(['id', 'title', 'owner_name as ownerName', 'due_date as dueDate', 'status'])
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { ...meeting, attendanceCount: meeting.attendanceCount ?? 0, agenda, invitations, comments, resolutions };
}
