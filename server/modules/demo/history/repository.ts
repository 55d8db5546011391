import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Executor } from '../../../platform/db/transaction.js';

/**
 * Reads of the seeded street and bulk writes of the synthetic history. Rows go in as one JSON
 * parameter per statement expanded by jsonb_populate_recordset (about 1,000 rows each): one bind
 * parameter instead of tens of thousands, which PGlite and PostgreSQL both parse quickly.
 */

type Tx = Transaction<DB>;
type Table = keyof DB & string;
const BATCH = 1000;

/** Inserts `rows` (all with the same keys, in that column order) in batches; returns `returning` of each row in order. */
export async function insertJsonRows<R extends string>(
  tx: Tx,
  table: Table,
  rows: readonly Record<string, unknown>[],
  options: { returning?: readonly R[]; batch?: number; onBatch?: (n: number) => void } = {},
): Promise<Record<R, unknown>[]> {
  const out: Record<R, unknown>[] = [];
  if (rows.length === 0) return out;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  const size = options.batch ?? BATCH;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const returning = options.returning?.length ? sql` returning ${sql.join(options.returning.map((c) => sql.ref(c)))}` : sql``;
    const result = await sql<Record<R, unknown>>`
      insert into ${sql.table(table)} (${columns})
      select ${columns} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::jsonb)${returning}`.execute(tx);
    out.push(...result.rows);
    options.onBatch?.(chunk.length);
  }
  return out;
}

/** Takes `count` numbers from the public case number sequence at once. */
export async function reservePublicNumbers(tx: Tx, count: number): Promise<number[]> {
  if (count === 0) return [];
  const r = await sql<{ n: number }>`select nextval('case_public_seq')::bigint as n from generate_series(1, ${count}::int)`.execute(tx);
  return r.rows.map((row) => Number(row.n)).sort((a, b) => a - b);
}

export async function lockHistory(tx: Tx): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(727004)`.execute(tx);
  return !!(await tx.selectFrom('setting').select('key').where('key', '=', 'demo.case_history').executeTakeFirst());
}

export async function firstStreet(db: Executor) {
  return db.selectFrom('org_node').select(['id', 'path', 'name']).where('kind', '=', 'street').orderBy('id').executeTakeFirst();
}

export async function streetNodes(db: Executor, streetId: number) {
  return db.selectFrom('org_node').select(['id', 'kind', 'path', 'name', 'address', 'estate_id']).where('street_id', '=', streetId).where('kind', 'in', ['community', 'grid', 'building']).orderBy('id').execute();
}

/** One current member of each household of the street (the head where there is one). */
export async function householdsWithMember(db: Executor, streetId: number) {
  const r = await sql<{ id: number; building_id: number; address: string; resident_id: number | null; name: string | null }>`
    select distinct on (h.id) h.id, h.building_id, h.address, m.resident_id, r.name
    from household h
    left join household_member m on m.household_id = h.id and m.until is null
    left join resident r on r.id = m.resident_id
    where h.street_id = ${streetId}
    order by h.id, (m.relationship = 'head') desc, m.id`.execute(db);
  return r.rows;
}

export async function activeLeafCategories(db: Executor) {
  return db.selectFrom('case_category').select(['id', 'code', 'name_zh', 'priority']).where('active', '=', true).where('response_minutes', 'is not', null).orderBy('sort_order').orderBy('id').execute();
}

/** Committee members and grid workers of the street, with their accounts where they have one. */
export async function streetStaff(db: Executor, streetId: number) {
  return db
    .selectFrom('staff as s')
    .leftJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.kind', 's.name', 's.title', 's.org_node_id', 's.user_id', 'u.display_name'])
    .where('s.street_id', '=', streetId)
    .where('s.kind', 'in', ['committee_member', 'grid_worker'])
    .orderBy('s.id')
    .execute();
}

export async function streetOrganisations(db: Executor, streetId: number) {
  return db.selectFrom('organisation').select(['id', 'kind', 'name']).where('street_id', '=', streetId).where('kind', 'in', ['department', 'property_company']).orderBy('id').execute();
}

/** Demo accounts and Open311 service accounts that act in the history. */
export async function actingAccounts(db: Executor, streetId: number) {
  const [demo, open311] = await Promise.all([
    db.selectFrom('app_user').select(['id', 'username', 'display_name', 'organisation_id', 'resident_id']).where('is_demo', '=', true).execute(),
    db
      .selectFrom('open311_api_key as k')
      .innerJoin('app_user as u', 'u.id', 'k.user_id')
      .select(['u.id', 'u.display_name'])
      .where('k.street_id', '=', streetId)
      .where('k.revoked_at', 'is', null)
      .orderBy('k.id')
      .executeTakeFirst(),
  ]);
  return { demo, open311 };
}

export async function whistleLimits(db: Executor) {
  return db.selectFrom('whistle_time_limit').select(['kind', 'checkin_minutes']).execute();
}
