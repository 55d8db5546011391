import type { Transaction } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.js';
import type { DB } from '../../../platform/db/schema.js';
import { notifyUsers } from '../../../platform/notifications/notify.js';
import { areaUnits, bumpRates, handlerUnit } from '../rates.js';
import { handlerUserIds, insertEvent, ownerUserIds, type CaseRow } from '../repository.js';
import { escalationStepMs, livePhase, localTime, nextEscalation, reminderIsLate, type Phase } from './job-rules.js';
import {
  finishJob,
  insertSupervision,
  lockCase,
  markOverdue,
  planEscalation,
  raiseSupervisionLevel,
  rearmJob,
  usersWithRoleAt,
  type DeadlineJobRow,
} from './repository.js';

export type JobOutcome = 'reminded' | 'overdue' | 'escalated' | 'at_top' | 'stale' | 'superseded' | 'failed';

/** Time-driven work is done by the platform, not by a person. */
export const SCHEDULER_ACTOR = { id: null, name: 'scheduler' } as const;

export interface JobSettings {
  now: Date;
  /** Share of the limit between escalation steps (ESCALATE_AFTER_SHARE). */
  escalateShare: number;
}

interface Step {
  tx: Transaction<DB>;
  job: DeadlineJobRow;
  c: CaseRow;
  phase: Phase;
  settings: JobSettings;
}

/**
 * Does one claimed job inside the transaction that claimed it, and marks it done (or re-arms an
 * escalation ladder) in the same transaction, so its effects and its completion commit together.
 */
export async function processJob(tx: Transaction<DB>, job: DeadlineJobRow, settings: JobSettings): Promise<JobOutcome> {
  const c = await lockCase(tx, job.case_id);
  const phase = livePhase(job, c);
  const { now } = settings;
  if (phase === null) {
    await finishJob(tx, job.id, 'stale', now);
    return 'stale';
  }
  const step: Step = { tx, job, c, phase, settings };
  switch (job.kind) {
    case 'response_reminder':
    case 'reminder': {
      const outcome = reminderIsLate(job, now) ? 'superseded' : await remind(step);
      await finishJob(tx, job.id, outcome, now);
      return outcome;
    }
    case 'response_overdue':
    case 'overdue':
      await markCaseOverdue(step);
      await finishJob(tx, job.id, 'overdue', now);
      return 'overdue';
    case 'escalate':
      return escalate(step);
    default: {
      const never: never = job.kind;
      throw new Error(`unknown deadline job kind ${String(never)}`);
    }
  }
}

/** The unit that must act next: the owner while a response is due, the handler while a fix is due. */
async function actingUnitUsers(step: Step): Promise<number[]> {
  return step.phase === 'response' ? ownerUserIds(step.tx, step.c) : handlerUserIds(step.tx, step.c);
}

const LIMIT_NAME: Record<Phase, string> = { response: '响应', resolution: '办理' };

async function remind(step: Step): Promise<JobOutcome> {
  const { c, job, phase } = step;
  await record(step, {
    kind: 'reminder',
    level: c.supervision_level,
    nodeId: null,
    action: 'remind',
    note: `${LIMIT_NAME[phase]}时限将于 ${localTime(job.due_at)} 到期`,
    recipients: await actingUnitUsers(step),
    notice: { kind: 'case.reminder', title: `催办 ${c.public_id}：${LIMIT_NAME[phase]}时限将到` },
  });
  return 'reminded';
}

async function markCaseOverdue(step: Step): Promise<void> {
  const { tx, c, job, phase, settings } = step;
  // Counted once per case and deadline, on the day the deadline passed.
  if (await markOverdue(tx, c, settings.now)) {
    await bumpRates(tx, { at: job.due_at, case: c, units: [...areaUnits(c), ...handlerUnit(c)], add: { overdue: 1 } });
  }
  const owner = await ownerUserIds(tx, c);
  await record(step, {
    kind: 'overdue',
    level: c.supervision_level,
    nodeId: null,
    action: 'overdue',
    note: `已超过${LIMIT_NAME[phase]}时限（${localTime(job.due_at)}）`,
    recipients: phase === 'response' ? owner : [...(await handlerUserIds(tx, c)), ...owner],
    notice: { kind: 'case.overdue', title: `超期 ${c.public_id}：已超过${LIMIT_NAME[phase]}时限` },
  });
  if (nextEscalation(c)) {
    const runAt = new Date(job.due_at.getTime() + escalationStepMs(c, phase, settings.escalateShare));
    await planEscalation(tx, { caseId: c.id, dueAt: job.due_at, runAt });
  }
}

async function escalate(step: Step): Promise<JobOutcome> {
  const { tx, c, job, phase, settings } = step;
  const target = nextEscalation(c);
  if (!target) {
    await finishJob(tx, job.id, 'at_top', settings.now);
    return 'at_top';
  }
  await raiseSupervisionLevel(tx, c, target.level, settings.now);
  await record(step, {
    kind: 'escalated',
    level: target.level,
    nodeId: target.nodeId,
    action: 'escalate',
    note: `超期未办，督办升级至${target.unitName}（第 ${target.level} 级）`,
    recipients: await usersWithRoleAt(tx, target.nodeId, target.role),
    notice: { kind: 'case.escalated', title: `督办升级 ${c.public_id}：超期未办` },
  });
  if (nextEscalation({ ...c, supervision_level: target.level })) {
    await rearmJob(tx, job.id, 'escalated', new Date(job.run_at.getTime() + escalationStepMs(c, phase, settings.escalateShare)));
  } else {
    await finishJob(tx, job.id, 'escalated', settings.now);
  }
  return 'escalated';
}

/** The supervision row, the internal timeline entry, the audit row and the notices of one step. */
async function record(
  step: Step,
  r: {
    kind: 'reminder' | 'overdue' | 'escalated';
    level: number;
    nodeId: number | null;
    action: 'remind' | 'overdue' | 'escalate';
    note: string;
    recipients: number[];
    notice: { kind: string; title: string };
  },
): Promise<void> {
  const { tx, c, job, phase, settings } = step;
  await insertSupervision(tx, { case_id: c.id, level: r.level, kind: r.kind, org_node_id: r.nodeId, by_user_id: null, note: r.note, at: settings.now });
  const data = { jobId: job.id, phase, dueAt: job.due_at.toISOString(), level: r.level, orgNodeId: r.nodeId };
  await insertEvent(tx, {
    caseId: c.id,
    actorId: null,
    actorName: SCHEDULER_ACTOR.name,
    action: r.action,
    from: c.status,
    to: c.status,
    note: r.note,
    internal: true,
    data,
    at: settings.now,
  });
  await appendAudit(tx, {
    actor: SCHEDULER_ACTOR,
    action: `case.${r.action}`,
    targetType: 'case',
    targetId: c.id,
    summary: { after: data },
    streetId: c.street_id,
  });
  await notifyUsers(tx, r.recipients, { kind: r.notice.kind, title: r.notice.title, body: `${r.note}。${c.description.slice(0, 120)}`, caseId: c.id });
}
