import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { RANKING_RULE, RATE_FORMULAS, ZERO, delta, nameOrder, rankPositions, threeRates, type Counters } from './formulas.js';
import { previousMonth } from './period.js';
import { areaMembers, isAreaKind, unitsInScope, type UnitRef } from './rate-access.js';
import { sumCountersByMonth } from './repository.js';

/**
 * 排名: every unit of a kind in the reader's scope ranked for a month by the ranking rule
 * (formulas.ts), with the change against the month before: rank and each rate.
 */
export async function rankUnitsForMonth(db: Executor, actor: Actor, q: { unitKind: RateUnitKind; month: string }) {
  const before = previousMonth(q.month);
  const months = [q.month, before];
  const kind = q.unitKind;
  // Area units: their names and their counters read side by side (the scope is a subquery).
  const members = isAreaKind(kind) ? areaMembers(db, actor, kind) : null;
  const [units, sums] = members
    ? await Promise.all([unitsInScope(db, actor, kind).then((u) => u.units), sumCountersByMonth(db, { kind, units: members, months, streets: null })])
    : await unitsInScope(db, actor, kind).then(async (u) => [u.units, await sumCountersByMonth(db, { kind, units: u.units.map((x) => x.id), months, streets: u.streets })] as const);
  const items = rankWithChange(kind, units, sums.get(q.month)!, sums.get(before)!);
  return { unitKind: q.unitKind, period: 'month' as const, month: q.month, previousMonth: before, rule: RANKING_RULE, formulas: RATE_FORMULAS, items };
}

/**
 * The ranking of units for a month beside the month before (the counters of each, by unit id; a
 * unit without counters has zeros), in rank order this month. Ranked by position (rankPositions):
 * the only objects made a unit are those of its item.
 */
export function rankWithChange(kind: RateUnitKind, units: readonly UnitRef[], now: Map<number, Counters>, before: Map<number, Counters>) {
  const order = nameOrder(units);
  const n = units.length;
  const nowByName: Counters[] = new Array(n);
  const beforeByName: Counters[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const id = units[order[k]!]!.id;
    nowByName[k] = now.get(id) ?? ZERO;
    beforeByName[k] = before.get(id) ?? ZERO;
  }
  const current = rankPositions(nowByName);
  const last = rankPositions(beforeByName);
  return Array.from(current.order, (k) => {
    const u = units[order[k]!]!;
    const c = nowByName[k]!;
    const p = beforeByName[k]!;
    const rank = current.rank[k] || null;
    const composite = rank === null ? null : current.composite[k]!;
    const lastRank = last.rank[k] || null;
    const lastComposite = lastRank === null ? null : last.composite[k]!;
    const { responseRate, resolutionRate, satisfactionRate, counts } = threeRates(c);
    const { responseRate: lastResponse, resolutionRate: lastResolution, satisfactionRate: lastSatisfaction } = threeRates(p);
    return {
      rank,
      unit: { kind, id: u.id, name: u.name },
      composite,
      responseRate,
      resolutionRate,
      satisfactionRate,
      counts,
      previous: { rank: lastRank, composite: lastComposite, responseRate: lastResponse, resolutionRate: lastResolution, satisfactionRate: lastSatisfaction },
      change: {
        rank: rank === null || lastRank === null ? null : lastRank - rank,
        composite: delta(composite, lastComposite),
        responseRate: delta(responseRate.value, lastResponse.value),
        resolutionRate: delta(resolutionRate.value, lastResolution.value),
        satisfactionRate: delta(satisfactionRate.value, lastSatisfaction.value),
      },
    };
  });
}
