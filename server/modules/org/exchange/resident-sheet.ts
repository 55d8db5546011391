import { birthDateFromIdNumber, type PiiCipher } from '../../../platform/crypto/pii.js';
import type { Gender, ImportRowError, PoliticalStatus, Relationship } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Scope } from '../../../platform/permissions/scope.js';
import { IdNumberField, PhoneField, ResidentFields } from '../households/schema.js';
import { GENDER_LABELS, POLITICAL_LABELS, RELATIONSHIP_LABELS } from './columns.js';
import type { ProgressSink } from './progress.js';
import type { ImportSheet } from './read-sheet.js';
import { currentMembersOf, householdsInBuildings, residentsByIdHash, type ExistingMember, type ExistingResident } from './repository.js';
import { isMasked, RowReader, TagCatalogue } from './row-reader.js';
import { householdKey, loadSheetContext, readLocation, readTags, type Location, type SheetContext } from './sheet-context.js';

/**
 * One valid row of a residents file, resolved against the archive. Undefined optional fields keep
 * the stored value (or take the default for a new resident); identity values are plaintext only
 * here, in memory, on their way to being sealed.
 */
export interface ResidentRecord {
  row: number;
  household: { id: number; streetId: number };
  existing: ExistingResident | undefined;
  /** The resident's current relationship in this household, when already a member. */
  currentRelationship: Relationship | undefined;
  name: string;
  relationship: Relationship;
  gender: Gender | undefined;
  birthDate: string | undefined;
  politicalStatus: PoliticalStatus | undefined;
  tags: string[] | undefined;
  idNumber: string | undefined;
  idNumberHash: string | undefined;
  phone: string | undefined;
  phoneHash: string | undefined;
}

interface ReadRow {
  r: RowReader;
  location: Location | undefined;
  name: string | undefined;
  relationship: Relationship | undefined;
  gender: Gender | undefined;
  birthDate: string | undefined;
  politicalStatus: PoliticalStatus | undefined;
  tags: string[] | undefined;
  idNumber: string | undefined;
  idNumberHash: string | undefined;
  phone: string | undefined;
  phoneHash: string | undefined;
}

const PROGRESS_STEP = 1000;
/** Digits beyond this are lost when Excel stores a number, as it does with an ID typed into a General cell. */
const EXACT_DIGITS = 1e15;

