import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { RATE_FORMULAS, threeRates, type Ratio } from '../cases/rates/formulas.js';
import { sumCounters } from '../cases/rates/repository.js';
import { resolveAreaUnit, type UnitParam } from './access.js';
import { findClassProblems } from './find-class-problems.js';
import { isoWeekRange } from './periods.js';
import { childNodes, gridsUnder, openOverdueCases, type AreaKind } from './repository.js';

export const OVERDUE_LIST_LIMIT = 100;
const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;

/**
 * 周调度 of an area unit for an ISO week: the open overdue cases now (longest overdue first,
 * bounded), class problems over the 30 days ending on the week's Sunday, and the communities and
 * grids whose rates that week fall below their street's, each with numerator and denominator.
 */
export async function readWeeklyAnalysis(db: Executor, actor: Actor, q: { week: string; unit: UnitParam }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  const range = isoWeekRange(q.week);
  const overdue = await openOverdueCases(db, { path: unit.path, limit: OVERDUE_LIST_LIMIT });

  // The communities and grids of the subtree, each against the street it lies in.
  const communities = unit.kind === 'street' ? await childNodes(db, unit.id, 'community') : unit.kind === 'community' ? [{ id: unit.id, name: unit.name }] : [];
  const compared: [AreaKind, { id: number; name: string }[]][] = [
    ['community', communities],
    ['grid', await gridsUnder(db, unit.path)],
  ];
  const [streetSums, ...sums] = await Promise.all([
    sumCounters(db, { kind: 'street', unitIds: [unit.streetId], range, streets: null }),
    ...compared.map(([kind, units]) => sumCounters(db, { kind, unitIds: units.map((u) => u.id), range, streets: null })),
  ]);
  const street = threeRates(streetSums!.get(unit.streetId)!);
  const behind: { unit: { kind: AreaKind; id: number; name: string }; rate: (typeof RATES)[number]; value: Ratio; streetValue: Ratio; gap: number }[] = [];
  compared.forEach(([kind, units], i) => {
    for (const u of units) {
      const rates = threeRates(sums[i]!.get(u.id)!);
      for (const rate of RATES) {
        const mine = rates[rate];
        const theirs = street[rate];
        if (mine.value !== null && theirs.value !== null && mine.value < theirs.value) behind.push({ unit: { kind, id: u.id, name: u.name }, rate, value: mine, streetValue: theirs, gap: mine.value - theirs.value });
      }
    }
  });
  behind.sort((a, b) => a.gap - b.gap || a.unit.id - b.unit.id || RATES.indexOf(a.rate) - RATES.indexOf(b.rate));

  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    week: q.week,
    ...range,
    overdue: {
      asOf: new Date().toISOString(),
      total: overdue.total,
      limit: OVERDUE_LIST_LIMIT,
      items: overdue.items.map((c) => ({
        id: c.id,
        publicId: c.public_id,
        categoryId: c.category_id,
        gridId: c.grid_id,
        status: c.status,
        receivedAt: c.received_at.toISOString(),
        dueAt: (c.due_at ?? c.due_response_at).toISOString(),
        supervisionLevel: c.supervision_level,
        handlerKind: c.handler_kind,
        handlerOrgId: c.handler_org_id,
      })),
    },
    classProblems: await findClassProblems(db, { unit, to: range.to }),
    fallingBehind: {
      rule: { zh: '本周某率低于所在街道同率的社区、网格（两者分母均不为 0），差距大者在前', en: 'Communities and grids whose rate this week is below their street\'s (both with a non-zero denominator), widest gap first' },
      formulas: RATE_FORMULAS,
      street: { responseRate: street.responseRate, resolutionRate: street.resolutionRate, satisfactionRate: street.satisfactionRate },
      items: behind,
    },
  };
}
