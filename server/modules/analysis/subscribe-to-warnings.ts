import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { resolveAreaUnit, type UnitParam } from './access.js';
import { categoryNames, findSubscription, insertSubscription } from './repository.js';

/**
 * Staff ask to be told (in-app inbox) when an early warning fires in a unit's subtree, for one
 * category or all. The unit must be in their rates.read scope. Subscribing twice to the same
 * thing returns the first subscription (created: false) and changes nothing.
 */
export async function subscribeToWarnings(db: Executor, options: Caller & { unit: UnitParam; categoryId: number | null }) {
  const unit = await resolveAreaUnit(db, options.actor, options.unit);
  if (options.categoryId !== null && !(await categoryNames(db, [options.categoryId])).has(options.categoryId)) {
    throw new AppError('CATEGORY_NOT_FOUND', { id: options.categoryId });
  }
  return inTransaction(db, async (tx) => {
    const key = { userId: options.actor.userId, unitId: unit.id, categoryId: options.categoryId };
    const inserted = await insertSubscription(tx, { userId: options.actor.userId, unit, categoryId: options.categoryId });
    if (inserted) {
      await appendAudit(tx, {
        actor: auditActor(options),
        action: 'analysis.subscribe',
        targetType: 'analysis_subscription',
        targetId: inserted.id,
        summary: { after: { unitKind: unit.kind, unitId: unit.id, categoryId: options.categoryId } },
        requestId: options.requestId,
        streetId: unit.streetId,
      });
    }
    return { created: inserted !== undefined, subscription: (await findSubscription(tx, key))! };
  });
}
