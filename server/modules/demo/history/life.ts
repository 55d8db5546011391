import type { CaseChannel, CaseStatus, DeadlineJobKind, HandlerKind, Priority, Satisfaction } from '../../../platform/db/schema-cases.js';
import { REMINDER_AT } from '../../cases/deadlines.js';
import type { HandlerUnit } from '../../cases/handler-resolution.js';
import { escalationStepMs, localTime, nextEscalation, type Phase } from '../../cases/scheduler/job-rules.js';
import { SCHEDULER_ACTOR } from '../../cases/scheduler/process-job.js';
import type { Random } from '../random.js';
import type { Building, Category, Household, Person, Street } from './street.js';

/**
 * One synthetic case as the workflow would have left it: its columns, its timeline (the same
 * actions, statuses and event data the use cases and the scheduler write), its supervision rows
 * and, while it is open, its live deadline jobs. Every step happens at a given instant; a step
 * after `now` is not taken, so recent cases stay open wherever their story has reached.
 */

export interface Reporter {
  name: string | null;
  residentId: number | null;
  userId: number | null;
  phone: string | null;
  hidden: boolean;
}

export interface CaseSeed {
  receivedAt: number;
  category: Category;
  priority: Priority;
  channel: CaseChannel;
  building: Building;
  household: Household | null;
  reporter: Reporter;
  submitter: Person;
  description: string;
  handler: HandlerUnit | null;
  /** An earlier case this one may repeat (merged into it if that case is still open). */
  duplicateOf: CaseDraft | null;
}

export interface EventDraft {
  at: number;
  actor: Person;
  action: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  note: string | null;
  internal: boolean;
  data: Record<string, unknown>;
}

export interface SupervisionDraft {
  at: number;
  level: number;
  kind: 'reminder' | 'overdue' | 'escalated';
  orgNodeId: number | null;
  note: string;
}

export interface JobDraft {
  kind: DeadlineJobKind;
  runAt: number;
  dueAt: number;
  doneAt: number | null;
  outcome: string | null;
}

export interface CaseState {
  status: CaseStatus;
  ownerNodeId: number | null;
  handler: HandlerUnit | null;
  respondedAt: number | null;
  dispatchedAt: number | null;
  dueAt: number | null;
  repliedAt: number | null;
  closedAt: number | null;
  overdue: boolean;
  supervisionLevel: number;
  reopenCount: number;
  resolution: 'resolved' | 'unresolved' | null;
  ratedResolved: boolean | null;
  satisfaction: Satisfaction | null;
  ratedAt: number | null;
  mergedInto: CaseDraft | null;
  closeReason: string | null;
  version: number;
  updatedAt: number;
}

export interface CaseDraft {
  seed: CaseSeed;
  dueResponseAt: number;
  state: CaseState;
  events: EventDraft[];
  supervision: SupervisionDraft[];
  jobs: JobDraft[];
}

export interface LifeContext {
  rng: Random;
  now: number;
  street: Street;
  /** ESCALATE_AFTER_SHARE: escalation steps as a share of the limit. */
  escalateShare: number;
}

type As = 'manager' | 'handler' | 'reporter';
const LIMIT_NAME: Record<Phase, string> = { response: '响应', resolution: '办理' };
const SCHEDULER: Person = { userId: SCHEDULER_ACTOR.id, name: SCHEDULER_ACTOR.name };

/** Where the scheduler stands on the deadline the case is working to. */
interface Watch {
  phase: Phase;
  from: number;
  due: number;
  remindedAt: number | null;
  overdueAt: number | null;
  escalations: number[];
  /** When the ladder would climb next (null when at the top). */
  nextEscalationAt: number | null;
}

export class Life {
  readonly draft: CaseDraft;
  private watching: Watch | null = null;

  constructor(
    readonly ctx: LifeContext,
    readonly seed: CaseSeed,
  ) {
    const at = seed.receivedAt;
    this.draft = {
      seed,
      dueResponseAt: at + seed.category.limits.responseMinutes * 60_000,
      events: [],
      supervision: [],
      jobs: [],
      state: {
        status: 'submitted', ownerNodeId: null, handler: null, respondedAt: null, dispatchedAt: null, dueAt: null, repliedAt: null, closedAt: null,
        overdue: false, supervisionLevel: 0, reopenCount: 0, resolution: null, ratedResolved: null, satisfaction: null, ratedAt: null,
        mergedInto: null, closeReason: null, version: 1, updatedAt: at,
      },
    };
    this.event(at, seed.submitter, 'submit', null, 'submitted', { data: { channel: seed.channel } });
  }

