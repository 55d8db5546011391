import { sql } from 'kysely';
import { addDays, localDayStart } from '../../server/modules/analysis/periods.js';
import type { AreaKind } from '../../server/modules/analysis/repository.js';
import { ZERO, type Counters } from '../../server/modules/cases/rates/formulas.js';
import type { DayRange } from '../../server/modules/cases/rates/period.js';
import type { Executor } from '../../server/platform/db/transaction.js';

/**
 * The naive way to the dashboard numbers: a GROUP BY straight over the cases for the period, no
 * roll-up. Right for the benchmark's generated data only (see city-cases.ts: one rating per case
 * at most, grid handlers only), where it must give the roll-ups' numbers exactly.
 */

const UNIT_COLUMN: Record<AreaKind, 'street_id' | 'community_id' | 'grid_id'> = { street: 'street_id', community: 'community_id', grid: 'grid_id' };

/** The seven counters of each unit over a range of local days, off the cases table. */
export async function naiveCounters(db: Executor, q: { kind: AreaKind; unitIds: number[]; range: DayRange }): Promise<Map<number, Counters>> {
  const sums = new Map<number, Counters>(q.unitIds.map((id) => [id, { ...ZERO }]));
  if (q.unitIds.length === 0) return sums;
  const from = localDayStart(q.range.from);
  const to = localDayStart(addDays(q.range.to, 1));
  const within = (column: string) => sql`${sql.ref(column)} >= ${from} and ${sql.ref(column)} < ${to}`;
  const unit = sql.ref(UNIT_COLUMN[q.kind]);
  const r = await sql<Counters & { unit_id: number }>`
    select ${unit} as unit_id,
      count(*) filter (where ${within('received_at')})::int as received,
      count(*) filter (where ${within('received_at')} and responded_at <= due_response_at)::int as responded_in_time,
      count(*) filter (where ${within('rated_at')})::int as rated,
      count(*) filter (where ${within('rated_at')} and rated_resolved)::int as rated_resolved,
      count(*) filter (where ${within('rated_at')} and satisfaction <> 'dissatisfied')::int as rated_satisfied,
      count(*) filter (where overdue and ${within('due_at')})::int as overdue,
      count(*) filter (where ${within('rated_at')} and satisfaction = 'dissatisfied')::int as reopened
    from cases
    where ${unit} = any(${q.unitIds}::bigint[]) and (${within('received_at')} or ${within('rated_at')} or (overdue and ${within('due_at')}))
    group by 1`.execute(db);
  for (const { unit_id, ...counters } of r.rows) sums.set(Number(unit_id), counters);
  return sums;
}

/** Cases a unit received on each of the given local days, by category, off the cases table. */
export async function naiveReceivedByDayAndCategory(db: Executor, unit: { kind: AreaKind; id: number }, days: string[]) {
  const ranges = sql.join(
    days.map((d) => sql`(received_at >= ${localDayStart(d)} and received_at < ${localDayStart(addDays(d, 1))})`),
    sql` or `,
  );
  const r = await sql<{ day: string; category_id: number; received: number }>`
    select (((received_at at time zone 'UTC') + interval '8 hours')::date)::text as day, category_id, count(*)::int as received
    from cases where ${sql.ref(UNIT_COLUMN[unit.kind])} = ${unit.id} and (${ranges})
    group by 1, 2`.execute(db);
  return r.rows.map((row) => ({ ...row, category_id: Number(row.category_id) }));
}

/** Fails loudly when two sets of counters differ for any unit: a benchmark that answers differently is a bug. */
export function assertSameCounters(what: string, product: Map<number, Counters>, naive: Map<number, Counters>, keys: readonly (keyof Counters)[] = Object.keys(ZERO) as (keyof Counters)[]): void {
  for (const [id, n] of naive) {
    const p = product.get(id) ?? ZERO;
    for (const k of keys) {
      if (p[k] !== n[k]) throw new Error(`${what}: unit ${id} ${k} is ${p[k]} from the roll-ups but ${n[k]} from the cases`);
    }
  }
  for (const id of product.keys()) if (!naive.has(id)) throw new Error(`${what}: unit ${id} is in the product's answer but not in the naive one`);
}
