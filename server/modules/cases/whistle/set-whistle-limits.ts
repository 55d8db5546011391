import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { WhistleKind } from '../../../platform/db/schema-cases.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { assertMaySetLimits } from './access.js';
import { readLimits, writeLimits } from './repository.js';

/**
 * Sets the check-in limit (minutes from the whistle) for kinds of whistle. The table holds one
 * limit per kind for the whole deployment, so the change is audited on the platform chain.
 * Whistles already blown keep the due time they were given.
 */
export async function setWhistleLimits(db: Executor, options: Caller & { limits: Partial<Record<WhistleKind, number>> }) {
  assertMaySetLimits(options.actor);
  return inTransaction(db, async (tx) => {
    const before = await readLimits(tx);
    await writeLimits(tx, options.limits);
    const after = await readLimits(tx);
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'whistle.limits',
      targetType: 'whistle_time_limit',
      summary: { before, after },
      requestId: options.requestId,
      streetId: null,
    });
    return after;
  });
}
