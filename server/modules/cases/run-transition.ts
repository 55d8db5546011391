import type { Updateable } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import type { CaseStatus, CasesTable } from '../../platform/db/schema-cases.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { notifyUsers, type Notice } from '../../platform/notifications/notify.js';
import { assertMayAct } from './case-access.js';
import { bumpRates, type RateCounter, type RateUnit } from './rates.js';
import { getVisibleCase, insertEvent, type CaseRow } from './repository.js';
import { nextStatus, type CaseAction } from './state-machine.js';

export interface TransitionEffect {
  patch?: Updateable<CasesTable>;
  note?: string | null;
  internal?: boolean;
  eventData?: Record<string, unknown>;
  /** Counters to add for units; `at` picks the day (defaults to now). */
  rates?: { units: RateUnit[]; add: Partial<Record<RateCounter, number>>; at?: Date }[];
  notify?: { userIds: number[]; notice: Omit<Notice, 'caseId'> }[];
}

export interface TransitionContext {
  tx: Executor;
  current: CaseRow;
  to: CaseStatus;
  as: ReturnType<typeof assertMayAct>['as'];
  now: Date;
}

/**
 * The one path every case transition takes, in one transaction: load the case if visible (else
 * 404), check the actor may act (403), check the state allows the action (409), apply the
 * change, then write the timeline entry, the audit row, the rate counters and the notices.
 */
export async function runTransition(
  db: Executor,
  options: Caller & { caseId: number; action: CaseAction },
  apply: (ctx: TransitionContext) => Promise<TransitionEffect>,
): Promise<CaseRow> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleCase(tx, options.actor, options.caseId, true);
    const { as } = assertMayAct(options.actor, current, options.action);
    let to = nextStatus(current.status, options.action);
    const now = new Date();
    const effect = await apply({ tx, current, to, as, now });
    to = (effect.patch?.status as CaseStatus | undefined) ?? to;
    const updated = await tx
      .updateTable('cases')
      .set({ ...effect.patch, status: to, version: current.version + 1, updated_at: now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertEvent(tx, {
      caseId: current.id,
      actorId: options.actor.userId,
      actorName: options.actor.displayName,
      action: options.action,
      from: current.status,
      to,
      note: effect.note ?? null,
      internal: effect.internal ?? false,
      data: { ...effect.eventData, as },
      at: now,
    });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: `case.${options.action}`,
      targetType: 'case',
      targetId: current.id,
      summary: { before: { status: current.status }, after: { status: to, ...effect.eventData } },
      requestId: options.requestId,
      streetId: current.street_id,
    });
    for (const r of effect.rates ?? []) {
      await bumpRates(tx, { at: r.at ?? now, case: current, units: r.units, add: r.add });
    }
    for (const n of effect.notify ?? []) {
      const recipients = n.userIds.filter((id) => id !== options.actor.userId);
      await notifyUsers(tx, recipients, { ...n.notice, caseId: current.id });
    }
    return updated;
  });
}
