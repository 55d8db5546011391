import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { notifyUsers } from '../../../platform/notifications/notify.js';
import { insertEvent } from '../repository.js';
import { assertBlowerOrStreetAdmin, whistleVisibility } from './access.js';
import { findWhistle, usersOfOrganisations } from './repository.js';

/**
 * 事不完、人不撤: the whistle ends only when its blower (or an admin of its street) closes it with
 * a summary of what was done. Departments that never checked in stay on record as absent.
 */
export async function closeWhistle(db: Executor, options: Caller & { whistleId: number; summary: string }) {
  return inTransaction(db, async (tx) => {
    const whistle = await findWhistle(tx, options.whistleId, whistleVisibility(options.actor), true);
    assertBlowerOrStreetAdmin(options.actor, whistle);
    if (whistle.status === 'closed') throw new AppError('WHISTLE_CLOSED', { whistleId: whistle.id });
    const at = new Date();
    const closed = await tx
      .updateTable('whistle')
      .set({ status: 'closed', closed_at: at, closed_by: options.actor.userId, summary: options.summary })
      .where('id', '=', whistle.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const summons = await tx.selectFrom('whistle_summons').select(['department_id', 'checked_in_at']).where('whistle_id', '=', whistle.id).execute();
    const absent = summons.filter((s) => s.checked_in_at === null).map((s) => s.department_id);
    if (whistle.case_id !== null) {
      await insertEvent(tx, {
        caseId: whistle.case_id,
        actorId: options.actor.userId,
        actorName: options.actor.displayName,
        action: 'whistle_close',
        from: null,
        to: null,
        note: options.summary,
        data: { whistleId: whistle.id, absentDepartmentIds: absent },
        at,
      });
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'whistle.close',
      targetType: 'whistle',
      targetId: whistle.id,
      summary: { before: { status: 'open' }, after: { status: 'closed', absentDepartmentIds: absent } },
      requestId: options.requestId,
      streetId: whistle.street_id,
    });
    const recipients = (await usersOfOrganisations(tx, summons.map((s) => s.department_id))).filter((id) => id !== options.actor.userId);
    await notifyUsers(tx, recipients, { kind: 'whistle.closed', title: '吹哨事项已办结，可以撤离', body: options.summary.slice(0, 500), caseId: whistle.case_id });
    return closed;
  });
}
