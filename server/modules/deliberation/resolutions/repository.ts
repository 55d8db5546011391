import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';

/** One resolution in scope (locked for update when asked), or RESOLUTION_NOT_FOUND. */
export async function getResolutionInScope(db: Executor, scope: Scope, id: number, forUpdate = false) {
  let query = db.selectFrom('resolution').selectAll().where('id', '=', id).where(inScope('org_path', scope));
  if (forUpdate) query = query.forUpdate();
  const resolution = await query.executeTakeFirst();
  if (!resolution) throw new AppError('RESOLUTION_NOT_FOUND', { id });
  return resolution;
}

/** The resolution a task belongs to, if the task is in scope; or TASK_NOT_FOUND. */
export async function resolutionOfTask(db: Executor, scope: Scope, taskId: number): Promise<number> {
  const row = await db
    .selectFrom('resolution_task as t')
    .innerJoin('resolution as r', 'r.id', 't.resolution_id')
    .select('r.id')
    .where('t.id', '=', taskId)
    .where(inScope('r.org_path', scope))
    .executeTakeFirst();
  if (!row) throw new AppError('TASK_NOT_FOUND', { id: taskId });
  return row.id;
}

export async function resolutionDetail(db: Executor, scope: Scope, id: number) {
  const r = await getResolutionInScope(db, scope, id);
  const [tasks, notes] = await Promise.all([
    db
      .selectFrom('resolution_task')
      .select(['id', 'title', 'assignee_name as assigneeName', 'due_date as dueDate', 'status', 'done_at as doneAt'])
      .where('resolution_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('resolution_task_note as n')
      .innerJoin('resolution_task as t', 't.id', 'n.task_id')
      .select(['n.id', 'n.task_id as taskId', 'n.author_name as authorName', 'n.note', 'n.evidence', 'n.status_after as statusAfter', 'n.created_at as createdAt'])
      .where('t.resolution_id', '=', id)
      .orderBy('n.id')
      .execute(),
  ]);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    topicId: r.topic_id,
    communityId: r.community_id,
    title: r.title,
    content: r.content,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    status: r.status,
    doneAt: r.done_at,
    tasks: tasks.map((t) => ({ ...t, notes: notes.filter((n) => n.taskId === t.id).map(({ taskId: _, ...n }) => n) })),
  };
}
