import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { RANKING_RULE, RATE_FORMULAS, ZERO, delta, rankUnits, threeRates } from './formulas.js';
import { monthRange, previousMonth } from './period.js';
import { unitsInScope } from './rate-access.js';
import { sumCounters } from './repository.js';

/**
 * 排名: every unit of a kind in the reader's scope ranked for a month by the ranking rule
 * (formulas.ts), with the change against the month before: rank and each rate.
 */
export async function rankUnitsForMonth(db: Executor, actor: Actor, q: { unitKind: RateUnitKind; month: string }) {
  const { units, streets } = await unitsInScope(db, actor, q.unitKind);
  const before = previousMonth(q.month);
  const ids = units.map((u) => u.id);
  const [now, then] = await Promise.all([
    sumCounters(db, { kind: q.unitKind, unitIds: ids, range: monthRange(q.month), streets }),
    sumCounters(db, { kind: q.unitKind, unitIds: ids, range: monthRange(before), streets }),
  ]);
  const input = (sums: typeof now) => units.map((u) => ({ id: u.id, name: u.name, counters: sums.get(u.id) ?? ZERO }));
  const previous = new Map(rankUnits(input(then)).map((r) => [r.id, r]));
  const items = rankUnits(input(now)).map((r) => {
    const p = previous.get(r.id)!;
    const current = threeRates(r.counters);
    const last = threeRates(p.counters);
    return {
      rank: r.rank,
      unit: { kind: q.unitKind, id: r.id, name: r.name },
      composite: r.composite,
      ...current,
      previous: { rank: p.rank, composite: p.composite, responseRate: last.responseRate, resolutionRate: last.resolutionRate, satisfactionRate: last.satisfactionRate },
      change: {
        rank: r.rank === null || p.rank === null ? null : p.rank - r.rank,
        composite: delta(r.composite, p.composite),
        responseRate: delta(current.responseRate.value, last.responseRate.value),
        resolutionRate: delta(current.resolutionRate.value, last.resolutionRate.value),
        satisfactionRate: delta(current.satisfactionRate.value, last.satisfactionRate.value),
      },
    };
  });
  return { unitKind: q.unitKind, period: 'month' as const, month: q.month, previousMonth: before, rule: RANKING_RULE, formulas: RATE_FORMULAS, items };
}
