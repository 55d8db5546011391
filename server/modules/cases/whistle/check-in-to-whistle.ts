import { sql, type SqlBool } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { notifyUsers } from '../../../platform/notifications/notify.js';
import { inScope, scopeFor } from '../../../platform/permissions/scope.js';
import { insertEvent } from '../repository.js';
import { summonedDepartmentOf, whistleVisibility } from './access.js';
import { findSummons, findWhistle } from './repository.js';

/**
 * 报到: a summoned department reports that it has sent people. The handler's own department is
 * the one checking in; it counts as on time when it comes by the whistle's check-in due time.
 * A department of the street that was not summoned learns so (NOT_SUMMONED); a whistle outside
 * the handler's reach does not exist for them.
 */
export async function checkInToWhistle(db: Executor, options: Caller & { whistleId: number; peopleSent: string }) {
  const scope = scopeFor(options.actor, 'whistle.checkin');
  const department = summonedDepartmentOf(options.actor);
  return inTransaction(db, async (tx) => {
    const reach = sql<SqlBool>`(${whistleVisibility(options.actor)} or ${inScope('w.org_path', scope)})`;
    const whistle = await findWhistle(tx, options.whistleId, reach, true);
    const summons = department === null ? undefined : await findSummons(tx, whistle.id, department);
    if (!summons) throw new AppError('NOT_SUMMONED', { whistleId: whistle.id });
    if (whistle.status === 'closed') throw new AppError('WHISTLE_CLOSED', { whistleId: whistle.id });
    if (summons.checked_in_at !== null) throw new AppError('ALREADY_CHECKED_IN', { whistleId: whistle.id, checkedInAt: summons.checked_in_at });
    const at = new Date();
    const onTime = at.getTime() <= whistle.checkin_due_at.getTime();
    const updated = await tx
      .updateTable('whistle_summons')
      .set({ checked_in_at: at, checked_in_by: options.actor.userId, people_sent: options.peopleSent, on_time: onTime })
      .where('whistle_id', '=', whistle.id)
      .where('department_id', '=', summons.department_id)
      .where('checked_in_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('ALREADY_CHECKED_IN', { whistleId: whistle.id });
    const name = (await tx.selectFrom('organisation').select('name').where('id', '=', summons.department_id).executeTakeFirstOrThrow()).name;
    if (whistle.case_id !== null) {
      await insertEvent(tx, {
        caseId: whistle.case_id,
        actorId: options.actor.userId,
        actorName: options.actor.displayName,
        action: 'whistle_checkin',
        from: null,
        to: null,
        note: `${name} 已报到：${options.peopleSent}`,
        data: { whistleId: whistle.id, departmentId: summons.department_id, onTime },
        at,
      });
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'whistle.checkin',
      targetType: 'whistle',
      targetId: whistle.id,
      summary: { departmentId: summons.department_id, before: { checkedIn: false }, after: { checkedIn: true, onTime, peopleSent: options.peopleSent } },
      requestId: options.requestId,
      streetId: whistle.street_id,
    });
    if (whistle.blown_by !== options.actor.userId) {
      await notifyUsers(tx, [whistle.blown_by], { kind: 'whistle.checked_in', title: `${name} 已报到${onTime ? '' : '（超时）'}`, body: options.peopleSent.slice(0, 500), caseId: whistle.case_id });
    }
    return updated;
  });
}
