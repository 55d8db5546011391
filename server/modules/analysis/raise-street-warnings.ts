import type { Executor } from '../../platform/db/transaction.js';
import { localDay } from '../cases/time-limits.js';
import { raiseWarnings } from './raise-warnings.js';
import { listStreets } from './repository.js';

/**
 * One round of 动态预警 for every street: judges the local day of `now` so far and stores and
 * notifies what fires, without waiting for someone to open the daily view. Warnings are unique
 * per grid, category and day, so rounds may repeat and processes may run side by side.
 */
export async function raiseStreetWarnings(db: Executor, now: Date): Promise<number> {
  let raised = 0;
  for (const street of await listStreets(db)) raised += await raiseWarnings(db, { unit: street, day: localDay(now) });
  return raised;
}
