import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { resolveAreaUnit, type UnitParam } from '../access.js';
import { listUnitReports } from './repository.js';

/** The reports of a unit in the reader's scope, newest first. */
export async function listReports(db: Executor, actor: Actor, q: { unit: UnitParam; kind?: 'weekly' | 'monthly'; period?: string; limit: number }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  return listUnitReports(db, { unitId: unit.id, kind: q.kind, period: q.period, limit: q.limit });
}
