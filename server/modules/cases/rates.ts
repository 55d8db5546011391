import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { RateUnitKind } from '../../platform/db/schema-cases.js';
import { localDay } from './time-limits.js';

export interface RateUnit {
  kind: RateUnitKind;
  id: number;
}

export type RateCounter = 'received' | 'responded_in_time' | 'rated' | 'rated_resolved' | 'rated_satisfied' | 'overdue' | 'reopened';

/** The area units a case counts for: its street, community and grid. */
export function areaUnits(c: { street_id: number; community_id: number | null; grid_id: number | null }): RateUnit[] {
  const units: RateUnit[] = [{ kind: 'street', id: c.street_id }];
  if (c.community_id) units.push({ kind: 'community', id: c.community_id });
  if (c.grid_id) units.push({ kind: 'grid', id: c.grid_id });
  return units;
}

/** The handling organisation a case counts for, when it was dispatched to one. */
export function handlerUnit(c: { handler_kind: string | null; handler_org_id: number | null }): RateUnit[] {
  if (!c.handler_org_id) return [];
  if (c.handler_kind === 'department') return [{ kind: 'department', id: c.handler_org_id }];
  if (c.handler_kind === 'property_company') return [{ kind: 'property_company', id: c.handler_org_id }];
  return [];
}

/**
 * Adds to the day's counters of each unit in the caller's transaction, so the three rates are
 * read from these rows and never by scanning cases.
 */
export async function bumpRates(
  tx: Executor,
  options: { at: Date; streetId: number; units: RateUnit[]; add: Partial<Record<RateCounter, number>> },
): Promise<void> {
  const counters = Object.entries(options.add).filter(([, v]) => v) as [RateCounter, number][];
  if (counters.length === 0 || options.units.length === 0) return;
  const day = localDay(options.at);
  const rows = options.units.map((u) => ({
    day,
    unit_kind: u.kind,
    unit_id: u.id,
    street_id: options.streetId,
    ...Object.fromEntries(counters),
  }));
  await tx
    .insertInto('case_rate_daily')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['day', 'unit_kind', 'unit_id', 'street_id']).doUpdateSet(
        Object.fromEntries(counters.map(([c]) => [c, sql`case_rate_daily.${sql.ref(c)} + excluded.${sql.ref(c)}`])),
      ),
    )
    .execute();
}
