import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getHouseholdInScope, getResidentInScope } from './repository.js';
import { checkTags, isDuplicateIdNumber, sealResidentPii } from './resident-pii.js';
import type { AddMemberBody } from './schema.js';

/** Adds a resident to a household: an existing resident in scope, or a new one. */
export async function addMember(
  db: Executor,
  cipher: PiiCipher,
  options: Caller & { householdId: number; body: z.infer<typeof AddMemberBody> },
) {
  const scope = scopeFor(options.actor, 'household.write');
  const { body } = options;
  try {
    return await inTransaction(db, async (tx) => {
      const household = await getHouseholdInScope(tx, scope, options.householdId, true);
      let residentId: number;
      let created = false;
      if ('residentId' in body) {
        residentId = (await getResidentInScope(tx, scope, body.residentId)).id;
      } else {
        const r = body.resident;
        await checkTags(tx, 'resident', r.tags);
        const row = await tx
          .insertInto('resident')
          .values({
            street_id: household.street_id,
            name: r.name,
            gender: r.gender,
            birth_date: r.birthDate ?? (r.idNumber ? `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}` : null),
            political_status: r.politicalStatus,
            tags: r.tags,
            ...sealResidentPii(cipher, { idNumber: r.idNumber ?? null, phone: r.phone ?? null }),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        residentId = row.id;
        created = true;
      }
      const current = await tx
        .selectFrom('household_member')
        .select(['resident_id', 'relationship'])
        .where('household_id', '=', household.id)
        .where('until', 'is', null)
        .execute();
      if (current.some((m) => m.resident_id === residentId)) throw new AppError('CONFLICT', { reason: 'already a member' });
      if (body.relationship === 'head' && current.some((m) => m.relationship === 'head')) throw new AppError('HOUSEHOLD_HAS_HEAD');
      await tx
        .insertInto('household_member')
        .values({ household_id: household.id, resident_id: residentId, relationship: body.relationship, since: new Date().toISOString().slice(0, 10) })
        .execute();
      await appendAudit(tx, {
        actor: auditActor(options),
        action: created ? 'resident.created' : 'household.member_added',
        targetType: 'household',
        targetId: household.id,
        summary: { after: { residentId, relationship: body.relationship, ...('resident' in body ? { name: body.resident.name } : {}) } },
        requestId: options.requestId,
        streetId: household.street_id,
      });
      return { residentId, created };
    });
  } catch (err) {
    if (isDuplicateIdNumber(err)) throw new AppError('DUPLICATE_ID_NUMBER');
    throw err;
  }
}

/** Ends a resident's membership of a household (moved out); the history stays. */
export async function removeMember(db: Executor, options: Caller & { householdId: number; residentId: number }) {
  const scope = scopeFor(options.actor, 'household.write');
  return inTransaction(db, async (tx) => {
    const household = await getHouseholdInScope(tx, scope, options.householdId, true);
    const ended = await tx
      .updateTable('household_member')
      .set({ until: new Date().toISOString().slice(0, 10) })
      .where('household_id', '=', household.id)
      .where('resident_id', '=', options.residentId)
      .where('until', 'is', null)
      .returning('relationship')
      .executeTakeFirst();
    if (!ended) throw new AppError('RESIDENT_NOT_FOUND', { id: options.residentId });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'household.member_removed',
      targetType: 'household',
      targetId: household.id,
      summary: { before: { residentId: options.residentId, relationship: ended.relationship } },
      requestId: options.requestId,
      streetId: household.street_id,
    });
  });
}
