import type { RateUnitKind } from '../../../platform/db/schema-cases.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { RATE_FORMULAS, ZERO, threeRates } from './formulas.js';
import { periodRange, type PeriodKind } from './period.js';
import { resolveUnit } from './rate-access.js';
import { sumCounters } from './repository.js';

/** The three rates of one unit for a local day or month, with numerators, denominators and formulas. */
export async function readUnitRates(db: Executor, actor: Actor, q: { unitKind: RateUnitKind; unitId: number; period: PeriodKind; date: string }) {
  const { unit, streets } = await resolveUnit(db, actor, q.unitKind, q.unitId);
  const range = periodRange(q.period, q.date);
  const sums = await sumCounters(db, { kind: unit.kind, unitIds: [unit.id], range, streets });
  return { unit, period: q.period, ...range, ...threeRates(sums.get(unit.id) ?? ZERO), formulas: RATE_FORMULAS };
}
