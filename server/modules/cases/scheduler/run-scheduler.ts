import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.js';
import { startLoop } from '../../../platform/notifications/background-loop.js';
import { retryDelayMs } from './job-rules.js';
import { processJob, type JobOutcome } from './process-job.js';
import { claimDueJob, recordJobFailure } from './repository.js';

export type SchedulerContext = Pick<AppContext, 'db' | 'config' | 'log'>;
export type SchedulerCounts = Record<JobOutcome, number> & { total: number };

/** After this many failed attempts a job is closed as failed, with its error kept. */
export const MAX_JOB_ATTEMPTS = 10;

const emptyCounts = (): SchedulerCounts => ({ reminded: 0, overdue: 0, escalated: 0, at_top: 0, stale: 0, superseded: 0, failed: 0, total: 0 });

/**
 * One round of supervision (督办): works through the jobs due at `now`, up to a batch, each in
 * its own short transaction that claims it (SKIP LOCKED), locks its case, does its effects and
 * marks it done. Short transactions keep other processes, and the requests of the one PGlite
 * connection, moving between jobs; several processes share the work without doing a job twice.
 * Within the round, SCHEDULER_CONCURRENCY workers claim side by side on separate connections
 * (PGlite's one connection takes their transactions in turn).
 */
export async function runSchedulerOnce(
  ctx: SchedulerContext,
  options: { now?: Date; workerId?: string; limit?: number; concurrency?: number } = {},
): Promise<SchedulerCounts> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? ctx.config.SCHEDULER_BATCH_SIZE;
  const log = ctx.log.child({ worker: options.workerId ?? defaultWorkerId() });
  const counts = emptyCounts();
  let claims = 0;
  let drained = false;
  const worker = async () => {
    while (!drained && claims < limit) {
      claims += 1;
      const outcome = await runOneJob(ctx, now, log);
      if (outcome === null) {
        claims -= 1;
        drained = true;
        return;
      }
      counts[outcome] += 1;
      counts.total += 1;
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? ctx.config.SCHEDULER_CONCURRENCY, limit));
  const settled = await Promise.allSettled(Array.from({ length: workers }, worker));
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  if (counts.total > 0) log.info({ counts }, 'deadline jobs processed');
  return counts;
}

/**
 * Claims and does one due job in a transaction of its own; null when none is due. A job that
 * fails is rolled back to a savepoint and its failure recorded in the same transaction, while its
 * row is still locked: no other worker can claim it between the failure and the retry time.
 */
async function runOneJob(ctx: SchedulerContext, now: Date, log: SchedulerContext['log']): Promise<JobOutcome | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const job = await claimDueJob(tx, now);
    if (!job) return null;
    await sql`savepoint deadline_job`.execute(tx);
    try {
      return await processJob(tx, job, { now, escalateShare: ctx.config.ESCALATE_AFTER_SHARE });
    } catch (err) {
      await sql`rollback to savepoint deadline_job`.execute(tx);
      log.error({ err, jobId: job.id, kind: job.kind, caseId: job.case_id }, 'deadline job failed; will retry');
      await recordJobFailure(tx, {
        jobId: job.id,
        error: err instanceof Error ? err.message : String(err),
        retryAt: (attempts) => new Date(now.getTime() + retryDelayMs(attempts)),
        now,
        maxAttempts: MAX_JOB_ATTEMPTS,
      });
      return 'failed';
    }
  });
}

/** Runs supervision every SCHEDULER_INTERVAL_MS in this process; returns a stop function. */
export function startScheduler(ctx: SchedulerContext, options: { workerId?: string } = {}): () => Promise<void> {
  const limit = ctx.config.SCHEDULER_BATCH_SIZE;
  return startLoop({
    name: 'case-scheduler',
    intervalMs: ctx.config.SCHEDULER_INTERVAL_MS,
    log: ctx.log,
    tick: async () => (await runSchedulerOnce(ctx, { ...options, limit })).total >= limit,
  });
}

function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}`;
}
