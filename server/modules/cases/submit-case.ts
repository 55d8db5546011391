import { appendAudit } from '../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import { maskPhone } from '../../platform/crypto/pii.js';
import type { CaseChannel, Priority } from '../../platform/db/schema-cases.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { notifyUsers } from '../../platform/notifications/notify.js';
import { can, pathInScope, scopeFor } from '../../platform/permissions/scope.js';
import { scheduleDeadline } from './deadlines.js';
import { locateCase } from './locate.js';
import { areaUnits, bumpRates } from './rates.js';
import { insertEvent, nextPublicIdSql, ownerUserIds, type CaseRow } from './repository.js';
import { addMinutes, loadCategoryLimits } from './time-limits.js';

export interface SubmitCaseInput {
  channel: CaseChannel;
  categoryId: number;
  priority?: Priority | null;
  description: string;
  householdId?: number | null;
  buildingId?: number | null;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  /** Staff entering a case on a resident's behalf (phone call, visit, hotline). */
  reporter?: { name?: string | null; phone?: string | null; residentId?: number | null } | null;
  reporterHidden?: boolean;
  externalRef?: string | null;
  receivedAt?: Date | null;
  /** Answers to the category's service attributes, already checked. */
  attributes?: Record<string, string>;
  /** Set only by the Open311 endpoint after it verified the API key whose account `actor` is. */
  viaApiKey?: boolean;
}

const STAFF_CHANNELS: readonly CaseChannel[] = ['phone', 'visit', 'patrol', 'hotline'];
/** Channels where the signed-in actor is not the person reporting. */
const ON_BEHALF: readonly CaseChannel[] = [...STAFF_CHANNELS, 'open311'];

/**
 * Takes a demand in from any channel: places it in a grid, sets the response limit from its
 * category and priority, and counts it as received for its street, community and grid.
 */
export async function submitCase(db: Executor, cipher: PiiCipher, options: Caller & SubmitCaseInput): Promise<CaseRow> {
  const { actor } = options;
  if ((options.channel === 'open311') !== (options.viaApiKey === true)) throw new AppError('FORBIDDEN', { channel: options.channel });
  if (!options.viaApiKey) scopeFor(actor, 'case.submit');
  if (STAFF_CHANNELS.includes(options.channel) && !can(actor, 'case.manage')) throw new AppError('FORBIDDEN', { channel: options.channel });
  return inTransaction(db, async (tx) => {
    const catalogue = await loadCategoryLimits(tx, options.categoryId);
    if (!catalogue || !catalogue.category.active || catalogue.category.response_minutes === null) throw new AppError('UNKNOWN_CATEGORY', { id: options.categoryId });
    const { category } = catalogue;
    // A resident reports from their own household unless they point at a place.
    const ownHousehold =
      !options.householdId && !options.buildingId && options.lat == null && actor.residentId
        ? await tx
            .selectFrom('household_member as m')
            .innerJoin('household as h', 'h.id', 'm.household_id')
            .select(['h.id', 'h.org_path', 'h.street_id', 'h.address'])
            .where('m.resident_id', '=', actor.residentId)
            .where('m.until', 'is', null)
            .executeTakeFirst()
        : undefined;
    const where = await locateCase(tx, { ...options, householdId: options.householdId ?? ownHousehold?.id ?? null, household: ownHousehold });
    const staffScope = can(actor, 'case.manage') ? scopeFor(actor, 'case.manage') : null;
    if (options.householdId && !(staffScope && pathInScope(staffScope, where.path))) {
      const mine = actor.residentId
        ? await tx.selectFrom('household_member').select('id').where('resident_id', '=', actor.residentId).where('household_id', '=', options.householdId).where('until', 'is', null).executeTakeFirst()
        : undefined;
      if (!mine) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: options.householdId });
    }
    const priority = options.priority ?? category.priority;
    const receivedAt = options.receivedAt ?? new Date();
    const limits = catalogue.limitsFor(priority);
    const dueResponseAt = addMinutes(receivedAt, limits.responseMinutes);
    const phone = options.reporter?.phone ?? null;
    const reporterResidentId = options.reporter?.residentId ?? (ON_BEHALF.includes(options.channel) ? null : actor.residentId);
    const row = await tx
      .insertInto('cases')
      .values({
        public_id: nextPublicIdSql(receivedAt),
        street_id: where.streetId,
        community_id: where.communityId,
        grid_id: where.gridId,
        building_id: where.buildingId,
        household_id: where.householdId,
        org_path: where.path,
        category_id: category.id,
        priority,
        channel: options.channel,
        description: options.description,
        address: where.address,
        lat: options.lat ?? null,
        lon: options.lon ?? null,
        reporter_resident_id: reporterResidentId,
        reporter_user_id: ON_BEHALF.includes(options.channel) ? null : actor.userId,
        reporter_name: options.reporter?.name ?? (ON_BEHALF.includes(options.channel) ? null : actor.displayName),
        reporter_phone_enc: phone ? cipher.encrypt(phone) : null,
        reporter_phone_hash: phone ? cipher.lookupHash('phone', phone) : null,
        reporter_phone_mask: phone ? maskPhone(phone) : null,
        reporter_hidden: options.reporterHidden ?? false,
        external_ref: options.externalRef ?? null,
        attributes: JSON.stringify(options.attributes ?? {}),
        status: 'submitted',
        received_at: receivedAt,
        due_response_at: dueResponseAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertEvent(tx, {
      caseId: row.id,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'submit',
      from: null,
      to: 'submitted',
      data: { channel: options.channel },
      at: receivedAt,
    });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'case.submit',
      targetType: 'case',
      targetId: row.id,
      summary: { after: { status: 'submitted', channel: options.channel, categoryId: category.id, priority, gridId: where.gridId } },
      requestId: options.requestId,
      streetId: row.street_id,
    });
    await bumpRates(tx, { at: receivedAt, case: row, units: areaUnits(row), add: { received: 1 } });
    await scheduleDeadline(tx, { caseId: row.id, from: receivedAt, dueAt: dueResponseAt, kinds: { reminder: 'response_reminder', overdue: 'response_overdue' } });
    await notifyUsers(tx, (await ownerUserIds(tx, row)).filter((id) => id !== actor.userId), {
      kind: 'case.submitted',
      title: `新诉求 ${row.public_id}`,
      body: options.description.slice(0, 200),
      caseId: row.id,
    });
    return row;
  });
}
