import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getResidentInScope } from './repository.js';
import { checkTags, isDuplicateIdNumber, sealResidentPii } from './resident-pii.js';
import type { UpdateResidentBody } from './schema.js';

/** Edits a resident; the audit summary names changed identity fields but never their values. */
export async function updateResident(
  db: Executor,
  cipher: PiiCipher,
  options: Caller & { id: number } & z.infer<typeof UpdateResidentBody>,
) {
  const scope = scopeFor(options.actor, 'household.write');
  try {
    return await inTransaction(db, async (tx) => {
      const before = await getResidentInScope(tx, scope, options.id, true);
      if (before.version !== options.version) throw new AppError('VERSION_CONFLICT', { current: before.version });
      await checkTags(tx, 'resident', options.tags);
      const plain = {
        name: options.name ?? before.name,
        gender: options.gender ?? before.gender,
        birth_date: options.birthDate === undefined ? before.birth_date : options.birthDate,
        political_status: options.politicalStatus ?? before.political_status,
        tags: options.tags ?? before.tags,
      };
      const row = await tx
        .updateTable('resident')
        .set({ ...plain, ...sealResidentPii(cipher, options), version: before.version + 1, updated_at: new Date() })
        .where('id', '=', before.id)
        .returning('version')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, {
        actor: auditActor(options),
        action: 'resident.updated',
        targetType: 'resident',
        targetId: before.id,
        summary: {
          before: { name: before.name, gender: before.gender, birthDate: before.birth_date, politicalStatus: before.political_status, tags: before.tags },
          after: { name: plain.name, gender: plain.gender, birthDate: plain.birth_date, politicalStatus: plain.political_status, tags: plain.tags },
          identityFieldsChanged: [options.idNumber !== undefined && 'idNumber', options.phone !== undefined && 'phone'].filter(Boolean),
        },
        requestId: options.requestId,
        streetId: before.street_id,
      });
      return { id: before.id, version: row.version };
    });
  } catch (err) {
    if (isDuplicateIdNumber(err)) throw new AppError('DUPLICATE_ID_NUMBER');
    throw err;
  }
}