  get state(): CaseState {
    return this.draft.state;
  }

  get rng(): Random {
    return this.ctx.rng;
  }

  /** Appends a timeline entry; false (and nothing written) when `at` lies after now. */
  private event(at: number, actor: Person, action: string, from: CaseStatus | null, to: CaseStatus | null, o: { note?: string | null; internal?: boolean; data?: Record<string, unknown> } = {}): boolean {
    if (at > this.ctx.now) return false;
    this.draft.events.push({ at, actor, action, from, to, note: o.note ?? null, internal: o.internal ?? false, data: o.data ?? {} });
    return true;
  }

  /** A transition as runTransition writes it: the status, the patch, a version, the timeline entry with `as`. */
  transition(at: number, actor: Person, action: string, as: As, to: CaseStatus, o: { note?: string | null; internal?: boolean; data?: Record<string, unknown>; patch?: Partial<CaseState> } = {}): boolean {
    if (!this.event(at, actor, action, this.state.status, to, { note: o.note ?? null, internal: o.internal ?? false, data: { ...o.data, as } })) return false;
    Object.assign(this.state, o.patch, { status: to, version: this.state.version + 1, updatedAt: at });
    return true;
  }

  /** A state change outside runTransition (随手做 closes in the submitting transaction). */
  fixOnSpot(at: number, actor: Person, note: string): boolean {
    if (!this.event(at, actor, 'fix_on_spot', 'submitted', 'closed', { note })) return false;
    const { building } = this.seed;
    Object.assign(this.state, { status: 'closed', respondedAt: at, closedAt: at, resolution: 'resolved', ownerNodeId: building.gridId ?? building.communityId, version: this.state.version + 1, updatedAt: at });
    return true;
  }

  /** The dispatch patch and event data of dispatchCase; a new deadline starts. */
  dispatch(at: number, actor: Person, unit: HandlerUnit): boolean {
    const dueAt = at + this.seed.category.limits.resolutionMinutes * 60_000;
    const reopened = this.state.status === 'reopened';
    const data = { handlerKind: unit.kind, handlerNodeId: unit.nodeId, handlerOrgId: unit.orgId, dueAt: new Date(dueAt).toISOString(), reopened };
    if (!this.transition(at, actor, 'dispatch', 'manager', 'dispatched', { data, patch: { handler: unit, dispatchedAt: at, dueAt, overdue: false, supervisionLevel: 0 } })) return false;
    this.watching = null;
    return true;
  }

  /**
   * What the scheduler does while a deadline runs, before `until`: a reminder at 80% of the limit,
   * overdue at the due time (counted once: the flag), then escalation up the tree each step.
   * False when now came first.
   */
  watch(phase: Phase, from: number, due: number, until: number): boolean {
    if (this.watching?.phase !== phase || this.watching.due !== due) {
      this.watching = { phase, from, due, remindedAt: null, overdueAt: null, escalations: [], nextEscalationAt: null };
    }
    const w = this.watching;
    const lag = () => this.rng.int(200, 5_000);
    const remindAt = from + (due - from) * REMINDER_AT;
    if (w.remindedAt === null && remindAt < until) {
      const at = Math.round(remindAt) + lag();
      if (at >= until) return true;
      if (!this.supervise(at, phase, due, 'reminder', 'remind', this.state.supervisionLevel, null, `${LIMIT_NAME[phase]}时限将于 ${localTime(new Date(due))} 到期`)) return false;
      w.remindedAt = at;
    }
    if (w.overdueAt === null && due < until) {
      const at = due + lag();
      if (at >= until) return true;
      if (!this.supervise(at, phase, due, 'overdue', 'overdue', this.state.supervisionLevel, null, `已超过${LIMIT_NAME[phase]}时限（${localTime(new Date(due))}）`)) return false;
      if (!this.state.overdue) Object.assign(this.state, { overdue: true, version: this.state.version + 1 });
      w.overdueAt = at;
      w.nextEscalationAt = nextEscalation(this.escalationView()) ? due + this.stepMs(phase) : null;
    }
    while (w.nextEscalationAt !== null && w.nextEscalationAt < until) {
      const target = nextEscalation(this.escalationView())!;
      const at = w.nextEscalationAt + lag();
      if (at >= until) return true;
      if (!this.supervise(at, phase, due, 'escalated', 'escalate', target.level, target.nodeId, `超期未办，督办升级至${target.unitName}（第 ${target.level} 级）`)) return false;
      Object.assign(this.state, { supervisionLevel: target.level, version: this.state.version + 1 });
      w.escalations.push(at);
      w.nextEscalationAt = nextEscalation(this.escalationView()) ? w.nextEscalationAt + this.stepMs(phase) : null;
    }
    return true;
  }

