import { maskIdNumber, maskPhone, type PiiCipher } from '../../../platform/crypto/pii.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { AppError } from '../../../platform/errors.js';
import { activeTagCodes } from './repository.js';

/** Encrypted value, look-up hash and mask for each identity field given (null clears it). */
export function sealResidentPii(cipher: PiiCipher, input: { idNumber?: string | null; phone?: string | null }) {
  const out: Record<string, string | null> = {};
  if (input.idNumber !== undefined) {
    const v = input.idNumber;
    out.id_number_enc = v === null ? null : cipher.encrypt(v);
    out.id_number_hash = v === null ? null : cipher.lookupHash('id_number', v);
    out.id_number_mask = v === null ? null : maskIdNumber(v);
  }
  if (input.phone !== undefined) {
    const v = input.phone;
    out.phone_enc = v === null ? null : cipher.encrypt(v);
    out.phone_hash = v === null ? null : cipher.lookupHash('phone', v);
    out.phone_mask = v === null ? null : maskPhone(v);
  }
  return out;
}

/** Refuses tag codes that are not in the configured tag set for this kind of record. */
export async function checkTags(db: Executor, kind: 'household' | 'resident', tags: string[] | undefined): Promise<void> {
  if (!tags?.length) return;
  const known = await activeTagCodes(db, kind);
  const unknown = tags.filter((t) => !known.has(t));
  if (unknown.length) throw new AppError('INVALID_TAG', { kind, unknown });
}

/** The unique index on id_number_hash names a duplicate identity number. */
export function isDuplicateIdNumber(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === 'resident_id_number_uq' || /resident_id_number_uq/.test(e.message ?? ''));
}
