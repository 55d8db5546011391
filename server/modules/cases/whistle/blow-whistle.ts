import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { WhistleKind } from '../../../platform/db/schema-cases.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { notifyUsers } from '../../../platform/notifications/notify.js';
import { pathInScope, scopeFor, type Scope } from '../../../platform/permissions/scope.js';
import { getVisibleCase, insertEvent } from '../repository.js';
import { OPEN_STATUSES } from '../state-machine.js';
import { addMinutes } from '../time-limits.js';
import { checkinMinutes, departmentsServing, nodeInScope, nodesAtPaths, usersOfOrganisations, type WhistleRow } from './repository.js';

export interface BlowWhistleInput {
  kind: WhistleKind;
  reason: string;
  /** A case the official can see; the whistle takes the case's place. */
  caseId?: number | undefined;
  /** Or a place: free text, optionally pinned to an org node in the official's scope. */
  place?: string | undefined;
  orgNodeId?: number | undefined;
  departmentIds: number[];
}

export const KIND_ZH: Record<WhistleKind, string> = { routine: '日常哨', tough: '攻坚哨', emergency: '应急哨' };

interface Where {
  streetId: number;
  nodeId: number;
  path: string;
  caseRow: Awaited<ReturnType<typeof getVisibleCase>> | null;
}

const lastId = (path: string) => Number(path.split('/').filter(Boolean).at(-1));
/** Local (Asia/Shanghai) wall time for notices, e.g. '06-01 14:30'. */
const localTime = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

/** Where the whistle is blown: the case's place, the chosen node, or the official's own node. */
async function placeOf(tx: Executor, options: Caller & BlowWhistleInput, scope: Scope): Promise<Where> {
  if (options.caseId !== undefined) {
    const c = await getVisibleCase(tx, options.actor, options.caseId, true);
    if (!pathInScope(scope, c.org_path)) throw new AppError('CASE_NOT_FOUND', { id: options.caseId });
    if (!OPEN_STATUSES.includes(c.status)) throw new AppError('CASE_INVALID_TRANSITION', { action: 'whistle', status: c.status, allowedFrom: OPEN_STATUSES });
    return { streetId: c.street_id, nodeId: lastId(c.org_path), path: c.org_path, caseRow: c };
  }
  let node;
  if (options.orgNodeId !== undefined) node = await nodeInScope(tx, scope, options.orgNodeId);
  else {
    const own = await nodesAtPaths(tx, scope.paths);
    if (own.length !== 1) throw new AppError('VALIDATION_FAILED', [{ path: 'body.orgNodeId', message: 'choose the node the place belongs to' }]);
    node = own[0]!;
  }
  const streetId = node.kind === 'street' ? node.id : node.street_id;
  if (streetId === null) throw new AppError('VALIDATION_FAILED', [{ path: 'body.orgNodeId', message: 'the place must lie within a street' }]);
  return { streetId, nodeId: node.id, path: node.path, caseRow: null };
}

/**
 * 吹哨: a street or community official summons departments of the street to a case or a place.
 * Each department must check in within the limit for the kind of whistle; the whistle stays
 * open until its blower closes it (事不完、人不撤).
 */
export async function blowWhistle(db: Executor, options: Caller & BlowWhistleInput): Promise<WhistleRow> {
  const scope = scopeFor(options.actor, 'whistle.blow');
  return inTransaction(db, async (tx) => {
    const where = await placeOf(tx, options, scope);
    const departments = await departmentsServing(tx, where.streetId, options.departmentIds);
    if (departments.length !== options.departmentIds.length) {
      const found = new Set(departments.map((d) => d.id));
      throw new AppError('WHISTLE_DEPARTMENT_INVALID', { departmentIds: options.departmentIds.filter((id) => !found.has(id)) });
    }
    const blownAt = new Date();
    const dueAt = addMinutes(blownAt, await checkinMinutes(tx, options.kind));
    const whistle = await tx
      .insertInto('whistle')
      .values({
        street_id: where.streetId,
        org_node_id: where.nodeId,
        org_path: where.path,
        case_id: where.caseRow?.id ?? null,
        place: options.place ?? null,
        kind: options.kind,
        reason: options.reason,
        blown_by: options.actor.userId,
        blown_at: blownAt,
        checkin_due_at: dueAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('whistle_summons').values(departments.map((d) => ({ whistle_id: whistle.id, department_id: d.id }))).execute();
    const names = departments.map((d) => d.name);
    const c = where.caseRow;
    if (c) {
      await insertEvent(tx, {
        caseId: c.id,
        actorId: options.actor.userId,
        actorName: options.actor.displayName,
        action: 'whistle',
        from: c.status,
        to: c.status,
        note: `${KIND_ZH[options.kind]}：召集 ${names.join('、')}。${options.reason}`,
        data: { whistleId: whistle.id, kind: options.kind, departmentIds: options.departmentIds, checkinDueAt: dueAt.toISOString() },
        at: blownAt,
      });
    }
    const summary = { after: { status: 'open', kind: options.kind, caseId: c?.id ?? null, place: options.place ?? null, departmentIds: options.departmentIds, checkinDueAt: dueAt.toISOString() } };
    await appendAudit(tx, [
      { actor: auditActor(options), action: 'whistle.blow', targetType: 'whistle', targetId: whistle.id, summary, requestId: options.requestId, streetId: where.streetId },
      ...(c
        ? [{ actor: auditActor(options), action: 'case.whistle', targetType: 'case', targetId: c.id, summary: { whistleId: whistle.id, kind: options.kind }, requestId: options.requestId, streetId: where.streetId }]
        : []),
    ]);
    const recipients = (await usersOfOrganisations(tx, options.departmentIds)).filter((id) => id !== options.actor.userId);
    await notifyUsers(tx, recipients, {
      kind: 'whistle.summoned',
      title: `${KIND_ZH[options.kind]}：请于 ${localTime(dueAt)} 前报到`,
      body: `${c ? `诉求 ${c.public_id}` : (options.place ?? '')}：${options.reason}`.slice(0, 500),
      caseId: c?.id ?? null,
    });
    return whistle;
  });
}
