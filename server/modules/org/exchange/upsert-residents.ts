import type { Transaction } from 'kysely';
import type { AuditEntry } from '../../../platform/audit/audit.js';
import { auditActor, type Caller } from '../../../platform/context.js';
import type { PiiCipher } from '../../../platform/crypto/pii.js';
import type { DB, Gender, NewResident, PoliticalStatus, Relationship } from '../../../platform/db/schema.js';
import { sealResidentPii } from '../households/resident-pii.js';
import type { ProgressSink } from './progress.js';
import { chunked, insertMemberships, insertResidents, updateRelationships, updateResidents, type MembershipRow, type ResidentChange } from './repository.js';
import { genderFromIdNumber, type ResidentRecord } from './resident-sheet.js';
import { sameSet } from './row-reader.js';
import { appendAuditInBatches, type ImportSummary } from './upsert-households.js';

const WRITE_BATCH = 1000;

interface Fields {
  name: string;
  gender: Gender;
  birth_date: string | null;
  political_status: PoliticalStatus;
  tags: string[];
}

const view = (f: Fields) => ({
  name: f.name,
  gender: f.gender,
  birthDate: f.birth_date,
  politicalStatus: f.political_status,
  tags: f.tags,
});

function identityFields(record: ResidentRecord, before?: { id_number_hash: string | null; phone_hash: string | null }) {
  return [
    record.idNumberHash !== undefined && record.idNumberHash !== before?.id_number_hash && 'idNumber',
    record.phoneHash !== undefined && record.phoneHash !== before?.phone_hash && 'phone',
  ].filter((f): f is string => Boolean(f));
}

function sealed(cipher: PiiCipher, record: ResidentRecord, changed: string[]) {
  const pii = sealResidentPii(cipher, {
    ...(changed.includes('idNumber') ? { idNumber: record.idNumber! } : {}),
    ...(changed.includes('phone') ? { phone: record.phone! } : {}),
  });
  return {
    set_id_number: changed.includes('idNumber'),
    id_number_enc: pii.id_number_enc ?? null,
    id_number_hash: pii.id_number_hash ?? null,
    id_number_mask: pii.id_number_mask ?? null,
    set_phone: changed.includes('phone'),
    phone_enc: pii.phone_enc ?? null,
    phone_hash: pii.phone_hash ?? null,
    phone_mask: pii.phone_mask ?? null,
  };
}

/**
 * Writes validated resident rows inside the import transaction: new residents (identity fields
 * sealed), changed residents (version + 1), missing memberships and changed relationships.
 * One audit row per resident created or updated; identity values never enter the summary.
 */
export async function upsertResidents(
  tx: Transaction<DB>,
  cipher: PiiCipher,
  records: ResidentRecord[],
  options: Caller & { jobId: number; progress: ProgressSink },
): Promise<ImportSummary> {
  const actor = auditActor(options);
  const audit: AuditEntry[] = [];
  const fresh = records.filter((r) => !r.existing);
  const known = records.filter((r) => r.existing);
  const newMembers: MembershipRow[] = [];
  const relationshipChanges: MembershipRow[] = [];

  for (const batch of chunked(fresh, WRITE_BATCH)) {
    const fields: Fields[] = batch.map((r) => ({
      name: r.name,
      gender: r.gender ?? (r.idNumber ? genderFromIdNumber(r.idNumber) : 'unknown'),
      birth_date: r.birthDate ?? null,
      political_status: r.politicalStatus ?? 'masses',
      tags: r.tags ?? [],
    }));
    const rows: NewResident[] = batch.map((r, i) => ({
      street_id: r.household.streetId,
      ...fields[i]!,
      ...sealResidentPii(cipher, { idNumber: r.idNumber ?? null, phone: r.phone ?? null }),
    }));
    const ids = await insertResidents(tx, rows);
    batch.forEach((record, i) => {
      newMembers.push({ household_id: record.household.id, resident_id: ids[i]!, relationship: record.relationship });
      audit.push({
        actor,
        action: 'resident.created',
        targetType: 'resident',
        targetId: ids[i],
        summary: {
          after: { ...view(fields[i]!), householdId: record.household.id, relationship: record.relationship },
          identityFieldsSet: identityFields(record),
          importJobId: options.jobId,
        },
        requestId: options.requestId,
        streetId: record.household.streetId,
      });
    });
    await options.progress.advance(batch.length);
  }

  const changes: ResidentChange[] = [];
  let unchanged = 0;
  for (const record of known) {
    const before = record.existing!;
    const after: Fields = {
      name: record.name,
      gender: record.gender ?? before.gender,
      birth_date: record.birthDate ?? before.birth_date,
      political_status: record.politicalStatus ?? before.political_status,
      tags: record.tags ?? before.tags,
    };
    const identityChanged = identityFields(record, before);
    const fieldsChanged =
      after.name !== before.name ||
      after.gender !== before.gender ||
      after.birth_date !== before.birth_date ||
      after.political_status !== before.political_status ||
      !sameSet(after.tags, before.tags) ||
      identityChanged.length > 0;
    const relationshipBefore: Relationship | undefined = record.currentRelationship;
    const membership = { household_id: record.household.id, resident_id: before.id, relationship: record.relationship };
    if (relationshipBefore === undefined) newMembers.push(membership);
    else if (relationshipBefore !== record.relationship) relationshipChanges.push(membership);
    const membershipChanged = relationshipBefore !== record.relationship;
    if (!fieldsChanged && !membershipChanged) {
      unchanged += 1;
      continue;
    }
    if (fieldsChanged) changes.push({ id: before.id, ...after, ...sealed(cipher, record, identityChanged) });
    audit.push({
      actor,
      action: 'resident.updated',
      targetType: 'resident',
      targetId: before.id,
      summary: {
        before: { ...view(before), householdId: record.household.id, relationship: relationshipBefore ?? null },
        after: { ...view(after), householdId: record.household.id, relationship: record.relationship },
        identityFieldsChanged: identityChanged,
        importJobId: options.jobId,
      },
      requestId: options.requestId,
      streetId: record.household.streetId,
    });
  }
  await options.progress.advance(known.length - changes.length);
  for (const batch of chunked(changes, WRITE_BATCH)) {
    await updateResidents(tx, batch);
    await options.progress.advance(batch.length);
  }
  // A household never holds two heads, not even between two statements: step down first, then step up, then join.
  await updateRelationships(tx, relationshipChanges.filter((m) => m.relationship !== 'head'));
  await updateRelationships(tx, relationshipChanges.filter((m) => m.relationship === 'head'));
  await insertMemberships(tx, newMembers, new Date().toISOString().slice(0, 10));
  await appendAuditInBatches(tx, audit);
  return { created: fresh.length, updated: known.length - unchanged, unchanged };
}
