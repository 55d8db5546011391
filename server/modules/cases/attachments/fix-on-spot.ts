import type { Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { areaUnits, bumpRates } from '../rates.js';
import { insertEvent } from '../repository.js';
import { submitCase, type SubmitCaseInput } from '../submit-case.js';
import { attachFiles, type UploadedFile } from './attach-files.js';
import { appendAudit } from '../../../platform/audit/audit.js';
import { auditActor } from '../../../platform/context.js';

/**
 * 随手做: a grid worker on patrol fixes a small problem at once. The case is recorded, its
 * evidence attached, and it is closed resolved in the same transaction — it was responded to
 * on the spot, and it is never rated because no resident asked.
 */
export async function fixOnSpot(
  db: Executor,
  cipher: PiiCipher,
  options: Caller & Omit<SubmitCaseInput, 'channel'> & { note: string; files: UploadedFile[] },
) {
  if (options.files.length === 0) throw new AppError('VALIDATION_FAILED', [{ path: 'files', message: 'a photo of the result is required' }]);
  return inTransaction(db, async (tx) => {
    const created = await submitCase(tx, cipher, { ...options, channel: 'patrol' });
    await attachFiles(tx, { actor: options.actor, requestId: options.requestId, caseId: created.id, files: options.files });
    const now = new Date();
    const closed = await tx
      .updateTable('cases')
      .set({ status: 'closed', responded_at: now, closed_at: now, resolution: 'resolved', owner_node_id: created.grid_id ?? created.community_id, version: created.version + 1, updated_at: now })
      .where('id', '=', created.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertEvent(tx, { caseId: created.id, actorId: options.actor.userId, actorName: options.actor.displayName, action: 'fix_on_spot', from: 'submitted', to: 'closed', note: options.note, at: now });
    await bumpRates(tx, { at: created.received_at, case: created, units: areaUnits(created), add: { responded_in_time: 1 } });
    await appendAudit(tx, {
      actor: auditActor(options),
      action: 'case.fix_on_spot',
      targetType: 'case',
      targetId: created.id,
      summary: { before: { status: 'submitted' }, after: { status: 'closed', resolution: 'resolved' } },
      requestId: options.requestId,
      streetId: created.street_id,
    });
    return closed;
  });
}
