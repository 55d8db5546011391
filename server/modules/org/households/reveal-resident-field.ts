import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { scopeFor } from '../../../platform/permissions/scope.js';
import { getResidentInScope } from './repository.js';

/** Decrypts one identity field for a caller allowed to see it, and records that they did. */
export async function revealResidentField(
  db: Executor,
  cipher: PiiCipher,
  options: Caller & { residentId: number; field: 'idNumber' | 'phone' },
): Promise<{ value: string | null }> {
  const scope = scopeFor(options.actor, 'resident.reveal');
  return inTransaction(db, async (tx) => {
    const resident = await getResidentInScope(tx, scope, options.residentId);
    const sealed = options.field === 'idNumber' ? resident.id_number_enc : resident.phone_enc;
    if (sealed === null) return { value: null };
    let value: string;
    try {
      value = cipher.decrypt(sealed);
    } catch {
      throw new AppError('INTERNAL', undefined, 'stored value cannot be decrypted with the configured key');
    }
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'resident.revealed',
      targetType: 'resident',
      targetId: resident.id,
      summary: { field: options.field },
      requestId: options.requestId,
      streetId: resident.street_id,
    });
    return { value };
  });
}
