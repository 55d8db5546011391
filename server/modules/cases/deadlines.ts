import type { DeadlineJobKind } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { insertRows } from '../../platform/db/insert-rows.js';

/** Share of a limit after which the handler is reminded. */
export const REMINDER_AT = 0.8;

/** A deadline to plan: the case, when its clock started, when it is due, and the job kinds. */
export interface DeadlinePlan {
  caseId: number;
  from: Date;
  dueAt: Date;
  kinds: { reminder: DeadlineJobKind; overdue: DeadlineJobKind };
}

/**
 * Plans the time-driven work for a deadline: a reminder at 80% of the limit and overdue marking
 * at the due time. Jobs carry the due time they were planned for, so when a case's due time
 * changes, the old jobs are recognised as stale by the scheduler.
 */
export async function scheduleDeadline(tx: Executor, plan: DeadlinePlan): Promise<void> {
  await scheduleDeadlinesQuery(tx, [plan]).execute();
}

/** The INSERT that schedules several deadlines, to run alone or with runTogether. */
export function scheduleDeadlinesQuery(tx: Executor, plans: readonly DeadlinePlan[]) {
  const jobs = plans.flatMap((p) => {
    const remindAt = new Date(p.from.getTime() + (p.dueAt.getTime() - p.from.getTime()) * REMINDER_AT);
    return [
      { case_id: p.caseId, kind: p.kinds.reminder, run_at: remindAt, due_at: p.dueAt },
      { case_id: p.caseId, kind: p.kinds.overdue, run_at: p.dueAt, due_at: p.dueAt },
    ];
  });
  return insertRows(tx, 'case_deadline_job', jobs).onConflict((oc) => oc.columns(['case_id', 'kind', 'due_at']).doNothing());
}
