import type pg from 'pg';

/**
 * Bulk loading as pg_restore does it: a table's secondary indexes and foreign keys are dropped
 * before COPY and made again after it from the definitions the migrations created (pg_indexes,
 * pg_get_constraintdef), so each index is built once over the sorted rows and each foreign key is
 * checked by one join instead of a lookup per row. Primary keys and unique constraints stay (other
 * tables' foreign keys hang on them) unless asked: the roll-ups' primary keys lead with the day,
 * so rows rebuilt street by street land all over them, while the street index they are rebuilt
 * by takes a street's rows side by side and stays. The schema afterwards is compared with the one
 * before: the benchmark measures the product's tables, not a lighter copy.
 */

interface Definitions {
  indexes: { table: string; name: string; def: string }[];
  /** Primary keys (when dropped), then foreign keys: the order they are added back in. */
  constraints: { table: string; name: string; def: string }[];
}

export interface BulkOptions {
  /** Drop the tables' primary keys too (none may be referenced by a foreign key). */
  primaryKeys?: boolean;
  /** Indexes that stay. */
  keep?: string[];
  /** maintenance_work_mem for the builds. */
  memory?: string;
}

async function definitions(client: pg.Client, tables: string[], options: BulkOptions): Promise<Definitions> {
  const indexes = await client.query<{ table: string; name: string; def: string }>(
    `select i.tablename as table, i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any($1) and not (i.indexname = any($2))
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype in ('p', 'u', 'x'))
     order by 1, 2`,
    [tables, options.keep ?? []],
  );
  // Primary keys first when asked: they go back before the foreign keys that might lean on them.
  const constraints = await client.query<{ table: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def from pg_constraint c
     where c.contype = any($2) and c.conrelid::regclass::text = any($1) order by c.contype desc, 1, 2`,
    [tables, options.primaryKeys ? ['f', 'p'] : ['f']],
  );
  return { indexes: indexes.rows, constraints: constraints.rows };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface BulkLoad<T> {
  result: T;
  /** Time to build the indexes and add the constraints again (checking them), in ms. */
  rebuildMs: number;
  indexes: number;
  /** Foreign keys, and primary keys when dropped. */
  constraints: number;
}

/** Runs `load` with the tables' secondary indexes and foreign keys (and, if asked, primary keys) dropped, then makes them again. */
export async function withoutIndexes<T>(client: pg.Client, tables: string[], load: () => Promise<T>, options: BulkOptions = {}): Promise<BulkLoad<T>> {
  const before = await definitions(client, tables, options);
  for (const c of [...before.constraints].reverse()) await client.query(`alter table ${ident(c.table)} drop constraint ${ident(c.name)}`);
  for (const index of before.indexes) await client.query(`drop index ${ident(index.name)}`);
  const result = await load();
  const started = performance.now();
  await client.query(`set maintenance_work_mem = '${options.memory ?? '1GB'}'`);
  for (const index of before.indexes) await client.query(index.def);
  for (const c of before.constraints) await client.query(`alter table ${ident(c.table)} add constraint ${ident(c.name)} ${c.def}`);
  await client.query('reset maintenance_work_mem');
  const rebuildMs = performance.now() - started;
  const after = await definitions(client, tables, options);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error('the bulk load left the schema different from the migrations\'');
  return { result, rebuildMs, indexes: before.indexes.length, constraints: before.constraints.length };
}
