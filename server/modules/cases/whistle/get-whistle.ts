import type { Executor } from '../../../platform/db/transaction.js';
import { can, type Actor } from '../../../platform/permissions/scope.js';
import { assertMayRead, isBlowerOrStreetAdmin, summonedDepartmentOf, whistleVisibility } from './access.js';
import { findWhistle, whistleDetail } from './repository.js';

type Action = 'check_in' | 'close' | 'rate';

/** One whistle with its summons, and what the reader may do with it next. */
export async function getWhistle(db: Executor, actor: Actor, id: number) {
  assertMayRead(actor);
  const row = await findWhistle(db, id, whistleVisibility(actor));
  const detail = await whistleDetail(db, row.id);
  const department = summonedDepartmentOf(actor);
  const actions: Action[] = [];
  if (row.status === 'open') {
    const mine = detail.summons.find((s) => s.departmentId === department);
    if (mine && !mine.checkedIn && can(actor, 'whistle.checkin')) actions.push('check_in');
    if (isBlowerOrStreetAdmin(actor, row)) actions.push('close');
  } else if (isBlowerOrStreetAdmin(actor, row) && detail.summons.some((s) => s.ratedAt === null)) {
    actions.push('rate');
  }
  return { ...detail, allowedActions: actions };
}
