import type { HandlerKind } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { CaseRow } from './repository.js';

export interface HandlerUnit {
  kind: HandlerKind;
  nodeId: number | null;
  orgId: number | null;
}

/**
 * The unit that handles a case, from its category's handler kind and its area: the case's grid,
 * its community's residents' committee, the property company serving its estate, or the named
 * department of its street.
 */
export async function resolveHandler(db: Executor, c: Pick<CaseRow, 'category_id' | 'grid_id' | 'community_id' | 'building_id' | 'street_id'>): Promise<HandlerUnit> {
  const category = await db.selectFrom('case_category').select(['handler_kind', 'department']).where('id', '=', c.category_id).executeTakeFirstOrThrow();
  switch (category.handler_kind) {
    case 'grid':
      if (c.grid_id) return { kind: 'grid', nodeId: c.grid_id, orgId: null };
      break;
    case 'residents_committee':
      if (c.community_id) return { kind: 'residents_committee', nodeId: c.community_id, orgId: null };
      break;
    case 'property_company': {
      if (!c.building_id) break;
      const company = await db
        .selectFrom('org_node as b')
        .innerJoin('property_service as ps', 'ps.estate_id', 'b.estate_id')
        .select('ps.organisation_id')
        .where('b.id', '=', c.building_id)
        .executeTakeFirst();
      if (company) return { kind: 'property_company', nodeId: null, orgId: company.organisation_id };
      break;
    }
    case 'department': {
      const dept = await db
        .selectFrom('organisation')
        .select('id')
        .where('kind', '=', 'department')
        .where('name', '=', category.department!)
        .where((eb) => eb.or([eb('street_id', '=', c.street_id), eb('street_id', 'is', null)]))
        .orderBy('street_id')
        .executeTakeFirst();
      if (dept) return { kind: 'department', nodeId: null, orgId: dept.id };
      break;
    }
    case null:
      break;
  }
  throw new AppError('NO_HANDLER', { handlerKind: category.handler_kind, department: category.department });
}

/** Checks an explicitly chosen unit exists and suits its kind. */
export async function checkHandler(db: Executor, unit: HandlerUnit, c: Pick<CaseRow, 'org_path' | 'street_id'>): Promise<HandlerUnit> {
  if (unit.kind === 'department' || unit.kind === 'property_company') {
    const org = unit.orgId
      ? await db.selectFrom('organisation').select(['id', 'kind', 'street_id']).where('id', '=', unit.orgId).executeTakeFirst()
      : undefined;
    if (!org || org.kind !== unit.kind || (org.street_id !== null && org.street_id !== c.street_id)) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.handlerOrgId', message: `not a ${unit.kind} of this street` }]);
    }
    return { kind: unit.kind, nodeId: null, orgId: org.id };
  }
  const wanted = unit.kind === 'grid' ? 'grid' : 'community';
  const node = unit.nodeId ? await db.selectFrom('org_node').select(['id', 'kind', 'path']).where('id', '=', unit.nodeId).executeTakeFirst() : undefined;
  if (!node || node.kind !== wanted || !c.org_path.startsWith(node.path)) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.handlerNodeId', message: `not the ${wanted} of this case` }]);
  }
  return { kind: unit.kind, nodeId: node.id, orgId: null };
}
