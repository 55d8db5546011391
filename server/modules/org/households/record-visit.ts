import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getHouseholdInScope } from './repository.js';
import type { VisitBody } from './schema.js';

/** Logs a visit (走访) to a household in the caller's scope. */
export async function recordVisit(db: Executor, options: Caller & { householdId: number } & z.infer<typeof VisitBody>) {
  const scope = scopeFor(options.actor, 'visit.write');
  if (options.visitedAt.getTime() > Date.now() + 5 * 60_000) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.visitedAt', message: 'a visit cannot be in the future' }]);
  }
  return inTransaction(db, async (tx) => {
    const household = await getHouseholdInScope(tx, scope, options.householdId);
    const row = await tx
      .insertInto('visit')
      .values({
        household_id: household.id,
        street_id: household.street_id,
        org_path: household.org_path,
        visitor_id: options.actor.userId,
        visitor_name: options.actor.displayName,
        visited_at: options.visitedAt,
        method: options.method,
        notes: options.notes,
        follow_up: options.followUp ?? null,
        follow_up_due: options.followUpDue ?? null,
      })
      .returning(['id', 'visited_at as visitedAt', 'method', 'visitor_name as visitorName', 'notes', 'follow_up as followUp', 'follow_up_due as followUpDue'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'visit.recorded',
      targetType: 'household',
      targetId: household.id,
      summary: { after: { visitId: row.id, method: options.method, visitedAt: options.visitedAt.toISOString() } },
      requestId: options.requestId,
      streetId: household.street_id,
    });
    return row;
  });
}
