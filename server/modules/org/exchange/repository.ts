import { sql, type Compilable, type Transaction } from 'kysely';
import type { DB, Gender, Housing, ImportJobKind, ImportKind, ImportRowError, ImportStatus, NewResident, PoliticalStatus, Relationship } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';
import { anyId, anyText } from '../../../platform/db/any.js';

/** Data access of the import and export. Writes go in batches of multi-row statements. */

const INSERT_ROWS = 1000;

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inBatches<T, R>(items: readonly T[], size: number, query: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const batch of chunked(items, size)) out.push(...(await query(batch)));
  return out;
}

/**
 * Runs a select and brings its rows back as one JSON document. PGlite decodes every result row in
 * JavaScript, which makes tens of thousands of rows cost seconds; one aggregated value costs a
 * fraction of that, and PostgreSQL does not mind either. Values must survive JSON: cast numeric
 * to text; dates arrive as YYYY-MM-DD, as the drivers are configured to give them anyway.
 */
async function selectAsJson<O>(db: Executor, query: Compilable<O>): Promise<O[]> {
  const result = await sql<{ rows: string }>`select coalesce(json_agg(t), '[]')::text as rows from (${query}) as t`.execute(db);
  return JSON.parse(result.rows[0]?.rows ?? '[]') as O[];
}


// ---------------------------------------------------------------------------------------------
// Look-ups for validation

export interface TagRow {
  code: string;
  appliesTo: 'household' | 'resident' | 'both';
  nameZh: string;
  active: boolean;
}

export async function listTags(db: Executor): Promise<TagRow[]> {
  return db.selectFrom('tag').select(['code', 'applies_to as appliesTo', 'name_zh as nameZh', 'active']).orderBy('sort_order').execute();
}

export interface BuildingRef {
  id: number;
  code: string;
  kind: string;
  name: string;
  path: string;
  streetId: number | null;
  address: string | null;
}

/** Org nodes with these codes inside the scope; codes outside it are simply absent. */
export async function nodesByCodeInScope(db: Executor, scope: Scope, codes: string[]): Promise<BuildingRef[]> {
  return db
    .selectFrom('org_node as n')
    .select(['n.id', 'n.code', 'n.kind', 'n.name', 'n.path', 'n.street_id as streetId', 'n.address'])
    .where('n.code', '=', anyText(codes))
    .where(inScope('n.path', scope))
    .execute();
}

export interface ExistingHousehold {
  id: number;
  building_id: number;
  street_id: number;
  unit: string;
  room: string;
  address: string;
  housing: Housing;
  area_m2: string | null;
  tags: string[];
  notes: string | null;
  version: number;
}

export async function householdsInBuildings(db: Executor, buildingIds: number[]): Promise<ExistingHousehold[]> {
  return selectAsJson(
    db,
    db
      .selectFrom('household')
      .select(['id', 'building_id', 'street_id', 'unit', 'room', 'address', 'housing', sql<string | null>`area_m2::text`.as('area_m2'), 'tags', 'notes', 'version'])
      .where('building_id', '=', anyId(buildingIds)),
  );
}

/** A resident as the import compares it: no encrypted values, only look-up hashes. */
export interface ExistingResident {
  id: number;
  street_id: number;
  name: string;
  gender: Gender;
  birth_date: string | null;
  political_status: PoliticalStatus;
  tags: string[];
  id_number_hash: string | null;
  phone_hash: string | null;
  version: number;
}

const residentColumns = [
  'r.id',
  'r.street_id',
  'r.name',
  'r.gender',
  'r.birth_date',
  'r.political_status',
  'r.tags',
  'r.id_number_hash',
  'r.phone_hash',
  'r.version',
] as const;

export interface ExistingMember extends ExistingResident {
  household_id: number;
  relationship: Relationship;
}

