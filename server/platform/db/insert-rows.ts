import { sql, type Insertable, type InsertQueryBuilder, type InsertResult, type QueryCreator, type RawBuilder } from 'kysely';
import type { DB } from './schema.js';

type Table = keyof DB & string;
/** A row's columns by name; computed ones may be left out or null, and the database checks the rest. */
type RowOf<T extends Table> = { [K in keyof Insertable<DB[T]>]?: Insertable<DB[T]>[K] | null };

export interface InsertRowsOptions {
  /** Columns whose values are JSON text already (the schema's Json columns): they go in as JSON, not as strings. */
  json?: readonly string[];
  /** Columns given as SQL over the row, which is `r` (e.g. `coalesce(r.at, now())`); a row may leave these out (null in `r`). */
  computed?: Record<string, RawBuilder<unknown>>;
}

/**
 * A multi-row INSERT whose rows travel as one parameter, a JSON array read back by
 * json_populate_recordset as the table's own row type, in the rows' order. Its text is the same
 * for one row or a thousand, so PostgreSQL prepares it once per connection (prepared-pool.ts)
 * instead of parsing and planning a new VALUES text for each group size of the intake
 * (submit-case.ts): the backends' CPU per intake fell ~20%. Building it costs the app about what
 * Kysely's VALUES did (55 against 60 µs for 17 case rows), which is why the text is written here
 * by hand rather than with JSON.stringify of copied rows.
 *
 * Every row gives the same columns: a column left out would be NULL here, not its default, so a
 * row without one (other than a computed column) is refused.
 */
export function insertRows<T extends Table>(
  db: Pick<QueryCreator<DB>, 'insertInto'>,
  table: T,
  rows: readonly RowOf<T>[],
  options: InsertRowsOptions = {},
): InsertQueryBuilder<DB, T, InsertResult> {
  if (rows.length === 0) throw new Error(`insertRows(${table}): no rows`);
  const computed = options.computed ?? {};
  const json = new Set(options.json ?? []);
  const seen = new Set<string>();
  for (const r of rows) for (const k in r) if ((r as Record<string, unknown>)[k] !== undefined) seen.add(k);
  const given = [...seen];
  const keys = given.map((c) => `${JSON.stringify(c)}:`);
  const raw = given.map((c) => json.has(c));
  const optional = given.map((c) => c in computed);
  let text = '[';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Record<string, unknown>;
    text += i === 0 ? '{' : ',{';
    for (let j = 0; j < given.length; j++) {
      let v = r[given[j]!];
      if (v === undefined) {
        if (!optional[j]) throw new Error(`insertRows(${table}): a row has no ${given[j]}`);
        v = null;
      }
      text += (j === 0 ? '' : ',') + keys[j] + (raw[j] && typeof v === 'string' ? v : jsonOf(v));
    }
    text += '}';
  }
  text += ']';
  const columns = given.filter((c) => !(c in computed));
  const names = [...columns, ...Object.keys(computed)];
  const select = [sql.raw(selectList(columns)), ...Object.values(computed)];
  return db
    .insertInto(table)
    .columns(names as never)
    .expression(sql`select ${sql.join(select)} from json_populate_recordset(null::${sql.table(table)}, ${text}::json) with ordinality as r order by r.ordinality`);
}

/** JSON.stringify of one value, with the common kinds written directly (this runs for every value of every row). */
function jsonOf(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `"${v.toISOString()}"`;
  return JSON.stringify(v);
}

const selectLists = new Map<string, string>();

/** `r."a", r."b", …` for the columns (names from the code's row objects, checked), made once per list. */
function selectList(columns: readonly string[]): string {
  const key = columns.join(',');
  let list = selectLists.get(key);
  if (list === undefined) {
    for (const c of columns) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`insertRows: not a column name: ${c}`);
    list = columns.map((c) => `r."${c}"`).join(', ');
    selectLists.set(key, list);
  }
  return list;
}
