import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { resolveUnit } from '../cases/rates/rate-access.js';
import { findAreaNode, type AreaKind, type AreaNode } from './repository.js';

export interface UnitParam {
  kind: AreaKind;
  id: number;
}

/**
 * The area unit (street, community or grid) an analysis is about, with the rates' access rule
 * (cases/rates/rate-access.ts): FORBIDDEN without rates.read, RATE_UNIT_NOT_FOUND when the
 * unit is outside the reader's scope or is not of that kind.
 */
export async function resolveAreaUnit(db: Executor, actor: Actor, unit: UnitParam): Promise<AreaNode> {
  await resolveUnit(db, actor, unit.kind, unit.id);
  return findAreaNode(db, unit.id);
}

/** The kind one level down, whose units the views compare (a street's communities, a community's grids). */
export function childKind(kind: AreaKind): AreaKind | null {
  return kind === 'street' ? 'community' : kind === 'community' ? 'grid' : null;
}