export function genderFromIdNumber(id: string): Gender {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** A plaintext ID number, undefined for blank or masked (keep), or an error. */
function readIdNumber(r: RowReader): string | undefined {
  if (r.blank('idNumber')) return undefined;
  const raw = r.raw('idNumber');
  if (typeof raw === 'number' && raw >= EXACT_DIGITS) return r.fail('idNumber', '身份证号被 Excel 存成了数字，末几位已丢失；请将该列设为文本格式后重新填写');
  const text = r.text('idNumber');
  if (isMasked(text)) return undefined;
  return r.check('idNumber', IdNumberField, text, '身份证号无效（应为 18 位，出生日期和校验位须正确）');
}

function readPhone(r: RowReader): string | undefined {
  if (r.blank('phone')) return undefined;
  const text = r.text('phone');
  if (isMasked(text)) return undefined;
  return r.check('phone', PhoneField, text, '手机号格式不正确（11 位手机号或带区号的固定电话）');
}

function readRow(r: RowReader, context: SheetContext, tags: TagCatalogue, cipher: PiiCipher): ReadRow {
  const location = readLocation(r, context.buildings);
  const nameText = r.required('name');
  const name = nameText === undefined ? undefined : r.check('name', ResidentFields.shape.name, nameText, '姓名不能超过 50 个字');
  const relationship = r.choice('relationship', RELATIONSHIP_LABELS, true);
  const gender = r.choice('gender', GENDER_LABELS, false);
  let birthDate = r.date('birthDate');
  const politicalStatus = r.choice('politicalStatus', POLITICAL_LABELS, false);
  const idNumber = readIdNumber(r);
  const phone = readPhone(r);
  const tagCodes = readTags(r, tags);
  if (idNumber !== undefined) {
    const fromId = birthDateFromIdNumber(idNumber);
    if (birthDate === undefined && r.blank('birthDate')) birthDate = fromId;
    else if (birthDate !== undefined && birthDate !== fromId) r.fail('birthDate', '出生日期与身份证号不一致');
  }
  return {
    r,
    location,
    name,
    relationship,
    gender,
    birthDate,
    politicalStatus,
    tags: tagCodes,
    idNumber,
    idNumberHash: idNumber === undefined ? undefined : cipher.lookupHash('id_number', idNumber),
    phone,
    phoneHash: phone === undefined ? undefined : cipher.lookupHash('phone', phone),
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** At most one head per household, counting the members already registered and the file. */
function checkHeads(records: ResidentRecord[], members: Map<number, ExistingMember[]>, readers: Map<number, RowReader>): void {
  for (const [householdId, rows] of groupBy(records, (rec) => rec.household.id)) {
    const heads = rows.filter((rec) => rec.relationship === 'head');
    if (heads.length === 0) continue;
    const registered = members.get(householdId)?.find((m) => m.relationship === 'head');
    const registeredStays = registered !== undefined && !rows.some((rec) => rec.existing?.id === registered.id && rec.relationship !== 'head');
    const registeredInFile = registered !== undefined && heads.some((rec) => rec.existing?.id === registered.id);
    heads.forEach((rec, i) => {
      const r = readers.get(rec.row)!;
      if (registeredStays && !registeredInFile) r.fail('relationship', '该户已有户长');
      else if (i > 0) r.fail('relationship', `同一户只能有一名户长（第 ${heads[0]!.row} 行已填写户长）`);
    });
  }
}

/**
 * Checks every row of a residents file against the archive and collects every error: cells,
 * households that must exist in scope, duplicates in the file, ID numbers registered in another
 * household, and a second head. Nothing is written.
 */
export async function validateResidentSheet(db: Executor, cipher: PiiCipher, scope: Scope, sheet: ImportSheet, progress: ProgressSink) {
  const context = await loadSheetContext(db, scope, sheet.rows);
  const tags = new TagCatalogue(context.tags, 'resident');
  const errors: ImportRowError[] = [];
  const read: ReadRow[] = [];
  for (const [i, sheetRow] of sheet.rows.entries()) {
    read.push(readRow(new RowReader(sheetRow, 'residents', errors), context, tags, cipher));
    if ((i + 1) % PROGRESS_STEP === 0) await progress.advance(PROGRESS_STEP);
  }

  const buildingIds = [...new Set(read.flatMap((x) => (x.location ? [x.location.building.id] : [])))];
  const households = new Map((await householdsInBuildings(db, buildingIds)).map((h) => [householdKey(h.building_id, h.unit, h.room), h]));
  const householdIds = [...new Set(read.flatMap((x) => (x.location && households.has(x.location.key) ? [households.get(x.location.key)!.id] : [])))];
  const memberRows = await currentMembersOf(db, householdIds);
  const members = groupBy(memberRows, (m) => m.household_id);
  // ID numbers of people already in these households are known; only the rest are looked up.
  const byHash = new Map<string, ExistingResident & { householdIds: number[] }>();
  for (const m of memberRows) {
    if (!m.id_number_hash) continue;
    const known = byHash.get(m.id_number_hash);
    if (known) known.householdIds.push(m.household_id);
    else byHash.set(m.id_number_hash, { ...m, householdIds: [m.household_id] });
  }
  const unknown = [...new Set(read.flatMap((x) => (x.idNumberHash && !byHash.has(x.idNumberHash) ? [x.idNumberHash] : [])))];
  for (const r of await residentsByIdHash(db, unknown)) byHash.set(r.id_number_hash!, r);

  const records: ResidentRecord[] = [];
  const readers = new Map<number, RowReader>();
  const firstRowOfId = new Map<string, number>();
  const firstRowOfResident = new Map<string, number>();
  for (const x of read) {
    const { r } = x;
    readers.set(r.row, r);
    if (x.idNumberHash) {
      const first = firstRowOfId.get(x.idNumberHash);
      if (first !== undefined) {
        r.fail('idNumber', `与第 ${first} 行的身份证号重复`);
        continue;
      }
      firstRowOfId.set(x.idNumberHash, r.row);
    }
    if (!x.location) continue;
    const household = households.get(x.location.key);
    if (!household) {
      r.fail('room', '该户不存在，请先导入或登记住户');
      continue;
    }
    if (x.name === undefined) continue;
    const current = members.get(household.id) ?? [];
    let existing: ExistingResident | undefined;
    if (x.idNumberHash) {
      const found = byHash.get(x.idNumberHash);
      if (found && found.householdIds.length > 0 && !found.householdIds.includes(household.id)) {
        r.fail('idNumber', '该身份证号已登记在其他户，请先在原户办理迁出');
        continue;
      }
      existing = found;
    }
    if (!existing) {
      // Without a known ID number the person is the member of this household with this name.
      const sameName = current.filter((m) => m.name === x.name && (!x.idNumberHash || m.id_number_hash === null));
      if (sameName.length > 1) {
        r.fail('name', '该户有多名同名居民，请填写身份证号加以区分');
        continue;
      }
      existing = sameName[0];
    }
    const identity = existing ? `id:${existing.id}` : x.idNumberHash ? `hash:${x.idNumberHash}` : `name:${household.id}\u0000${x.name}`;
    const first = firstRowOfResident.get(identity);
    if (first !== undefined) {
      r.fail('name', `与第 ${first} 行是同一居民`);
      continue;
    }
    firstRowOfResident.set(identity, r.row);
    // Rows with errors in other cells still count towards the head check; any error rejects the file.
    if (!x.relationship) continue;
    records.push({
      row: r.row,
      household: { id: household.id, streetId: household.street_id },
      existing,
      currentRelationship: existing ? current.find((m) => m.id === existing.id)?.relationship : undefined,
      name: x.name,
      relationship: x.relationship,
      gender: x.gender,
      birthDate: x.birthDate,
      politicalStatus: x.politicalStatus,
      tags: x.tags,
      idNumber: x.idNumber,
      idNumberHash: x.idNumberHash,
      phone: x.phone,
      phoneHash: x.phoneHash,
    });
  }
  checkHeads(records, members, readers);
  await progress.advance(sheet.rows.length % PROGRESS_STEP);
  return { records, errors };
}
