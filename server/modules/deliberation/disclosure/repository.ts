import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';

const PUBLIC_TOPIC_STATUSES = ['accepted', 'merged', 'declined', 'deliberated', 'concluded'] as const;

/**
 * The public disclosure (公示) of a community: vetted topics (with the reasons for declining),
 * resolutions and how far they are carried out, outcomes, and the results of closed owners'
 * votes. Never a person: no proposer, supporter, owner, attendee or resolution owner is named.
 */
export async function communityDisclosure(db: Executor, communityId: number) {
  const community = await db.selectFrom('org_node').select(['id', 'name']).where('id', '=', communityId).where('kind', '=', 'community').executeTakeFirst();
  if (!community) throw new AppError('ORG_NODE_NOT_FOUND', { id: communityId });
  const [topics, resolutions, votes] = await Promise.all([
    db
      .selectFrom('topic')
      .select([
        'id',
        'title',
        'description',
        'source',
        'status',
        'support_count as supportCount',
        'merged_into_id as mergedIntoId',
        'decline_reason as declineReason',
        'vetted_at as vettedAt',
        'feedback',
        'feedback_at as feedbackAt',
      ])
      .where('community_id', '=', community.id)
      .where('status', 'in', PUBLIC_TOPIC_STATUSES)
      .orderBy('vetted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('resolution as r')
      .innerJoin('meeting as m', 'm.id', 'r.meeting_id')
      .select([
        'r.id',
        'r.topic_id as topicId',
        'm.kind as meetingKind',
        'm.title as meetingTitle',
        'm.starts_at as meetingStartsAt',
        'r.title',
        'r.content',
        'r.due_date as dueDate',
        'r.status',
        'r.done_at as doneAt',
        (eb) => eb.selectFrom('resolution_task as t').whereRef('t.resolution_id', '=', 'r.id').select(sql<number>`count(*)::int`.as('n')).as('tasksTotal'),
        (eb) =>
          eb
            .selectFrom('resolution_task as t')
            .whereRef('t.resolution_id', '=', 'r.id')
            .where('t.status', '=', 'done')
            .select(sql<number>`count(*)::int`.as('n'))
            .as('tasksDone'),
      ])
      .where('r.community_id', '=', community.id)
      .orderBy('r.id', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('owners_vote as v')
      .innerJoin('estate as e', 'e.id', 'v.estate_id')
      .select(['v.id', 'e.name as estateName', 'v.title', 'v.matter', 'v.rule', 'v.closed_at as closedAt', 'v.result'])
      .where('v.community_id', '=', community.id)
      .where('v.status', '=', 'closed')
      .orderBy('v.closed_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    community,
    topics,
    resolutions: resolutions.map((r) => ({ ...r, tasksTotal: r.tasksTotal ?? 0, tasksDone: r.tasksDone ?? 0 })),
    ownersVotes: votes.map((v) => ({ ...v, closedAt: v.closedAt!, result: v.result as never })),
  };
}
