import { describe, expect, it } from 'vitest';
import { escalationStepMs, livePhase, localTime, nextEscalation, reminderIsLate, retryDelayMs, type CaseClock } from './job-rules.js';

const at = (iso: string) => new Date(iso);
const received = at('2025-03-01T00:00:00Z');
const dueResponse = at('2025-03-01T01:00:00Z');
const dispatched = at('2025-03-01T00:30:00Z');
const due = at('2025-03-01T10:30:00Z');

const submitted: CaseClock = { status: 'submitted', received_at: received, due_response_at: dueResponse, dispatched_at: null, due_at: null };
const inProgress: CaseClock = { status: 'in_progress', received_at: received, due_response_at: dueResponse, dispatched_at: dispatched, due_at: due };

describe('which deadline a job still watches', () => {
  it('watches the response limit only while the case waits to be accepted', () => {
    expect(livePhase({ kind: 'response_overdue', due_at: dueResponse }, submitted)).toBe('response');
    expect(livePhase({ kind: 'response_overdue', due_at: dueResponse }, { ...submitted, status: 'accepted' })).toBeNull();
    expect(livePhase({ kind: 'response_reminder', due_at: at('2025-03-01T02:00:00Z') }, submitted)).toBeNull();
  });

  it('watches the resolution limit while the handler holds the case, for the current due time only', () => {
    expect(livePhase({ kind: 'overdue', due_at: due }, inProgress)).toBe('resolution');
    expect(livePhase({ kind: 'reminder', due_at: due }, { ...inProgress, status: 'dispatched' })).toBe('resolution');
    for (const status of ['replied', 'reopened', 'closed', 'accepted', 'withdrawn'] as const) {
      expect(livePhase({ kind: 'overdue', due_at: due }, { ...inProgress, status })).toBeNull();
    }
    expect(livePhase({ kind: 'overdue', due_at: at('2025-03-01T09:00:00Z') }, inProgress)).toBeNull();
    expect(livePhase({ kind: 'overdue', due_at: due }, { ...inProgress, due_at: null })).toBeNull();
  });

  it('lets an escalation serve the phase whose deadline it carries', () => {
    expect(livePhase({ kind: 'escalate', due_at: dueResponse }, submitted)).toBe('response');
    expect(livePhase({ kind: 'escalate', due_at: due }, inProgress)).toBe('resolution');
    expect(livePhase({ kind: 'escalate', due_at: dueResponse }, inProgress)).toBeNull();
  });
});

describe('escalation', () => {
  it('steps by a share of the limit, at least a minute apart', () => {
    expect(escalationStepMs(inProgress, 'resolution', 0.25)).toBe(150 * 60_000);
    expect(escalationStepMs(submitted, 'response', 0.25)).toBe(15 * 60_000);
    expect(escalationStepMs(submitted, 'response', 0.001)).toBe(60_000);
  });

  it('goes to the community, then the street, then stops', () => {
    const c = { community_id: 7, street_id: 3 };
    expect(nextEscalation({ ...c, supervision_level: 0 })).toMatchObject({ level: 1, nodeId: 7, role: 'community_staff' });
    expect(nextEscalation({ ...c, supervision_level: 1 })).toMatchObject({ level: 2, nodeId: 3, role: 'street_admin' });
    expect(nextEscalation({ ...c, supervision_level: 2 })).toBeNull();
    expect(nextEscalation({ community_id: null, street_id: 3, supervision_level: 0 })).toMatchObject({ level: 2, nodeId: 3 });
  });
});

describe('timing helpers', () => {
  it('leaves a reminder that comes at or after the deadline to the overdue job', () => {
    expect(reminderIsLate({ due_at: due }, at('2025-03-01T10:29:59Z'))).toBe(false);
    expect(reminderIsLate({ due_at: due }, due)).toBe(true);
  });

  it('backs off failed jobs 1, 2, 4 … minutes up to an hour', () => {
    expect([1, 2, 3, 7, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });

  it('formats times in Beijing time', () => {
    expect(localTime(at('2025-03-01T16:30:00Z'))).toBe('2025-03-02 00:30');
  });
});
