import type { Caller } from '../../platform/context.js';
import type { HandlerKind } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { scheduleDeadline } from './deadlines.js';
import { checkHandler, resolveHandler } from './handler-resolution.js';
import { handlerUnit } from './rates.js';
import { handlerUserIds } from './repository.js';
import { runTransition } from './run-transition.js';
import { addMinutes, resolveLimits } from './time-limits.js';

export interface DispatchInput {
  caseId: number;
  /** Omit to send the case to the unit its category names for its area. */
  handler?: { kind: HandlerKind; nodeId?: number | null; orgId?: number | null };
  note?: string | null;
}

/** Sends an accepted (or reopened) case to a unit with a due time from category and priority. */
export async function dispatchCase(db: Executor, options: Caller & DispatchInput) {
  return runTransition(db, { ...options, action: 'dispatch' }, async ({ tx, current, now }) => {
    const unit = options.handler
      ? await checkHandler(tx, { kind: options.handler.kind, nodeId: options.handler.nodeId ?? null, orgId: options.handler.orgId ?? null }, current)
      : await resolveHandler(tx, current);
    const limits = await resolveLimits(tx, current.category_id, current.priority);
    const dueAt = addMinutes(now, limits.resolutionMinutes);
    await scheduleDeadline(tx, { caseId: current.id, from: now, dueAt, kinds: { reminder: 'reminder', overdue: 'overdue' } });
    const target = { handler_kind: unit.kind, handler_node_id: unit.nodeId, handler_org_id: unit.orgId };
    return {
      patch: { ...target, dispatched_at: now, due_at: dueAt, overdue: false, supervision_level: 0 },
      note: options.note ?? null,
      eventData: { handlerKind: unit.kind, handlerNodeId: unit.nodeId, handlerOrgId: unit.orgId, dueAt: dueAt.toISOString(), reopened: current.status === 'reopened' },
      rates: [{ units: handlerUnit(target), add: { received: 1 } }],
      notify: [{ userIds: await handlerUserIds(tx, target), notice: { kind: 'case.dispatched', title: `新派单 ${current.public_id}`, body: current.description.slice(0, 200) } }],
    };
  });
}
