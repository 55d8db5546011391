import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Scope } from '../../platform/permissions/scope.js';

const nodeColumns = ['n.id', 'n.parent_id as parentId', 'n.kind', 'n.code', 'n.name', 'n.path', 'n.address'] as const;

/** Children of a node (or the scope's roots), with child and household counts. */
export async function listNodes(db: Executor, scope: Scope, parentId: number | null) {
  let query = db
    .selectFrom('org_node as n')
    .select([
      ...nodeColumns,
      (eb) => eb.selectFrom('org_node as c').whereRef('c.parent_id', '=', 'n.id').select(sql<number>`count(*)::int`.as('c')).as('childCount'),
      (eb) =>
        eb
          .selectFrom('household as h')
          .where('h.org_path', 'like', sql<string>`n.path || '%'`)
          .select(sql<number>`count(*)::int`.as('c'))
          .as('householdCount'),
    ])
    .where(inScope('n.path', scope));
  if (parentId === null) {
    query = query.where('n.path', 'in', scope.paths);
  } else {
    await getNodeInScope(db, scope, parentId);
    query = query.where('n.parent_id', '=', parentId);
  }
  const rows = await query.orderBy('n.code').limit(2000).execute();
  return rows.map((r) => ({ ...r, childCount: r.childCount ?? 0, householdCount: r.householdCount ?? 0 }));
}

/** One node in scope, or ORG_NODE_NOT_FOUND (out of scope looks the same as absent). */
export async function getNodeInScope(db: Executor, scope: Scope, id: number) {
  const node = await db
    .selectFrom('org_node as n')
    .select([...nodeColumns, 'n.boundary', 'n.point', 'n.street_id as streetId', 'n.estate_id as estateId'])
    .where('n.id', '=', id)
    .where(inScope('n.path', scope))
    .executeTakeFirst();
  if (!node) throw new AppError('ORG_NODE_NOT_FOUND', { id });
  return node;
}

export async function nodeDetail(db: Executor, scope: Scope, id: number) {
  const node = await getNodeInScope(db, scope, id);
  const ancestorIds = node.path.split('/').filter(Boolean).map(Number).filter((a) => a !== node.id);
  const [ancestors, counts, partyOrgs, staff, organisations] = await Promise.all([
    ancestorIds.length
      ? db.selectFrom('org_node').select(['id', 'kind', 'name']).where('id', 'in', ancestorIds).orderBy(sql`length(path)`).execute()
      : Promise.resolve([]),
    db
      .selectNoFrom([
        (eb) => eb.selectFrom('org_node').where('parent_id', '=', id).select(sql<number>`count(*)::int`.as('c')).as('childCount'),
        (eb) =>
          eb.selectFrom('household').where('org_path', 'like', `${node.path}%`).select(sql<number>`count(*)::int`.as('c')).as('householdCount'),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('party_org')
      .select(['id', 'kind', 'name', 'secretary', 'member_count as memberCount'])
      .where('org_node_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('staff')
      .select(['id', 'kind', 'employment', 'name', 'title'])
      .where('org_node_id', '=', id)
      .orderBy('id')
      .execute(),
    db.selectFrom('organisation').select(['id', 'kind', 'name']).where('org_node_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    node: { ...node, childCount: counts.childCount ?? 0, householdCount: counts.householdCount ?? 0 },
    ancestors,
    partyOrgs,
    staff,
    organisations,
  };
}

export async function listPartyOrgs(db: Executor, scope: Scope) {
  return db
    .selectFrom('party_org as p')
    .innerJoin('org_node as n', 'n.id', 'p.org_node_id')
    .select(['p.id', 'p.parent_id as parentId', 'p.kind', 'p.name', 'p.secretary', 'p.member_count as memberCount', 'p.org_node_id as orgNodeId', 'n.name as orgNodeName'])
    .where(inScope('p.org_path', scope))
    .orderBy('p.org_path')
    .orderBy('p.id')
    .limit(5000)
    .execute();
}

export async function listOrganisations(db: Executor, scope: Scope, kind?: string) {
  let query = db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.kind', 'o.name', 'o.org_node_id as orgNodeId', 'o.contact_name as contactName', 'o.contact_phone as contactPhone'])
    .where(inScope('o.org_path', scope));
  if (kind) query = query.where('o.kind', '=', kind as never);
  const rows = await query.orderBy('o.kind').orderBy('o.id').limit(5000).execute();
  const ids = rows.filter((r) => r.kind === 'property_company').map((r) => r.id);
  const estates = ids.length
    ? await db
        .selectFrom('property_service as ps')
        .innerJoin('estate as e', 'e.id', 'ps.estate_id')
        .select(['ps.organisation_id as organisationId', 'e.id', 'e.name'])
        .where('ps.organisation_id', 'in', ids)
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    estates: estates.filter((e) => e.organisationId === r.id).map((e) => ({ id: e.id, name: e.name })),
  }));
}
