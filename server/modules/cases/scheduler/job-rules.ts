import type { CaseStatus, DeadlineJobKind } from '../../../platform/db/schema-cases.js';

/**
 * The rules of supervision (督办), free of SQL so they can be read and tested on their own.
 *
 * A case has two deadlines: the response limit (first contact, `due_response_at`) while it is
 * `submitted`, and the resolution limit (`due_at`) while the handler holds it (`dispatched`,
 * `in_progress`). A job watches the deadline it was planned for; when the case has left that
 * phase or the deadline moved (re-dispatch, return), the job is stale and does nothing.
 * A reopened case waits for a new dispatch, which sets a new deadline with new jobs; a replied
 * case has met its deadline.
 */
export type Phase = 'response' | 'resolution';

export interface CaseClock {
  status: CaseStatus;
  received_at: Date;
  due_response_at: Date;
  dispatched_at: Date | null;
  due_at: Date | null;
}

export const RESPONSE_STATUSES: readonly CaseStatus[] = ['submitted'];
export const RESOLUTION_STATUSES: readonly CaseStatus[] = ['dispatched', 'in_progress'];

/** Supervision levels: 0 none, 1 the community, 2 the street (the top; escalation stops there). */
export const TOP_LEVEL = 2;

/** Escalation steps closer than this would only add noise. */
const MIN_ESCALATION_STEP_MS = 60_000;

const sameInstant = (a: Date | null, b: Date | null) => a !== null && b !== null && a.getTime() === b.getTime();

function phaseIsLive(phase: Phase, dueAt: Date, c: CaseClock): boolean {
  return phase === 'response'
    ? RESPONSE_STATUSES.includes(c.status) && sameInstant(dueAt, c.due_response_at)
    : RESOLUTION_STATUSES.includes(c.status) && sameInstant(dueAt, c.due_at);
}

/** The phase a job still concerns, or null when it is stale. */
export function livePhase(job: { kind: DeadlineJobKind; due_at: Date }, c: CaseClock): Phase | null {
  switch (job.kind) {
    case 'response_reminder':
    case 'response_overdue':
      return phaseIsLive('response', job.due_at, c) ? 'response' : null;
    case 'reminder':
    case 'overdue':
      return phaseIsLive('resolution', job.due_at, c) ? 'resolution' : null;
    case 'escalate':
      // One kind serves both phases; the deadline it carries says which.
      if (phaseIsLive('response', job.due_at, c)) return 'response';
      if (phaseIsLive('resolution', job.due_at, c)) return 'resolution';
      return null;
    default: {
      const never: never = job.kind;
      throw new Error(`unknown deadline job kind ${String(never)}`);
    }
  }
}

/** The length of the limit of a phase, from the moment the clock started to the deadline. */
export function limitMs(c: CaseClock, phase: Phase): number {
  if (phase === 'response') return c.due_response_at.getTime() - c.received_at.getTime();
  return (c.due_at?.getTime() ?? 0) - (c.dispatched_at?.getTime() ?? c.received_at.getTime());
}

/**
 * Time between escalation steps after a deadline passes: a share of the limit, so a 2-hour
 * emergency escalates after 30 minutes and a 7-day case after 42 hours (a fixed delay cannot
 * suit both).
 */
export function escalationStepMs(c: CaseClock, phase: Phase, share: number): number {
  return Math.max(MIN_ESCALATION_STEP_MS, Math.round(limitMs(c, phase) * share));
}

export interface EscalationTarget {
  level: number;
  nodeId: number;
  role: 'community_staff' | 'street_admin';
  unitName: '社区' | '街道';
}

/** Who is told at the next level up the org tree, or null when the case is already at the top. */
export function nextEscalation(c: { supervision_level: number; community_id: number | null; street_id: number }): EscalationTarget | null {
  const level = c.supervision_level + 1;
  if (level > TOP_LEVEL) return null;
  if (level === 1 && c.community_id !== null) return { level, nodeId: c.community_id, role: 'community_staff', unitName: '社区' };
  // A case placed at street level has no community to go through.
  return { level: TOP_LEVEL, nodeId: c.street_id, role: 'street_admin', unitName: '街道' };
}

/** A reminder that comes after the deadline is left to the overdue job of the same deadline. */
export function reminderIsLate(job: { due_at: Date }, now: Date): boolean {
  return now.getTime() >= job.due_at.getTime();
}

/** Backoff for a job whose processing failed: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Local (Asia/Shanghai) date and time for notices, e.g. 2025-03-01 14:30. */
export function localTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
