import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { assertMayRead, whistleVisibility } from './access.js';
import { listWhistles as queryWhistles, type BoardFilter } from './repository.js';

/** The whistle board of the reader: open whistles first, in the reader's area or summoning their department. */
export async function listWhistleBoard(db: Executor, actor: Actor, filter: BoardFilter) {
  assertMayRead(actor);
  return queryWhistles(db, whistleVisibility(actor), filter);
}
