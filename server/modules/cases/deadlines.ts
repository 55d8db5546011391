import type { DeadlineJobKind } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';

/** Share of a limit after which the handler is reminded. */
export const REMINDER_AT = 0.8;

/**
 * Plans the time-driven work for a deadline: a reminder at 80% of the limit and overdue marking
 * at the due time. Jobs carry the due time they were planned for, so when a case's due time
 * changes, the old jobs are recognised as stale by the scheduler.
 */
export async function scheduleDeadline(
  tx: Executor,
  options: { caseId: number; from: Date; dueAt: Date; kinds: { reminder: DeadlineJobKind; overdue: DeadlineJobKind } },
): Promise<void> {
  const span = options.dueAt.getTime() - options.from.getTime();
  const remindAt = new Date(options.from.getTime() + span * REMINDER_AT);
  await tx
    .insertInto('case_deadline_job')
    .values([
      { case_id: options.caseId, kind: options.kinds.reminder, run_at: remindAt, due_at: options.dueAt },
      { case_id: options.caseId, kind: options.kinds.overdue, run_at: options.dueAt, due_at: options.dueAt },
    ])
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_at']).doNothing())
    .execute();
}