  private escalationView() {
    return { supervision_level: this.state.supervisionLevel, community_id: this.seed.building.communityId, street_id: this.ctx.street.id };
  }

  private stepMs(phase: Phase): number {
    const s = this.state;
    const date = (t: number | null) => (t === null ? null : new Date(t));
    const clock = { status: s.status, received_at: new Date(this.seed.receivedAt), due_response_at: new Date(this.draft.dueResponseAt), dispatched_at: date(s.dispatchedAt), due_at: date(s.dueAt) };
    return escalationStepMs(clock, phase, this.ctx.escalateShare);
  }

  /** The scheduler's record: supervision row, internal timeline entry (status unchanged). */
  private supervise(at: number, phase: Phase, due: number, kind: SupervisionDraft['kind'], action: string, level: number, orgNodeId: number | null, note: string): boolean {
    const data = { jobId: null, phase, dueAt: new Date(due).toISOString(), level, orgNodeId };
    if (!this.event(at, SCHEDULER, action, this.state.status, this.state.status, { note, internal: true, data })) return false;
    this.draft.supervision.push({ at, level, kind, orgNodeId, note });
    this.state.updatedAt = at;
    return true;
  }

  /** The deadline jobs an open case still carries for its live deadline, done or waiting, as the scheduler left them. */
  finish(): CaseDraft {
    const w = this.watching;
    const s = this.state;
    const live = w && (w.phase === 'response' ? s.status === 'submitted' : s.status === 'dispatched' || s.status === 'in_progress');
    if (w && live) {
      const response = w.phase === 'response';
      const remindAt = Math.round(w.from + (w.due - w.from) * REMINDER_AT);
      this.draft.jobs.push(
        { kind: response ? 'response_reminder' : 'reminder', runAt: remindAt, dueAt: w.due, doneAt: w.remindedAt, outcome: w.remindedAt === null ? null : 'reminded' },
        { kind: response ? 'response_overdue' : 'overdue', runAt: w.due, dueAt: w.due, doneAt: w.overdueAt, outcome: w.overdueAt === null ? null : 'overdue' },
      );
      // One escalation ladder per deadline: re-armed after each step, finished at the top.
      const last = w.escalations.at(-1);
      if (w.nextEscalationAt !== null) {
        this.draft.jobs.push({ kind: 'escalate', runAt: w.nextEscalationAt, dueAt: w.due, doneAt: null, outcome: last === undefined ? null : 'escalated' });
      } else if (last !== undefined) {
        this.draft.jobs.push({ kind: 'escalate', runAt: w.due + this.stepMs(w.phase) * w.escalations.length, dueAt: w.due, doneAt: last, outcome: 'escalated' });
      }
    }
    return this.draft;
  }
}

/** The unit that acts for a handler: its grid worker, its community's staff, or one of the organisation's people. */
export function handlerPerson(rng: Random, street: Street, building: Building, unit: HandlerUnit): Person {
  const kind: HandlerKind = unit.kind;
  if (kind === 'grid') return street.gridWorkers.get(unit.nodeId!) ?? manager(rng, street, building);
  if (kind === 'residents_committee') return manager(rng, street, building);
  return rng.pick(street.orgPeople.get(unit.orgId!) ?? [{ userId: null, name: street.orgNames.get(unit.orgId!) ?? '承办单位' }]);
}

/** Community staff who take cases in, dispatch them and call residents back. */
export function manager(rng: Random, street: Street, building: Building): Person {
  const staff = street.managers.get(building.communityId);
  return staff?.length ? rng.pick(staff) : street.accounts.streetAdmin;
}
