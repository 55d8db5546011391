import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { RATE_FORMULAS, ZERO, threeRates, type Counters } from './formulas.js';
import { dayRange } from './period.js';
import { unitsInScope, type UnitRef } from './rate-access.js';
import { sumCounters } from './repository.js';

export const TOP_LIMIT = 10;

/** 日分析: the units of a kind in scope that received the most cases on a local day (top 10), with that day's rates. */
export async function listTopUnitsByVolume(db: Executor, actor: Actor, q: { unitKind: RateUnitKind; date: string }) {
  const { units, streets } = await unitsInScope(db, actor, q.unitKind);
  const sums = await sumCounters(db, { kind: q.unitKind, unitIds: units.map((u) => u.id), range: dayRange(q.date), streets });
  return { unitKind: q.unitKind, date: q.date, rule: TOP_RULE, formulas: RATE_FORMULAS, items: topByVolume(units, sums) };
}

export const TOP_RULE = { zh: '按当日接收诉求量从多到少，取前 10 名（接收量为 0 的单位不列出）', en: 'By cases received that day, most first; the first 10 (units that received none are not listed)' } as const;

/** The units that received most cases by the summed counters (top 10, none without cases), with their rates. */
export function topByVolume(units: UnitRef[], sums: Map<number, Counters>) {
  return units
    .map((u) => ({ unit: u, counters: sums.get(u.id) ?? ZERO }))
    .filter((u) => u.counters.received > 0)
    .sort((a, b) => b.counters.received - a.counters.received || a.unit.id - b.unit.id)
    .slice(0, TOP_LIMIT)
    .map((u, i) => ({ position: i + 1, unit: u.unit, ...threeRates(u.counters) }));
}
