import type { Caller } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { areaUnits } from './rates.js';
import { runTransition } from './run-transition.js';

/**
 * Accepting is the response to the resident (first contact). Whether it came within the
 * response limit counts on the day the case was received.
 */
export async function acceptCase(db: Executor, options: Caller & { caseId: number; note?: string | null }) {
  return runTransition(db, { ...options, action: 'accept' }, async ({ current, now }) => ({
    patch: { responded_at: now, owner_node_id: current.community_id ?? current.street_id },
    note: options.note ?? null,
    eventData: { inTime: now <= current.due_response_at },
    rates: [{ units: areaUnits(current), add: { responded_in_time: now <= current.due_response_at ? 1 : 0 }, at: current.received_at }],
    notify: current.reporter_user_id
      ? [{ userIds: [current.reporter_user_id], notice: { kind: 'case.accepted', title: `您的诉求 ${current.public_id} 已受理` } }]
      : [],
  }));
}
