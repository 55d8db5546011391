import { sql, type Expression } from 'kysely';
import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { ZERO, type Counters } from './formulas.js';
import { splitByMonth, type DayRange } from './period.js';
import type { StreetFilter } from './rate-access.js';

/** The seven counters summed, each under its own name. */
const counterSums = () => [
  sql<number>`sum(received)::int`.as('received'),
  sql<number>`sum(responded_in_time)::int`.as('responded_in_time'),
  sql<number>`sum(rated)::int`.as('rated'),
  sql<number>`sum(rated_resolved)::int`.as('rated_resolved'),
  sql<number>`sum(rated_satisfied)::int`.as('rated_satisfied'),
  sql<number>`sum(overdue)::int`.as('overdue'),
  sql<number>`sum(reopened)::int`.as('reopened'),
];

const COUNTER_COLUMNS = ['received', 'responded_in_time', 'rated', 'rated_resolved', 'rated_satisfied', 'overdue', 'reopened'] as const;

/**
 * The counter rows of these units of a kind (ids, or a subquery of them), and of these streets'
 * rows only when `streets` is given. The ids go as one array parameter, not one per unit: a
 * city's every community is ~7,000 ids, whose IN list cost more to parse and plan than the read.
 */
function rowsOf(kind: RateUnitKind, units: number[] | Expression<{ id: number }>, streets: StreetFilter) {
  const ids = Array.isArray(units) ? sql`unit_id = any(${units}::bigint[])` : sql`unit_id in (${units})`;
  return sql<boolean>`unit_kind = ${kind} and ${ids}${streets === null ? sql`` : sql` and street_id = any(${streets}::bigint[])`}`;
}

/**
 * Sums the counters of units over a range of local days: the whole months inside it from
 * case_rate_monthly, the days left at either end from case_rate_daily, in one query. A month of
 * every community of a city is then ~7,000 rows (× lanes), not one a community a day. Units
 * without rows get zeros.
 */
export async function sumCounters(
  db: Executor,
  q: { kind: RateUnitKind; unitIds: number[]; range: DayRange; streets: StreetFilter },
): Promise<Map<number, Counters>> {
  const sums = new Map<number, Counters>(q.unitIds.map((id) => [id, { ...ZERO }]));
  if (q.unitIds.length === 0 || (q.streets !== null && q.streets.length === 0)) return sums;
  const units = rowsOf(q.kind, q.unitIds, q.streets);
  const { months, days } = splitByMonth(q.range);
  const parts = [
    ...(months.length ? [db.selectFrom('case_rate_monthly_live').select(['unit_id', ...COUNTER_COLUMNS]).where(units).where('month', '=', sql<string>`any(${months}::date[])`)] : []),
    ...days.map((d) => db.selectFrom('case_rate_daily_live').select(['unit_id', ...COUNTER_COLUMNS]).where(units).where('day', '>=', d.from).where('day', '<=', d.to)),
  ];
  const rows = await db
    .selectFrom(parts.reduce((all, part) => all.unionAll(part)).as('r'))
    .select(['unit_id', ...counterSums()])
    .groupBy('unit_id')
    .execute();
  for (const { unit_id, ...counters } of rows) sums.set(unit_id, counters);
  return sums;
}

/**
 * Counters of units for each of some whole local months (`YYYY-MM`), in one read of
 * case_rate_monthly: month → unit → counters (a unit without rows in a month is absent; read it
 * as ZERO). One row a unit with each month's counters side by side (`sum(…) filter (where month
 * = …)`): a city's two-month community ranking then takes 6,904 rows of 15 numbers instead of
 * 13,808 of 9, which the driver turns into objects ~25% faster. The units are ids, or a subquery
 * of them: a city's every community as a subquery on org_node plans in well under a millisecond,
 * where an array of ~7,000 ids costs the planner ~10 ms.
 */
export async function sumCountersByMonth(
  db: Executor,
  q: { kind: RateUnitKind; units: number[] | Expression<{ id: number }>; months: string[]; streets: StreetFilter },
): Promise<Map<string, Map<number, Counters>>> {
  const sums = new Map(q.months.map((m) => [m, new Map<number, Counters>()]));
  if ((Array.isArray(q.units) && q.units.length === 0) || (q.streets !== null && q.streets.length === 0) || q.months.length === 0) return sums;
  const firstDays = q.months.map((m) => `${m}-01`);
  const column = (k: number, c: (typeof COUNTER_COLUMNS)[number]) => `m${k}_${c}`;
  const rows = (await db
    .selectFrom('case_rate_monthly_live')
    .select([
      'unit_id',
      ...firstDays.flatMap((day, k) => COUNTER_COLUMNS.map((c) => sql<number | null>`(sum(${sql.ref(c)}) filter (where month = ${day}::date))::int`.as(column(k, c)))),
    ])
    .where(rowsOf(q.kind, q.units, q.streets))
    .where('month', '=', sql<string>`any(${firstDays}::date[])`)
    .groupBy('unit_id')
    .execute()) as unknown as ({ unit_id: number } & Record<string, number | null>)[];
  q.months.forEach((month, k) => {
    const of = sums.get(month)!;
    const [received, responded, rated, resolved, satisfied, overdue, reopened] = COUNTER_COLUMNS.map((c) => column(k, c));
    for (const row of rows) {
      // No rows in this month: every filtered sum is null.
      if (row[received!] === null) continue;
      of.set(row.unit_id, {
        received: row[received!]!,
        responded_in_time: row[responded!]!,
        rated: row[rated!]!,
        rated_resolved: row[resolved!]!,
        rated_satisfied: row[satisfied!]!,
        overdue: row[overdue!]!,
        reopened: row[reopened!]!,
      });
    }
  });
  return sums;
}

/** One area unit's counters on each local day of a range (every day, zeros where nothing happened). */
export async function countersByDay(db: Executor, q: { kind: RateUnitKind; unitId: number; range: DayRange }): Promise<{ day: string; counters: Counters }[]> {
  const rows = await db
    .selectFrom('case_rate_daily_live')
    .select(['day', ...counterSums()])
    .where('day', '>=', q.range.from)
    .where('day', '<=', q.range.to)
    .where('unit_kind', '=', q.kind)
    .where('unit_id', '=', q.unitId)
    .groupBy('day')
    .execute();
  const byDay = new Map(rows.map(({ day, ...counters }) => [day, counters]));
  const days: { day: string; counters: Counters }[] = [];
  for (let at = Date.parse(`${q.range.from}T00:00:00Z`), end = Date.parse(`${q.range.to}T00:00:00Z`); at <= end; at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push({ day, counters: byDay.get(day) ?? { ...ZERO } });
  }
  return days;
}
