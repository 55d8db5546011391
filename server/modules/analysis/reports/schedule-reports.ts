import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { listStreets } from '../repository.js';
import { lastEndedPeriods } from './report-periods.js';
import { insertScheduledReports } from './repository.js';

/**
 * Queues, for every street, the 周报 of the week and the 月报 of the month last ended, each once
 * (a unique index per street, kind and period for the schedule's rows), so rounds may repeat
 * and processes may run side by side. Returns how many reports it queued.
 */
export async function scheduleReports(db: Executor, now: Date): Promise<number> {
  const due = lastEndedPeriods(now);
  const streets = await listStreets(db);
  return inTransaction(db, async (tx) => {
    const weekly = await insertScheduledReports(tx, { streets, kind: 'weekly', period: due.weekly, now });
    const monthly = await insertScheduledReports(tx, { streets, kind: 'monthly', period: due.monthly, now });
    return weekly + monthly;
  });
}
