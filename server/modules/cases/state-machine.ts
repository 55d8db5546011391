import type { CaseStatus } from '../../platform/db/schema-cases.js';
import { AppError } from '../../platform/errors.js';

/**
 * The case workflow (DESIGN §4). Each action names the states it may start from and the state
 * it leads to; `null` keeps the state (notes, supervision). Who may act is decided separately
 * (case-access.ts); this table is only about order.
 *
 * submitted ─accept→ accepted ─dispatch→ dispatched ─take→ in_progress ─reply→ replied ─rate→ closed
 *                      ↑   return(reason) ─┘──────────────────┘                 └ dissatisfied → reopened ─dispatch→ …
 */
export const TRANSITIONS = {
  accept: { from: ['submitted'], to: 'accepted' },
  dispatch: { from: ['accepted', 'reopened'], to: 'dispatched' },
  take: { from: ['dispatched'], to: 'in_progress' },
  return: { from: ['dispatched', 'in_progress'], to: 'accepted' },
  note: { from: ['accepted', 'dispatched', 'in_progress', 'replied', 'reopened'], to: null },
  reply: { from: ['in_progress'], to: 'replied' },
  rate: { from: ['replied'], to: 'closed' },
  reopen: { from: ['replied', 'closed'], to: 'reopened' },
  close: { from: ['replied'], to: 'closed' },
  close_unresolved: { from: ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened'], to: 'closed' },
  merge: { from: ['submitted', 'accepted'], to: 'merged' },
  withdraw: { from: ['submitted', 'accepted', 'dispatched'], to: 'withdrawn' },
  supervise: { from: ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened'], to: null },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus | null }>;

export type CaseAction = keyof typeof TRANSITIONS;

export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened'];

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return (TRANSITIONS[action].from as readonly CaseStatus[]).includes(status);
}

/** The next state, or CASE_INVALID_TRANSITION naming what was tried from where. */
export function nextStatus(status: CaseStatus, action: CaseAction): CaseStatus {
  if (!canTransition(status, action)) {
    throw new AppError('CASE_INVALID_TRANSITION', { action, status, allowedFrom: TRANSITIONS[action].from });
  }
  return TRANSITIONS[action].to ?? status;
}

export function actionsFrom(status: CaseStatus): CaseAction[] {
  return (Object.keys(TRANSITIONS) as CaseAction[]).filter((a) => canTransition(status, a));
}
