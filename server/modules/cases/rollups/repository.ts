import { sql, type RawBuilder } from 'kysely';
import type { CaseChannel, RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { RateCounter } from '../rates.js';

/**
 * The SQL of the roll-up rebuild. case_rate_daily and case_rollup_daily (the same counters by
 * category and channel too) are kept incrementally by the use cases (rates.ts, bumpRates); here
 * the same counts are derived in one set-based query from the cases and their timeline, so the
 * stored tables can be checked against it and rebuilt from it. The rates are the roll-up summed
 * over category and channel: a case's category and channel never change.
 *
 * What each transition adds, and where the query finds it:
 *
 * | counter            | units                   | day                       | source                                   |
 * |--------------------|-------------------------|---------------------------|------------------------------------------|
 * | received           | street, community, grid | received                  | every case                               |
 * | received           | department / property   | dispatch                  | each `dispatch` event (its own handler)  |
 * | responded_in_time  | street, community, grid | received                  | responded_at <= due_response_at, or a `fix_on_spot` event |
 * | responded_in_time  | department / property   | the dispatch taken        | `take` events with data.inTime           |
 * | rated, rated_*     | area + handler then     | rating                    | `rate` events (data.resolved, data.satisfaction) |
 * | reopened           | area + handler then     | rating / reopen           | dissatisfied `rate` events, `reopen` events |
 * | overdue            | area + handler then     | the deadline that passed  | the first `overdue` event since the last dispatch (data.dueAt) |
 *
 * "Handler then" is the unit named by the latest `dispatch` before the event, unless a `return`
 * came after it: the timeline already holds the fact, so no use case records it twice. Overdue
 * counts once per dispatch because the scheduler counts only when it sets the case's overdue
 * flag, which a dispatch clears.
 */

export const RATE_COUNTERS: readonly RateCounter[] = ['received', 'responded_in_time', 'rated', 'rated_resolved', 'rated_satisfied', 'overdue', 'reopened'];

/** In the order the roll-up statement locks them (rates.ts, writeBumps: its CTEs, then the roll-up). */
export type RollupTable = 'case_rate_daily' | 'case_rate_monthly' | 'case_rollup_daily';
export const ROLLUP_TABLES: readonly RollupTable[] = ['case_rate_daily', 'case_rate_monthly', 'case_rollup_daily'];

/** The key of each table; `day` is the month's first day in case_rate_monthly, whose column is `month`. */
const KEYS: Record<RollupTable, readonly string[]> = {
  case_rate_daily: ['day', 'unit_kind', 'unit_id', 'street_id'],
  case_rate_monthly: ['day', 'unit_kind', 'unit_id', 'street_id'],
  case_rollup_daily: ['day', 'unit_kind', 'unit_id', 'street_id', 'category_id', 'channel'],
};
const column = (table: RollupTable, key: string) => (key === 'day' && table === 'case_rate_monthly' ? 'month' : key);

export interface RollupRow extends Record<RateCounter, number> {
  day: string;
  unit_kind: RateUnitKind;
  unit_id: number;
  street_id: number;
  category_id: number;
  channel: CaseChannel;
}

export interface RateDifference {
  table: RollupTable;
  day: string;
  unitKind: RateUnitKind;
  unitId: number;
  streetId: number;
  /** The roll-up's category and channel; null for case_rate_daily. */
  categoryId: number | null;
  channel: string | null;
  counter: RateCounter;
  stored: number;
  expected: number;
}

/** Local calendar day (Asia/Shanghai, UTC+8 all year), as localDay() in time-limits.ts. */
const localDay = (at: RawBuilder<unknown>) => sql`((${at} at time zone 'UTC') + interval '8 hours')::date`;

const counterList = sql.join(RATE_COUNTERS.map((c) => sql.ref(c)));
const inStreet = (column: string, streetId: number | null) => (streetId === null ? sql`true` : sql`${sql.ref(column)} = ${streetId}`);

const sums = () => sql.join(RATE_COUNTERS.map((k) => sql`sum(${sql.ref(k)})::int as ${sql.ref(k)}`));

/** The three rates' rows from roll-up rows (summed over category and channel), by day or by month (its first day). */
function ratesOf(rollup: RawBuilder<unknown>, by: 'day' | 'month'): RawBuilder<RollupRow> {
  const period = by === 'day' ? sql`day::text` : sql`date_trunc('month', day::date)::date::text`;
  return sql<RollupRow>`select ${period} as day, unit_kind, unit_id, street_id, ${sums()} from (${rollup}) r group by 1, unit_kind, unit_id, street_id`;
}

/** The rows of a table as the incremental writes produce them: its keys and the seven counters. */
function expected(table: RollupTable, streetId: number | null): RawBuilder<RollupRow> {
  if (table === 'case_rollup_daily') return expectedRollup(streetId);
  return ratesOf(expectedRollup(streetId), table === 'case_rate_daily' ? 'day' : 'month');
}

function expectedRollup(streetId: number | null): RawBuilder<RollupRow> {
  const handlerKind = sql`case when p.epoch_action = 'dispatch' and p.epoch_start->>'handlerKind' in ('department', 'property_company') and p.epoch_start->>'handlerOrgId' is not null then p.epoch_start->>'handlerKind' end`;
  const handlerId = sql`case when p.epoch_action = 'dispatch' and p.epoch_start->>'handlerKind' in ('department', 'property_company') then (p.epoch_start->>'handlerOrgId')::bigint end`;
  return sql<RollupRow>`
    with scoped as (
      select id, street_id, community_id, grid_id, category_id, channel, received_at, responded_at, due_response_at
      from cases where ${inStreet('street_id', streetId)}
    ),
    timeline as (
      select e.id, e.case_id, e.at, e.action, e.data,
        count(*) filter (where e.action in ('dispatch', 'return')) over w as handler_epoch,
        count(*) filter (where e.action = 'dispatch') over w as dispatch_epoch
      from case_event e join scoped c on c.id = e.case_id
      where e.action in ('dispatch', 'return', 'take', 'rate', 'reopen', 'overdue', 'fix_on_spot')
      window w as (partition by e.case_id order by e.id)
    ),
    placed as (
      select t.*,
        first_value(t.action) over (partition by t.case_id, t.handler_epoch order by t.id) as epoch_action,
        first_value(t.data) over (partition by t.case_id, t.handler_epoch order by t.id) as epoch_start,
        first_value(t.at) over (partition by t.case_id, t.handler_epoch order by t.id) as epoch_at,
        row_number() over (partition by t.case_id, t.dispatch_epoch, t.action order by t.id) as nth_in_epoch
      from timeline t
    ),
    handled as (
      select p.case_id, p.at, p.epoch_at, p.action, p.data, p.nth_in_epoch, ${handlerKind} as h_kind, ${handlerId} as h_id from placed p
    ),
    -- From the scope's timeline, not all of case_event: a street's rebuild must not scan the city's.
    fixed_on_spot as (select distinct case_id from timeline where action = 'fix_on_spot'),
    facts (case_id, day, area, h_kind, h_id, received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened) as (
      select c.id, ${localDay(sql`c.received_at`)}, true, null::text, null::bigint, 1,
        case when c.responded_at <= c.due_response_at or f.case_id is not null then 1 else 0 end, 0, 0, 0, 0, 0
      from scoped c left join fixed_on_spot f on f.case_id = c.id
      union all
      select case_id, ${localDay(sql`at`)}, false, h_kind, h_id, 1, 0, 0, 0, 0, 0, 0 from handled where action = 'dispatch'
      union all
      select case_id, ${localDay(sql`epoch_at`)}, false, h_kind, h_id, 0, 1, 0, 0, 0, 0, 0 from handled where action = 'take' and (data->>'inTime')::boolean
      union all
      select case_id, ${localDay(sql`at`)}, true, h_kind, h_id, 0, 0, 1,
        case when (data->>'resolved')::boolean then 1 else 0 end,
        case when data->>'satisfaction' = 'dissatisfied' then 0 else 1 end, 0,
        case when data->>'satisfaction' = 'dissatisfied' then 1 else 0 end
      from handled where action = 'rate'
      union all
      select case_id, ${localDay(sql`at`)}, true, h_kind, h_id, 0, 0, 0, 0, 0, 0, 1 from handled where action = 'reopen'
      union all
      select case_id, ${localDay(sql`coalesce((data->>'dueAt')::timestamptz, at)`)}, true, h_kind, h_id, 0, 0, 0, 0, 0, 1, 0
      from handled where action = 'overdue' and nth_in_epoch = 1
    )
    select f.day::text as day, u.unit_kind, u.unit_id, c.street_id, c.category_id, c.channel,
      ${sql.join(RATE_COUNTERS.map((k) => sql`sum(f.${sql.ref(k)})::int as ${sql.ref(k)}`))}
    from facts f
    join scoped c on c.id = f.case_id
    cross join lateral (values
      ('street'::text, case when f.area then c.street_id end),
      ('community', case when f.area then c.community_id end),
      ('grid', case when f.area then c.grid_id end),
      (f.h_kind, f.h_id)
    ) as u (unit_kind, unit_id)
    where u.unit_id is not null
    group by f.day, u.unit_kind, u.unit_id, c.street_id, c.category_id, c.channel`;
}

/**
 * Keeps transitions from appending counter changes (and the fold from moving them) while the
 * tables are replaced (reads go on); a transition that committed before the lock is in the
 * recomputation, one that waits adds on top of it. The delta first, as the fold takes it.
 */
export async function lockRates(tx: Executor): Promise<void> {
  for (const table of ['case_rollup_delta', ...ROLLUP_TABLES]) await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(tx);
}

/** Two processes' folds would only queue on each other's rows: one folds at a time. */
const FOLD_LOCK = 727005;

/**
 * Moves up to `limit` rows of case_rollup_delta into the three tables (lane 0), summed by each
 * table's key, in one statement: what it deletes from the delta it adds to the tables, so every
 * snapshot sees each change exactly once (*_live). Rows are added in key order. Returns the delta
 * rows moved, or null when another process's fold holds the lock.
 */
export async function foldDeltas(tx: Executor, limit: number): Promise<number | null> {
  const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`.execute(tx);
  if (!locked.rows[0]!.ok) return null;
  const upsert = (table: RollupTable) => {
    const keys = KEYS[table];
    const picked = keys.map((k) => (k === 'day' && table === 'case_rate_monthly' ? sql`date_trunc('month', day)::date` : sql.ref(k)));
    const positions = sql.raw(keys.map((_, i) => String(i + 1)).join(', '));
    const conflict = sql.join([...keys.map((k) => sql.ref(column(table, k))), sql.ref('lane')]);
    const added = sql.join(RATE_COUNTERS.map((c) => sql`${sql.ref(c)} = ${sql.table(table)}.${sql.ref(c)} + excluded.${sql.ref(c)}`));
    return sql`insert into ${sql.table(table)} (${sql.join(keys.map((k) => sql.ref(column(table, k))))}, lane, ${counterList})
      select ${sql.join(picked)}, 0, ${sums()} from moved group by ${positions} order by ${positions}
      on conflict (${conflict}) do update set ${added}`;
  };
  // ctid = any(array(...)) is a TID scan: the batch is taken without an index.
  const r = await sql<{ n: number }>`
    with moved as (
      delete from case_rollup_delta where ctid = any(array(select ctid from case_rollup_delta limit ${limit}))
      returning day, unit_kind, unit_id, street_id, category_id, channel, ${counterList}
    ),
    rollup as (${upsert('case_rollup_daily')}),
    daily as (${upsert('case_rate_daily')}),
    monthly as (${upsert('case_rate_monthly')})
    select count(*)::int as n from moved`.execute(tx);
  return r.rows[0]!.n;
}

/** The stored counters of the scope as readers see them (*_live: folded and not yet), each summed over its rows, keyed as KEYS says. */
function stored(table: RollupTable, streetId: number | null): RawBuilder<RollupRow> {
  const keys = sql.join(KEYS[table].map((k) => sql`${sql.ref(column(table, k))} as ${sql.ref(k)}`));
  const groups = sql.join(KEYS[table].map((k) => sql.ref(column(table, k))));
  return sql<RollupRow>`select ${keys}, ${sums()} from ${sql.table(`${table}_live`)} where ${inStreet('street_id', streetId)} group by ${groups}`;
}

/** The stored counters of the scope summed over their lanes, in key order. */
export async function storedRates(db: Executor, table: RollupTable, streetId: number | null = null): Promise<RollupRow[]> {
  const order = sql.join(KEYS[table].map((k) => sql.ref(k)));
  return (await sql<RollupRow>`select * from (${stored(table, streetId)}) s order by ${order}`.execute(db)).rows;
}

/** How many counters (keys, not lane rows) the scope holds. */
export async function countStoredRates(db: Executor, table: RollupTable, streetId: number | null): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (${stored(table, streetId)}) s`.execute(db);
  return r.rows[0]!.n;
}

export async function countExpectedRates(db: Executor, table: RollupTable, streetId: number | null): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (${expected(table, streetId)}) e`.execute(db);
  return r.rows[0]!.n;
}

/**
 * Replaces the stored counters of the scope (every lane) of the three tables by the recomputed
 * ones, in lane 0: the roll-up from the cases and their timeline, then the daily rates summed from
 * it and the monthly rates from those (as the incremental writes sum them). Returns the rows
 * deleted and inserted, by table.
 */
export async function replaceRates(tx: Executor, streetId: number | null): Promise<Record<RollupTable, { deleted: number; inserted: number }>> {
  const scope = inStreet('street_id', streetId);
  const write = async (table: RollupTable, rows: RawBuilder<RollupRow>) => {
    const keys = KEYS[table];
    const deleted = await sql`delete from ${sql.table(table)} where ${scope}`.execute(tx);
    const inserted = await sql`
      insert into ${sql.table(table)} (${sql.join(keys.map((k) => sql.ref(column(table, k))))}, ${counterList})
      select ${sql.join(keys.map((k) => (k === 'day' ? sql`e.day::date` : sql.ref(`e.${k}`))))}, ${sql.join(RATE_COUNTERS.map((c) => sql`e.${sql.ref(c)}`))}
      from (${rows}) e`.execute(tx);
    return { deleted: Number(deleted.numAffectedRows ?? 0), inserted: Number(inserted.numAffectedRows ?? 0) };
  };
  // The scope's changes not folded yet are in the recomputation too.
  const pending = await sql`delete from case_rollup_delta where ${scope}`.execute(tx);
  const rollup = await write('case_rollup_daily', expectedRollup(streetId));
  rollup.deleted += Number(pending.numAffectedRows ?? 0);
  const daily = await write('case_rate_daily', ratesOf(sql`select * from case_rollup_daily where ${scope}`, 'day'));
  const monthly = await write('case_rate_monthly', ratesOf(sql`select * from case_rate_daily where ${scope}`, 'month'));
  return { case_rate_daily: daily, case_rate_monthly: monthly, case_rollup_daily: rollup };
}

/** Every (row, counter) of a table where the stored rows and the recomputation disagree, in one snapshot. */
export async function diffRates(db: Executor, table: RollupTable, streetId: number | null, limit: number | null): Promise<RateDifference[]> {
  const pairs = sql.join(RATE_COUNTERS.map((c) => sql`(${c}::text, coalesce(s.${sql.ref(c)}, 0), coalesce(e.${sql.ref(c)}, 0))`));
  const faceted = table === 'case_rollup_daily';
  const keys = KEYS[table].map((k) => (k === 'day' ? sql`day::text as day` : sql.ref(k)));
  const joined = sql.join(KEYS[table].map((k) => sql`e.${sql.ref(k)} = s.${sql.ref(k)}`), sql` and `);
  const either = (k: string) => sql`coalesce(s.${sql.ref(k)}, e.${sql.ref(k)})`;
  const r = await sql<RateDifference>`
    with expected as (${expected(table, streetId)}),
    stored as (select ${sql.join(keys)}, ${counterList} from (${stored(table, streetId)}) l)
    select ${table}::text as "table", ${either('day')} as "day", ${either('unit_kind')} as "unitKind", ${either('unit_id')} as "unitId",
      ${either('street_id')} as "streetId",
      ${faceted ? sql`${either('category_id')}` : sql`null::bigint`} as "categoryId", ${faceted ? sql`${either('channel')}` : sql`null::text`} as "channel",
      x.counter, x.stored, x.expected
    from stored s
    full join expected e on ${joined}
    cross join lateral (values ${pairs}) as x (counter, stored, expected)
    where x.stored <> x.expected
    order by 2, 3, 4, 5, 6, 7, 8
    ${limit === null ? sql`` : sql`limit ${limit}`}`.execute(db);
  return r.rows;
}
