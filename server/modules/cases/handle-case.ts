import type { Caller } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { handlerUnit } from './rates.js';
import { ownerUserIds } from './repository.js';
import { addMinutes, resolveLimits } from './time-limits.js';
import { runTransition } from './run-transition.js';

/**
 * The unit the case was dispatched to takes it (接单). For a department or property company,
 * taking it within the response limit of the dispatch is its response, counted on the day it
 * received the case (the day of dispatch), as area units count acceptance on the received day.
 */
export async function takeCase(db: Executor, options: Caller & { caseId: number; note?: string | null }) {
  return runTransition(db, { ...options, action: 'take' }, async ({ tx, current, now }) => {
    const units = handlerUnit(current);
    if (units.length === 0 || !current.dispatched_at) return { note: options.note ?? null };
    const limits = await resolveLimits(tx, current.category_id, current.priority);
    const inTime = now.getTime() <= addMinutes(current.dispatched_at, limits.responseMinutes).getTime();
    return {
      note: options.note ?? null,
      eventData: { inTime },
      rates: [{ units, add: { responded_in_time: inTime ? 1 : 0 }, at: current.dispatched_at }],
    };
  });
}

/**
 * "Not our job" is a return with a reason, back to the unit that owns the case (退单), never a
 * silent drop; the owner then dispatches again.
 */
export async function returnCase(db: Executor, options: Caller & { caseId: number; reason: string }) {
  return runTransition(db, { ...options, action: 'return' }, async ({ tx, current }) => ({
    patch: { handler_kind: null, handler_node_id: null, handler_org_id: null, dispatched_at: null, due_at: null },
    note: options.reason,
    internal: true,
    eventData: { returnedBy: { kind: current.handler_kind, nodeId: current.handler_node_id, orgId: current.handler_org_id } },
    notify: [{ userIds: await ownerUserIds(tx, current), notice: { kind: 'case.returned', title: `退单 ${current.public_id}`, body: options.reason } }],
  }));
}

/** A progress note; internal notes are hidden from the resident's timeline. */
export async function addCaseNote(db: Executor, options: Caller & { caseId: number; note: string; internal: boolean }) {
  return runTransition(db, { ...options, action: 'note' }, async () => ({ note: options.note, internal: options.internal }));
}

/** The handler's answer to the resident (反馈). */
export async function replyToCase(db: Executor, options: Caller & { caseId: number; reply: string }) {
  return runTransition(db, { ...options, action: 'reply' }, async ({ current, now }) => ({
    patch: { replied_at: now },
    note: options.reply,
    internal: false,
    notify: current.reporter_user_id
      ? [{ userIds: [current.reporter_user_id], notice: { kind: 'case.replied', title: `您的诉求 ${current.public_id} 已答复，请评价`, body: options.reply.slice(0, 200) } }]
      : [],
  }));
}
