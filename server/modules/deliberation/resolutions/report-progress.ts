import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getResolutionInScope, resolutionOfTask } from './repository.js';
import type { ProgressBody } from './schema.js';

/**
 * Adds a progress note (with evidence) to a task and moves it on. The resolution row is locked
 * first, so when two last tasks finish at once exactly one of them sees every task done and
 * marks the resolution done.
 */
export async function reportProgress(db: Executor, options: Caller & { taskId: number } & z.infer<typeof ProgressBody>) {
  const scope = scopeFor(options.actor, 'deliberation.manage');
  return inTransaction(db, async (tx) => {
    const resolution = await getResolutionInScope(tx, scope, await resolutionOfTask(tx, scope, options.taskId), true);
    const task = await tx.selectFrom('resolution_task').selectAll().where('id', '=', options.taskId).forUpdate().executeTakeFirstOrThrow();
    if (task.status === 'done') throw new AppError('TASK_DONE');
    const now = new Date();
    const status = options.status ?? (task.status === 'open' ? 'in_progress' : task.status);
    await tx
      .insertInto('resolution_task_note')
      .values({
        task_id: task.id,
        author_id: options.actor.userId,
        author_name: options.actor.displayName,
        note: options.note,
        evidence: options.evidence ?? null,
        status_after: status,
      })
      .execute();
    await tx.updateTable('resolution_task').set({ status, done_at: status === 'done' ? now : null }).where('id', '=', task.id).execute();
    let resolutionStatus = resolution.status;
    if (status === 'done') {
      const unfinished = await tx
        .selectFrom('resolution_task')
        .select('id')
        .where('resolution_id', '=', resolution.id)
        .where('status', '<>', 'done')
        .limit(1)
        .executeTakeFirst();
      if (!unfinished) {
        await tx.updateTable('resolution').set({ status: 'done', done_at: now }).where('id', '=', resolution.id).execute();
        resolutionStatus = 'done';
      }
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'resolution.task_progress',
      targetType: 'resolution',
      targetId: resolution.id,
      summary: {
        before: { taskId: task.id, status: task.status, resolutionStatus: resolution.status },
        after: { taskId: task.id, status, resolutionStatus, evidence: options.evidence ?? null },
      },
      requestId: options.requestId,
      streetId: resolution.street_id,
    });
    return { taskId: task.id, taskStatus: status, resolutionId: resolution.id, resolutionStatus };
  });
}
