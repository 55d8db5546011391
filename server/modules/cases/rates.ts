import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { atCommit, type Executor } from '../../platform/db/transaction.js';
import type { CaseChannel, RateUnitKind } from '../../platform/db/schema-cases.js';
import { localDay } from './time-limits.js';
import { insertRows } from '../../platform/db/insert-rows.js';

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

/** What a case contributes to the keys of the roll-ups besides the unit: its street, category and channel. */
export type RolledCase = { street_id: number; category_id: number; channel: CaseChannel };

const COUNTERS: readonly RateCounter[] = ['received', 'responded_in_time', 'rated', 'rated_resolved', 'rated_satisfied', 'overdue', 'reopened'];

/** One roll-up row's key and what to add to its counters. */
interface Bump {
  day: string;
  unit_kind: RateUnitKind;
  unit_id: number;
  street_id: number;
  category_id: number;
  channel: CaseChannel;
  add: Record<RateCounter, number>;
}

/** Bumps waiting for the end of their transaction (see bumpRates). */
const pendingBumps = new WeakMap<Transaction<DB>, Map<string, Bump>>();

/**
 * Adds to the day's counters of each unit in the caller's transaction: the three rates by day
 * (case_rate_daily) and by month (case_rate_monthly) and the analysis roll-up by category and
 * channel (case_rollup_daily), so every rate, dashboard and report is read from these rows and
 * never by scanning cases.
 *
 * The additions are appended to case_rollup_delta (migration 015) and folded into the three
 * tables by a background round (rollups/fold-rollups.ts); readers read the *_live views, which
 * add the rows not folded yet, so a count is exact the moment its transaction commits. In a
 * transaction opened by inTransaction the additions are summed by key and appended last, in one
 * statement just before COMMIT (atCommit).
 */
export async function bumpRates(
  tx: Executor,
  options: { at: Date; case: RolledCase; units: RateUnit[]; add: Partial<Record<RateCounter, number>> },
): Promise<void> {
  if (options.units.length === 0 || !COUNTERS.some((k) => options.add[k])) return;
  const c = options.case;
  const day = localDay(options.at);
  const bumps = options.units.map((u) => ({
    day,
    unit_kind: u.kind,
    unit_id: u.id,
    street_id: c.street_id,
    category_id: c.category_id,
    channel: c.channel,
    add: Object.fromEntries(COUNTERS.map((k) => [k, options.add[k] ?? 0])) as Record<RateCounter, number>,
  }));
  if (tx.isTransaction) {
    const t = tx as Transaction<DB>;
    let pending = pendingBumps.get(t);
    if (!pending) {
      const created = new Map<string, Bump>();
      const queued = atCommit(t, async () => {
        pendingBumps.delete(t);
        await writeBumps(t, [...created.values()]);
      });
      if (queued) {
        pendingBumps.set(t, created);
        pending = created;
      }
    }
    if (pending) {
      for (const b of bumps) accumulate(pending, [b.day, b.unit_kind, b.unit_id, b.street_id, b.category_id, b.channel].join('|'), b);
      return;
    }
  }
  await writeBumps(tx, bumps);
}

/** Adds a bump to the sum held under its key, or holds a copy of it there. */
function accumulate(sums: Map<string, Bump>, key: string, b: Bump): void {
  const held = sums.get(key);
  if (held) for (const k of COUNTERS) held.add[k] += b.add[k];
  else sums.set(key, { ...b, add: { ...b.add } });
}

async function writeBumps(tx: Executor, bumps: Bump[]): Promise<void> {
  if (bumps.length === 0) return;
  // No row of the delta is shared and it has no index: the insert waits on no other transaction.
  await insertRows(
    tx,
    'case_rollup_delta',
    bumps.map((b) => ({ day: b.day, unit_kind: b.unit_kind, unit_id: b.unit_id, street_id: b.street_id, category_id: b.category_id, channel: b.channel, ...b.add })),
  ).execute();
}
