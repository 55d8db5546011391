import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { deleteSubscription, findAreaNode } from './repository.js';

/** Ends one of the caller's own warning subscriptions; anyone else's does not exist for them. */
export async function unsubscribeFromWarnings(db: Executor, options: Caller & { id: number }): Promise<void> {
  await inTransaction(db, async (tx) => {
    const gone = await deleteSubscription(tx, { userId: options.actor.userId, id: options.id });
    if (!gone) throw new AppError('NOT_FOUND', { subscriptionId: options.id });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'analysis.unsubscribe',
      targetType: 'analysis_subscription',
      targetId: gone.id,
      summary: { before: { unitId: gone.unit_id, categoryId: gone.category_id } },
      requestId: options.requestId,
      streetId: (await findAreaNode(tx, gone.unit_id)).streetId,
    });
  });
}
