import { appendAudit } from '../../../platform/audit/audit.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { deleteFinishedReports } from './repository.js';

const DAY_MS = 86_400_000;
/** Rows deleted per transaction: a long backlog is worked off in short transactions. */
export const PRUNE_BATCH = 200;

/**
 * Deletes the reports (row and files) finished, done or failed, more than `retentionDays` before
 * `now`; a report waiting or being made is kept however old. Each batch writes, per street, one
 * audit row naming the reports it deleted, in the same transaction; rows another process is
 * deleting are skipped (SKIP LOCKED), so processes side by side delete each row once. Returns
 * how many it deleted.
 */
export async function pruneReports(db: Executor, options: { now: Date; retentionDays: number; batchSize?: number }): Promise<number> {
  const before = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  const limit = options.batchSize ?? PRUNE_BATCH;
  let total = 0;
  for (;;) {
    const deleted = await inTransaction(db, async (tx) => {
      const rows = await deleteFinishedReports(tx, { createdBefore: before, limit });
      const byStreet = new Map<number, typeof rows>();
      for (const r of rows) byStreet.set(r.street_id, [...(byStreet.get(r.street_id) ?? []), r]);
      for (const [streetId, reports] of byStreet) {
        await appendAudit(tx, {
          actor: { id: null, name: 'system' },
          action: 'analysis.report.pruned',
          targetType: 'analysis_report',
          summary: { retentionDays: options.retentionDays, createdBefore: before.toISOString(), count: reports.length, reports: reports.map((r) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, period: r.period, createdAt: r.created_at.toISOString() })) },
          streetId,
        });
      }
      return rows.length;
    });
    total += deleted;
    if (deleted < limit) return total;
  }
}
