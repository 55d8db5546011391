import type { RateUnitKind } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { monthRange } from '../cases/rates/period.js';
import { rankUnitsForMonth } from '../cases/rates/rank-units.js';
import { resolveAreaUnit, type UnitParam } from './access.js';
import { findClassProblems } from './find-class-problems.js';

export const PRIORITY_CANDIDATES = 5;

/**
 * 月点评: the three-rate ranking of every unit of a kind in the reader's scope with the change on
 * the month before (cases/rates/rank-units.ts), and the month's priority-problem candidates for
 * 每月一题: the unit's most frequent class problems of the month.
 */
export async function readMonthlyAnalysis(db: Executor, actor: Actor, q: { month: string; unit: UnitParam; unitKind: RateUnitKind }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  const range = monthRange(q.month);
  const ranking = await rankUnitsForMonth(db, actor, { unitKind: q.unitKind, month: q.month });
  const candidates = await findClassProblems(db, { unit, from: range.from, to: range.to, limit: PRIORITY_CANDIDATES });
  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    month: q.month,
    ...range,
    ranking,
    priorityCandidates: {
      rule: {
        zh: `当月次数最多的 ${PRIORITY_CANDIDATES} 个类问题，作为“每月一题”的候选`,
        en: `The month's ${PRIORITY_CANDIDATES} most frequent class problems, as candidates for the month's priority problem`,
      },
      classProblemRule: candidates.rule,
      items: candidates.items,
    },
  };
}
