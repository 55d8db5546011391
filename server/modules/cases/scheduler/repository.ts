import type { Selectable } from 'kysely';
import type { CaseDeadlineJobTable, CaseSupervisionTable } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { CaseRow } from '../repository.js';

export type DeadlineJobRow = Selectable<CaseDeadlineJobTable>;

/**
 * Claims the next due job for the caller's transaction. SKIP LOCKED passes over jobs another
 * process holds, so any number of processes can work the same table without taking a job twice;
 * the row stays locked until the transaction that processes it commits.
 */
export async function claimDueJob(tx: Executor, now: Date): Promise<DeadlineJobRow | undefined> {
  return tx
    .selectFrom('case_deadline_job')
    .selectAll()
    .where('done_at', 'is', null)
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** The job's case, locked so that a transition running at the same time waits for the job (and vice versa). */
export async function lockCase(tx: Executor, caseId: number): Promise<CaseRow> {
  return tx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
}

export async function finishJob(tx: Executor, jobId: number, outcome: string, at: Date): Promise<void> {
  await tx.updateTable('case_deadline_job').set({ done_at: at, outcome }).where('id', '=', jobId).execute();
}

/** An escalation ladder is one job per deadline that runs again at the next step until the top. */
export async function rearmJob(tx: Executor, jobId: number, outcome: string, runAt: Date): Promise<void> {
  await tx.updateTable('case_deadline_job').set({ run_at: runAt, outcome }).where('id', '=', jobId).execute();
}

/** Plans the escalation ladder of a deadline; planning twice is harmless. */
export async function planEscalation(tx: Executor, options: { caseId: number; dueAt: Date; runAt: Date }): Promise<void> {
  await tx
    .insertInto('case_deadline_job')
    .values({ case_id: options.caseId, kind: 'escalate', run_at: options.runAt, due_at: options.dueAt })
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'due_at']).doNothing())
    .execute();
}

/**
 * A failed attempt: counted and retried later, or after `maxAttempts` closed as failed with the
 * error kept (the job is never silently dropped). Runs in the claiming transaction, after the
 * job's own work was rolled back to its savepoint.
 */
export async function recordJobFailure(
  db: Executor,
  options: { jobId: number; error: string; retryAt: (attempts: number) => Date; now: Date; maxAttempts: number },
): Promise<void> {
  const job = await db.selectFrom('case_deadline_job').select('attempts').where('id', '=', options.jobId).where('done_at', 'is', null).executeTakeFirst();
  if (!job) return;
  const attempts = job.attempts + 1;
  const giveUp = attempts >= options.maxAttempts;
  await db
    .updateTable('case_deadline_job')
    .set({
      attempts,
      ...(giveUp ? { done_at: options.now, outcome: `failed: ${options.error}`.slice(0, 500) } : { run_at: options.retryAt(attempts) }),
    })
    .where('id', '=', options.jobId)
    .where('done_at', 'is', null)
    .execute();
}

export async function insertSupervision(
  tx: Executor,
  row: Pick<Selectable<CaseSupervisionTable>, 'case_id' | 'level' | 'kind' | 'org_node_id' | 'by_user_id' | 'note'> & { at: Date },
): Promise<void> {
  await tx.insertInto('case_supervision').values(row).execute();
}

/** Flags the case overdue; true only for the call that changed it, so counters move once. */
export async function markOverdue(tx: Executor, c: CaseRow, at: Date): Promise<boolean> {
  const changed = await tx
    .updateTable('cases')
    .set({ overdue: true, version: c.version + 1, updated_at: at })
    .where('id', '=', c.id)
    .where('overdue', '=', false)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) > 0;
}

export async function raiseSupervisionLevel(tx: Executor, c: CaseRow, level: number, at: Date): Promise<void> {
  await tx.updateTable('cases').set({ supervision_level: level, version: c.version + 1, updated_at: at }).where('id', '=', c.id).execute();
}

/** Users holding `role` at exactly `nodeId`: the staff one level up the tree. */
export async function usersWithRoleAt(db: Executor, nodeId: number, role: 'community_staff' | 'street_admin'): Promise<number[]> {
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .where('r.org_node_id', '=', nodeId)
    .where('r.role', '=', role)
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function supervisionsOf(db: Executor, caseId: number) {
  return db.selectFrom('case_supervision').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
