import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseChannel, CaseStatus } from '../../platform/db/schema-cases.js';
import type { Executor } from '../../platform/db/transaction.js';
import { can, inScope, roleHas, scopeFor, type Actor } from '../../platform/permissions/scope.js';
import { caseVisibility } from './case-access.js';

export interface CaseFilter {
  status?: CaseStatus[] | undefined;
  categoryId?: number | undefined;
  gridId?: number | undefined;
  channel?: CaseChannel | undefined;
  mine?: boolean | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Cases waiting for this actor: to accept or dispatch in their area, to handle for their unit, to rate as reporter. */
function waitingForMe(actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (can(actor, 'case.manage')) {
    parts.push(sql<SqlBool>`(c.status in ('submitted', 'accepted', 'reopened') and ${inScope('c.org_path', scopeFor(actor, 'case.manage'))})`);
  }
  if (actor.organisationId && actor.roles.some((r) => r.role === 'department_handler' || r.role === 'property_handler')) {
    parts.push(sql<SqlBool>`(c.status in ('dispatched', 'in_progress') and c.handler_org_id = ${actor.organisationId})`);
  }
  const handlerNodes = actor.roles.filter((r) => (r.role === 'grid_worker' || r.role === 'community_staff') && roleHas(r.role, 'case.handle')).map((r) => r.orgNodeId);
  if (handlerNodes.length) {
    parts.push(sql<SqlBool>`(c.status in ('dispatched', 'in_progress') and c.handler_node_id in (${sql.join(handlerNodes)}))`);
  }
  parts.push(sql<SqlBool>`(c.status = 'replied' and c.reporter_user_id = ${actor.userId})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The queue: visible cases, overdue first, then by the nearest due time. */
export async function listCases(db: Executor, actor: Actor, f: CaseFilter) {
  let query = db.selectFrom('cases as c').where(caseVisibility(actor));
  if (f.status?.length) query = query.where('c.status', 'in', f.status);
  if (f.categoryId) query = query.where('c.category_id', '=', f.categoryId);
  if (f.gridId) query = query.where('c.grid_id', '=', f.gridId);
  if (f.channel) query = query.where('c.channel', '=', f.channel);
  if (f.overdue !== undefined) query = query.where('c.overdue', '=', f.overdue);
  if (f.mine) query = query.where(waitingForMe(actor));
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([eb('c.public_id', '=', q), eb('c.description', 'ilike', `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)]));
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('c')
      .orderBy('c.overdue', 'desc')
      .orderBy(sql`coalesce(c.due_at, c.due_response_at)`, 'asc')
      .orderBy('c.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** Likely duplicates: same grid and category, recent, open or just closed, with similar text. */
export async function duplicateCandidates(db: Executor, actor: Actor, c: { id: number; grid_id: number | null; category_id: number; description: string; received_at: Date }) {
  const since = new Date(c.received_at.getTime() - 30 * 86_400_000);
  const similarity = sql<number>`similarity(c.description, ${c.description})`;
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.public_id as publicId', 'c.status', 'c.description', 'c.received_at as receivedAt', similarity.as('similarity')])
    .where(caseVisibility(actor))
    .where('c.id', '!=', c.id)
    .where('c.category_id', '=', c.category_id)
    .where(c.grid_id === null ? sql<SqlBool>`c.grid_id is null` : sql<SqlBool>`c.grid_id = ${c.grid_id}`)
    .where('c.received_at', '>=', since)
    .where('c.status', 'not in', ['merged', 'withdrawn'])
    .orderBy(similarity, 'desc')
    .orderBy('c.received_at', 'desc')
    .limit(5)
    .execute();
}
