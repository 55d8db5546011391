import type { Executor } from '../../platform/db/transaction.js';
import { localDay } from '../cases/time-limits.js';
import { raiseWarnings } from './raise-warnings.js';
import { findAreaNode } from './repository.js';

/**
 * One round of 动态预警 for every street: judges the local day of `now` so far and stores and
 * notifies what fires, without waiting for someone to open the daily view. Warnings are unique
 * per grid, category and day, so rounds may repeat and processes may run side by side.
 */
export async function raiseStreetWarnings(db: Executor, now: Date): Promise<number> {
  const streets = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').execute();
  let raised = 0;
  for (const s of streets) raised += await raiseWarnings(db, { unit: await findAreaNode(db, s.id), day: localDay(now) });
  return raised;
}
