import type { Caller } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { caseVisibility } from './case-access.js';
import { OPEN_STATUSES } from './state-machine.js';
import { runTransition } from './run-transition.js';

/**
 * Closes a replied case that the resident did not rate (e.g. the return visit could not reach
 * them). The case is closed without a rating, so it counts in no rate; it is not called fixed.
 */
export async function closeCase(db: Executor, options: Caller & { caseId: number; reason: string }) {
  return runTransition(db, { ...options, action: 'close' }, async ({ now }) => ({
    patch: { closed_at: now, close_reason: options.reason },
    note: options.reason,
  }));
}

/** Closes honestly without a fix: the reason is kept and shown; the case is never called resolved. */
export async function closeUnresolved(db: Executor, options: Caller & { caseId: number; reason: string }) {
  return runTransition(db, { ...options, action: 'close_unresolved' }, async ({ current, now }) => ({
    patch: { closed_at: now, resolution: 'unresolved', close_reason: options.reason },
    note: options.reason,
    notify: current.reporter_user_id
      ? [{ userIds: [current.reporter_user_id], notice: { kind: 'case.closed_unresolved', title: `您的诉求 ${current.public_id} 已办结（未解决）`, body: options.reason } }]
      : [],
  }));
}

/** Marks a case as a duplicate of another open case the actor can see. */
export async function mergeCase(db: Executor, options: Caller & { caseId: number; intoCaseId: number }) {
  return runTransition(db, { ...options, action: 'merge' }, async ({ tx, current, now }) => {
    if (options.intoCaseId === current.id) throw new AppError('VALIDATION_FAILED', [{ path: 'body.intoCaseId', message: 'a case cannot merge into itself' }]);
    const target = await tx
      .selectFrom('cases as c')
      .select(['c.id', 'c.status', 'c.public_id', 'c.street_id'])
      .where('c.id', '=', options.intoCaseId)
      .where(caseVisibility(options.actor))
      .executeTakeFirst();
    if (!target) throw new AppError('CASE_NOT_FOUND', { id: options.intoCaseId });
    if (!OPEN_STATUSES.includes(target.status) || target.street_id !== current.street_id) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.intoCaseId', message: 'the target must be an open case of the same street' }]);
    }
    return { patch: { merged_into_id: target.id, closed_at: now }, eventData: { intoCaseId: target.id, intoPublicId: target.public_id } };
  });
}

/** The resident withdraws their own case before it is being handled. */
export async function withdrawCase(db: Executor, options: Caller & { caseId: number; reason?: string | null }) {
  return runTransition(db, { ...options, action: 'withdraw' }, async ({ now }) => ({
    patch: { closed_at: now, close_reason: options.reason ?? null },
    note: options.reason ?? null,
  }));
}
