import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { listSubscriptions } from './repository.js';

/** The caller's own warning subscriptions. */
export async function listWarningSubscriptions(db: Executor, actor: Actor) {
  return listSubscriptions(db, actor.userId);
}
