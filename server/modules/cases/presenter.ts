import type { z } from 'zod';
import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { assertMayAct, isReporter } from './case-access.js';
import type { CaseRow } from './repository.js';
import type { CaseView } from './schema.js';
import { actionsFrom } from './state-machine.js';

/** Names of categories and handling units, fetched once for a page of cases. */
export async function loadCaseRefs(db: Executor, rows: CaseRow[]) {
  const categoryIds = [...new Set(rows.map((r) => r.category_id))];
  const orgIds = [...new Set(rows.map((r) => r.handler_org_id).filter((v): v is number => v !== null))];
  const nodeIds = [...new Set(rows.map((r) => r.handler_node_id).filter((v): v is number => v !== null))];
  const [categories, orgs, nodes] = await Promise.all([
    categoryIds.length ? db.selectFrom('case_category').select(['id', 'code', 'name_zh', 'name_en']).where('id', 'in', categoryIds).execute() : [],
    orgIds.length ? db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    nodeIds.length ? db.selectFrom('org_node').select(['id', 'name']).where('id', 'in', nodeIds).execute() : [],
  ]);
  return {
    categories: new Map(categories.map((c) => [c.id, c])),
    orgs: new Map(orgs.map((o) => [o.id, o.name])),
    nodes: new Map(nodes.map((n) => [n.id, n.name])),
  };
}

export type CaseRefs = Awaited<ReturnType<typeof loadCaseRefs>>;

/** Staff see the reporter masked; the reporter sees their own; a hidden reporter is hidden from the public only. */
export function presentCase(row: CaseRow, refs: CaseRefs, actor: Actor): z.infer<typeof CaseView> {
  const category = refs.categories.get(row.category_id);
  const own = isReporter(actor, row);
  return {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    channel: row.channel,
    priority: row.priority,
    category: { id: row.category_id, code: category?.code ?? '', nameZh: category?.name_zh ?? '', nameEn: category?.name_en ?? '' },
    description: row.description,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    streetId: row.street_id,
    communityId: row.community_id,
    gridId: row.grid_id,
    buildingId: row.building_id,
    householdId: row.household_id,
    reporter: { name: row.reporter_name, phone: own || actor.roles.some((r) => r.role !== 'resident') ? row.reporter_phone_mask : null, hidden: row.reporter_hidden },
    handler: {
      kind: row.handler_kind,
      nodeId: row.handler_node_id,
      orgId: row.handler_org_id,
      name: row.handler_org_id ? (refs.orgs.get(row.handler_org_id) ?? null) : row.handler_node_id ? (refs.nodes.get(row.handler_node_id) ?? null) : null,
    },
    receivedAt: row.received_at,
    dueResponseAt: row.due_response_at,
    respondedAt: row.responded_at,
    dispatchedAt: row.dispatched_at,
    dueAt: row.due_at,
    repliedAt: row.replied_at,
    closedAt: row.closed_at,
    overdue: row.overdue,
    supervisionLevel: row.supervision_level,
    reopenCount: row.reopen_count,
    resolution: row.resolution,
    ratedResolved: row.rated_resolved,
    satisfaction: row.satisfaction,
    mergedIntoId: row.merged_into_id,
    closeReason: row.close_reason,
    version: row.version,
  };
}

/** The actions this actor may take on the case in its current state, and no others. */
export function allowedActions(actor: Actor, row: CaseRow): string[] {
  return actionsFrom(row.status).filter((action) => {
    try {
      assertMayAct(actor, row, action);
      return true;
    } catch {
      return false;
    }
  });
}
