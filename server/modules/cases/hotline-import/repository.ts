import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/transaction.js';
import { inScope, type Scope } from '../../../platform/permissions/scope.js';
import { anyText } from '../../../platform/db/any.js';

/** Look-ups of the hotline import, each one query per file, never one per row. */

export interface CategoryRef {
  id: number;
  code: string;
  nameZh: string;
  active: boolean;
  /** Has its own time limits and no sub-categories: a case may be filed under it. */
  leaf: boolean;
}

export async function listCategoryRefs(db: Executor): Promise<CategoryRef[]> {
  return db
    .selectFrom('case_category as c')
    .select([
      'c.id',
      'c.code',
      'c.name_zh as nameZh',
      'c.active',
      sql<boolean>`c.response_minutes is not null and not exists (select 1 from case_category k where k.parent_id = c.id)`.as('leaf'),
    ])
    .orderBy('c.id')
    .execute();
}

export interface GridRef {
  id: number;
  path: string;
  streetId: number | null;
  boundary: unknown;
}

/** Grids with a drawn boundary in the streets the scope lies in (or below, for a district-wide scope). */
export async function gridsWithBoundary(db: Executor, streets: Scope): Promise<GridRef[]> {
  return db
    .selectFrom('org_node')
    .select(['id', 'path', 'street_id as streetId', 'boundary'])
    .where('kind', '=', 'grid')
    .where('boundary', 'is not', null)
    .where(inScope('path', streets))
    .orderBy('id')
    .execute();
}

/** Which of these work-order numbers already came in from the hotline. */
export async function importedWorkOrders(db: Executor, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectFrom('cases')
    .select('external_ref')
    .where('channel', '=', 'hotline')
    .where('external_ref', '=', anyText(refs))
    .execute();
  return new Set(rows.map((r) => r.external_ref!));
}