export async function currentMembersOf(db: Executor, householdIds: number[]): Promise<ExistingMember[]> {
  return selectAsJson(
    db,
    db
      .selectFrom('household_member as m')
      .innerJoin('resident as r', 'r.id', 'm.resident_id')
      .select([...residentColumns, 'm.household_id', 'm.relationship'])
      .where('m.household_id', '=', anyId(householdIds))
      .where('m.until', 'is', null),
  );
}

/** Residents with these ID-number hashes, and the households each currently belongs to. */
export async function residentsByIdHash(db: Executor, hashes: string[]): Promise<(ExistingResident & { householdIds: number[] })[]> {
  if (hashes.length === 0) return [];
  return selectAsJson(
    db,
    db
      .selectFrom('resident as r')
      .select([
        ...residentColumns,
        sql<number[]>`array(select m.household_id from household_member m where m.resident_id = r.id and m.until is null)`.as('householdIds'),
      ])
      .where('r.id_number_hash', '=', anyText(hashes)),
  );
}

// ---------------------------------------------------------------------------------------------
// Writes, all inside the import's one transaction

type Tx = Transaction<DB>;

/** One import at a time per database: a second waits and then sees what the first wrote. */
export async function lockImports(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(727003)`.execute(tx);
}

export interface NewHouseholdRow {
  building_id: number;
  grid_id: number;
  community_id: number;
  street_id: number;
  org_path: string;
  unit: string;
  room: string;
  address: string;
  housing: Housing;
  area_m2: string | null;
  tags: string[];
  notes: string | null;
}

export async function insertHouseholds(tx: Tx, rows: NewHouseholdRow[]) {
  return inBatches(rows, INSERT_ROWS, (batch) =>
    tx.insertInto('household').values(batch).returning(['id', 'building_id', 'unit', 'room']).execute(),
  );
}

export interface HouseholdChange {
  id: number;
  housing: Housing;
  area_m2: string | null;
  tags: string[];
  notes: string | null;
}

/** Many rows changed by one statement per batch: the new values travel as one JSON document. */
export async function updateHouseholds(tx: Tx, rows: HouseholdChange[]): Promise<void> {
  for (const batch of chunked(rows, INSERT_ROWS)) {
    await sql`update household as h
      set housing = v.housing, area_m2 = v.area_m2, tags = v.tags, notes = v.notes,
          version = h.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as v(id bigint, housing text, area_m2 numeric, tags text[], notes text)
      where h.id = v.id`.execute(tx);
  }
}

/** Inserts residents and returns their ids in the order given (PostgreSQL returns VALUES rows in order). */
export async function insertResidents(tx: Tx, rows: NewResident[]): Promise<number[]> {
  const written = await inBatches(rows, INSERT_ROWS, (batch) => tx.insertInto('resident').values(batch).returning('id').execute());
  return written.map((r) => r.id);
}

export interface ResidentChange {
  id: number;
  name: string;
  gender: Gender;
  birth_date: string | null;
  political_status: PoliticalStatus;
  tags: string[];
  /** Sealed identity fields, or null in `set_*` to keep the stored ones. */
  set_id_number: boolean;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  set_phone: boolean;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
}

export async function updateResidents(tx: Tx, rows: ResidentChange[]): Promise<void> {
  for (const batch of chunked(rows, INSERT_ROWS)) {
    await sql`update resident as r
      set name = v.name, gender = v.gender, birth_date = v.birth_date, political_status = v.political_status, tags = v.tags,
          id_number_enc = case when v.set_id_number then v.id_number_enc else r.id_number_enc end,
          id_number_hash = case when v.set_id_number then v.id_number_hash else r.id_number_hash end,
          id_number_mask = case when v.set_id_number then v.id_number_mask else r.id_number_mask end,
          phone_enc = case when v.set_phone then v.phone_enc else r.phone_enc end,
          phone_hash = case when v.set_phone then v.phone_hash else r.phone_hash end,
          phone_mask = case when v.set_phone then v.phone_mask else r.phone_mask end,
          version = r.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as v(id bigint, name text, gender text, birth_date date, political_status text, tags text[],
             set_id_number boolean, id_number_enc text, id_number_hash text, id_number_mask text,
             set_phone boolean, phone_enc text, phone_hash text, phone_mask text)
      where r.id = v.id`.execute(tx);
  }
}

export interface MembershipRow {
  household_id: number;
  resident_id: number;
  relationship: Relationship;
}

export async function insertMemberships(tx: Tx, rows: MembershipRow[], since: string): Promise<void> {
  for (const batch of chunked(rows, INSERT_ROWS)) {
    await tx
      .insertInto('household_member')
      .values(batch.map((r) => ({ ...r, since })))
      .execute();
  }
}

/** Changes relationships of current memberships; callers order the rows so a household never holds two heads at once. */
export async function updateRelationships(tx: Tx, rows: MembershipRow[]): Promise<void> {
  for (const batch of chunked(rows, INSERT_ROWS)) {
    await sql`update household_member as m set relationship = v.relationship
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(household_id bigint, resident_id bigint, relationship text)
      where m.household_id = v.household_id and m.resident_id = v.resident_id and m.until is null`.execute(tx);
  }
}

// ---------------------------------------------------------------------------------------------
// Import jobs

export interface ImportJobRow<K extends ImportJobKind = ImportKind> {
  id: number;
  kind: K;
  status: ImportStatus;
  file_name: string;
  total_rows: number;
  processed_rows: number;
  errors: ImportRowError[];
  summary: Record<string, unknown>;
  created_by: number | null;
  created_at: Date;
  finished_at: Date | null;
}

export async function insertJob<K extends ImportJobKind>(
  db: Executor,
  job: { kind: K; fileName: string; totalRows: number; createdBy: number },
): Promise<ImportJobRow<K>> {
  const row = await db
    .insertInto('import_job')
    .values({
      kind: job.kind,
      status: 'validating',
      file_name: job.fileName,
      total_rows: job.totalRows,
      errors: '[]',
      summary: '{}',
      created_by: job.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, kind: job.kind };
}

export async function findJob(db: Executor, id: number): Promise<ImportJobRow<ImportJobKind> | undefined> {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function saveJobProgress(db: Executor, id: number, status: ImportStatus, processedRows: number): Promise<void> {
  await db.updateTable('import_job').set({ status, processed_rows: processedRows }).where('id', '=', id).execute();
}

export async function finishJob(
  db: Executor,
  id: number,
  outcome: { status: ImportStatus; processedRows: number; errors?: ImportRowError[]; summary?: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      status: outcome.status,
      processed_rows: outcome.processedRows,
      errors: JSON.stringify(outcome.errors ?? []),
      summary: JSON.stringify(outcome.summary ?? {}),
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Export

export async function householdExportDetails(db: Executor, ids: number[]) {
  return db
    .selectFrom('household as h')
    .innerJoin('org_node as b', 'b.id', 'h.building_id')
    .select(['h.id', 'b.code as buildingCode', 'h.notes'])
    .where('h.id', '=', anyId(ids))
    .execute();
}

/** Current members of these households with masked identity fields only (never the ciphertext). */
export async function membersForExport(db: Executor, householdIds: number[]) {
  return selectAsJson(
    db,
    db
      .selectFrom('household_member as m')
      .innerJoin('resident as r', 'r.id', 'm.resident_id')
      .select([
        'm.household_id as householdId',
        'm.relationship',
        'r.name',
        'r.gender',
        'r.birth_date as birthDate',
        'r.id_number_mask as idNumberMask',
        'r.phone_mask as phoneMask',
        'r.political_status as politicalStatus',
        'r.tags',
      ])
      .where('m.household_id', '=', anyId(householdIds))
      .where('m.until', 'is', null)
      .orderBy('m.household_id')
      .orderBy(sql`m.relationship = 'head'`, 'desc')
      .orderBy('r.birth_date')
      .orderBy('r.id'),
  );
}
