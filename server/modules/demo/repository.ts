import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, OrgKind } from '../../platform/db/schema.js';

/**
 * Bulk writes for the seeder. Rows go in as multi-row inserts of up to 1,000 rows, kept under
 * PostgreSQL's 65,535 bind parameters per statement.
 */

type Tx = Transaction<DB>;
type Table = keyof DB & string;
const MAX_PARAMETERS = 60_000;
const MAX_ROWS = 1000;

function batchSize(row: object): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(row).length))));
}

export async function insertRows<T extends Table>(tx: Tx, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const size = batchSize(rows[0]!);
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot check `values` against a table chosen by a type parameter.
    await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

/** Inserts and returns the chosen columns of every row written (in no promised order). */
export async function insertRowsReturning<T extends Table, K extends keyof Selectable<DB[T]> & string>(
  tx: Tx,
  table: T,
  rows: Insertable<DB[T]>[],
  returning: readonly K[],
): Promise<Pick<Selectable<DB[T]>, K>[]> {
  const out: Pick<Selectable<DB[T]>, K>[] = [];
  if (rows.length === 0) return out;
  const size = batchSize(rows[0]!);
  for (let i = 0; i < rows.length; i += size) {
    const written = await tx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .returning(returning as never)
      .execute();
    out.push(...(written as unknown as Pick<Selectable<DB[T]>, K>[]));
  }
  return out;
}

/**
 * Takes the seeding lock for this transaction and reports whether the org tree already holds
 * rows, so two processes starting on the same empty database cannot both seed it.
 */
export async function lockAndCountOrgNodes(tx: Tx): Promise<number> {
  await sql`select pg_advisory_xact_lock(727003)`.execute(tx);
  const row = await tx.selectFrom('org_node').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Nodes are inserted with a placeholder path; once their ids exist the path becomes the
 * parent's path plus the node's own id. Returns id, code and the final path of every node of `kind`.
 */
export async function setPaths(tx: Tx, kind: OrgKind): Promise<{ id: number; code: string; path: string }[]> {
  if (kind === 'district') {
    return (
      await sql<{ id: number; code: string; path: string }>`
        update org_node set path = '/' || id || '/' where kind = 'district' returning id, code, path`.execute(tx)
    ).rows;
  }
  return (
    await sql<{ id: number; code: string; path: string }>`
      update org_node as child set path = parent.path || child.id || '/'
      from org_node as parent
      where parent.id = child.parent_id and child.kind = ${kind}
      returning child.id, child.code, child.path`.execute(tx)
  ).rows;
}

/** Visits recorded in a subtree are credited to the user who made them. */
export async function creditVisits(tx: Tx, pathPrefix: string, visitorId: number): Promise<void> {
  await tx
    .updateTable('visit')
    .set({ visitor_id: visitorId })
    .where('org_path', 'like', `${pathPrefix}%`)
    .execute();
}

export async function setSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}

/** What a database already holds that seeding would collide with. */
export async function countExistingData(db: Kysely<DB>): Promise<{ orgNodes: number; users: number }> {
  const row = await sql<{ org_nodes: number; users: number }>`
    select (select count(*) from org_node)::int as org_nodes, (select count(*) from app_user)::int as users`.execute(db);
  return { orgNodes: Number(row.rows[0]!.org_nodes), users: Number(row.rows[0]!.users) };
}
