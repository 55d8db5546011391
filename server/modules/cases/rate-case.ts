import type { Caller } from '../../platform/context.js';
import type { Satisfaction } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { areaUnits, handlerUnit } from './rates.js';
import { handlerUserIds, ownerUserIds } from './repository.js';
import { runTransition } from './run-transition.js';

/**
 * The resident rates the answer (or staff record it from a return visit, 回访). Satisfied or
 * basically satisfied closes the case; dissatisfied reopens it (重办) for a new dispatch with a
 * new due time. Every rating counts for the area and the handling unit on the day it is given.
 */
export async function rateCase(
  db: Executor,
  options: Caller & { caseId: number; resolved: boolean; satisfaction: Satisfaction; comment?: string | null },
) {
  return runTransition(db, { ...options, action: 'rate' }, async ({ tx, current, now, as }) => {
    const reopen = options.satisfaction === 'dissatisfied';
    const units = [...areaUnits(current), ...handlerUnit(current)];
    return {
      patch: reopen
        ? { status: 'reopened', reopen_count: current.reopen_count + 1, rated_resolved: options.resolved, satisfaction: options.satisfaction, rated_at: now }
        : { closed_at: now, resolution: options.resolved ? 'resolved' : 'unresolved', rated_resolved: options.resolved, satisfaction: options.satisfaction, rated_at: now },
      note: options.comment ?? null,
      eventData: { resolved: options.resolved, satisfaction: options.satisfaction, via: as === 'reporter' ? 'resident' : 'revisit' },
      rates: [
        {
          units,
          add: {
            rated: 1,
            rated_resolved: options.resolved ? 1 : 0,
            rated_satisfied: reopen ? 0 : 1,
            reopened: reopen ? 1 : 0,
          },
        },
      ],
      notify: reopen
        ? [{ userIds: [...(await ownerUserIds(tx, current)), ...(await handlerUserIds(tx, current))], notice: { kind: 'case.reopened', title: `重办 ${current.public_id}：居民不满意` } }]
        : [],
    };
  });
}

/** The resident finds the problem back after all: reopen a replied or closed case. */
export async function reopenCase(db: Executor, options: Caller & { caseId: number; reason: string }) {
  return runTransition(db, { ...options, action: 'reopen' }, async ({ tx, current }) => ({
    patch: { reopen_count: current.reopen_count + 1, closed_at: null, resolution: null },
    note: options.reason,
    rates: [{ units: [...areaUnits(current), ...handlerUnit(current)], add: { reopened: 1 } }],
    notify: [{ userIds: await ownerUserIds(tx, current), notice: { kind: 'case.reopened', title: `重办 ${current.public_id}`, body: options.reason } }],
  }));
}
