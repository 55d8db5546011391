import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { assertBlowerOrStreetAdmin, whistleVisibility } from './access.js';
import { findSummons, findWhistle } from './repository.js';

/**
 * After a whistle closes, the street rates each summoned department once (1–5), whether it came
 * or not; the ratings feed the department assessment. A rating is never changed afterwards.
 */
export async function rateSummonedDepartment(
  db: Executor,
  options: Caller & { whistleId: number; departmentId: number; rating: number; comment?: string | null },
) {
  return inTransaction(db, async (tx) => {
    const whistle = await findWhistle(tx, options.whistleId, whistleVisibility(options.actor), true);
    assertBlowerOrStreetAdmin(options.actor, whistle);
    if (whistle.status === 'open') throw new AppError('WHISTLE_STILL_OPEN', { whistleId: whistle.id });
    const summons = await findSummons(tx, whistle.id, options.departmentId);
    if (!summons) throw new AppError('DEPARTMENT_NOT_SUMMONED', { whistleId: whistle.id, departmentId: options.departmentId });
    if (summons.rated_at !== null) throw new AppError('WHISTLE_ALREADY_RATED', { whistleId: whistle.id, departmentId: options.departmentId });
    const updated = await tx
      .updateTable('whistle_summons')
      .set({ rating: options.rating, rating_comment: options.comment ?? null, rated_at: new Date(), rated_by: options.actor.userId })
      .where('whistle_id', '=', whistle.id)
      .where('department_id', '=', options.departmentId)
      .where('rated_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('WHISTLE_ALREADY_RATED', { whistleId: whistle.id, departmentId: options.departmentId });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'whistle.rate',
      targetType: 'whistle',
      targetId: whistle.id,
      summary: { departmentId: options.departmentId, after: { rating: options.rating, comment: options.comment ?? null, checkedIn: summons.checked_in_at !== null } },
      requestId: options.requestId,
      streetId: whistle.street_id,
    });
    return updated;
  });
}
