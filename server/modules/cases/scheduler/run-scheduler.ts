import os from 'node:os';
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
 */
export async function runSchedulerOnce(
  ctx: SchedulerContext,
  options: { now?: Date; workerId?: string; limit?: number } = {},
): Promise<SchedulerCounts> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? ctx.config.SCHEDULER_BATCH_SIZE;
  const log = ctx.log.child({ worker: options.workerId ?? defaultWorkerId() });
  const counts = emptyCounts();
  while (counts.total < limit) {
    const claimed: { job?: { id: number; kind: string; caseId: number } } = {};
    try {
      const outcome = await ctx.db.transaction().execute(async (tx) => {
        const job = await claimDueJob(tx, now);
        if (!job) return null;
        claimed.job = { id: job.id, kind: job.kind, caseId: job.case_id };
        return processJob(tx, job, { now, escalateShare: ctx.config.ESCALATE_AFTER_SHARE });
      });
      if (outcome === null) break;
      counts[outcome] += 1;
    } catch (err) {
      // Nothing claimed: the database itself failed; let the loop retry the round later.
      const { job } = claimed;
      if (!job) throw err;
      counts.failed += 1;
      log.error({ err, jobId: job.id, kind: job.kind, caseId: job.caseId }, 'deadline job failed; will retry');
      await recordJobFailure(ctx.db, {
        jobId: job.id,
        error: err instanceof Error ? err.message : String(err),
        retryAt: (attempts) => new Date(now.getTime() + retryDelayMs(attempts)),
        now,
        maxAttempts: MAX_JOB_ATTEMPTS,
      });
    }
    counts.total += 1;
  }
  if (counts.total > 0) log.info({ counts }, 'deadline jobs processed');
  return counts;
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
