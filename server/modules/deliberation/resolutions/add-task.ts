import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getResolutionInScope } from './repository.js';
import type { TaskBody } from './schema.js';

/** Breaks an open resolution down into a tracked task (落实推进). */
export async function addTask(db: Executor, options: Caller & { resolutionId: number } & z.infer<typeof TaskBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const resolution = await getResolutionInScope(tx, scope, options.resolutionId, true);
    if (resolution.status === 'done') throw new AppError('RESOLUTION_DONE');
    const task = await tx
      .insertInto('resolution_task')
      .values({ resolution_id: resolution.id, title: options.title, assignee_name: options.assigneeName, due_date: options.dueDate ?? null })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'resolution.task_added',
      targetType: 'resolution',
      targetId: resolution.id,
      summary: { after: { taskId: task.id, title: options.title, assigneeName: options.assigneeName, dueDate: options.dueDate ?? null } },
      requestId: options.requestId,
      streetId: resolution.street_id,
    });
    return { id: task.id, status: task.status };
  });
}
