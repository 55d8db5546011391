import { sql, type Expression, type SqlBool } from 'kysely';
import type { CasesTable } from '../../platform/db/schema-cases.js';
import { AppError } from '../../platform/errors.js';
import { can, pathInScope, roleHas, scopeFor, type Actor, inScope } from '../../platform/permissions/scope.js';
import type { CaseAction } from './state-machine.js';

type CaseRow = Pick<
  CasesTable,
  'org_path' | 'handler_kind' | 'handler_node_id' | 'handler_org_id' | 'reporter_user_id' | 'reporter_resident_id'
> & { handler_node_id: number | null; handler_org_id: number | null; reporter_user_id: number | null; reporter_resident_id: number | null };

/**
 * Which cases an actor sees, as SQL on the `cases` table aliased `c`: those in the subtree of a
 * role with case.read or case.manage, those dispatched to the actor's organisation, and those
 * the actor raised. Anything else does not exist for them (404).
 */
export function caseVisibility(actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  // Area roles see their subtree; handling organisations (departments, property companies)
  // see only what was dispatched to them, whatever node their role is held at.
  for (const permission of ['case.read', 'case.manage'] as const) {
    if (can(actor, permission)) parts.push(inScope('c.org_path', scopeFor(actor, permission)));
  }
  if (actor.organisationId && can(actor, 'case.handle')) parts.push(sql<SqlBool>`c.handler_org_id = ${actor.organisationId}`);
  parts.push(sql<SqlBool>`c.reporter_user_id = ${actor.userId}`);
  if (actor.residentId) parts.push(sql<SqlBool>`c.reporter_resident_id = ${actor.residentId}`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function isReporter(actor: Actor, c: CaseRow): boolean {
  return c.reporter_user_id === actor.userId || (actor.residentId !== null && c.reporter_resident_id === actor.residentId);
}

function managesArea(actor: Actor, c: CaseRow, permission: 'case.manage' | 'case.supervise'): boolean {
  return can(actor, permission) && pathInScope(scopeFor(actor, permission), c.org_path);
}

/** The unit the case was dispatched to is the actor's own. */
export function isHandler(actor: Actor, c: CaseRow): boolean {
  if (c.handler_kind === 'department' || c.handler_kind === 'property_company') {
    const role = c.handler_kind === 'department' ? 'department_handler' : 'property_handler';
    return actor.organisationId !== null && actor.organisationId === c.handler_org_id && actor.roles.some((r) => r.role === role);
  }
  if (c.handler_node_id === null) return false;
  const marker = `/${c.handler_node_id}/`;
  const at = c.org_path.indexOf(marker);
  if (at < 0) return false;
  const handlerPath = c.org_path.slice(0, at + marker.length);
  const role = c.handler_kind === 'grid' ? 'grid_worker' : 'community_staff';
  return actor.roles.some((r) => r.role === role && roleHas(r.role, 'case.handle') && handlerPath.startsWith(r.path));
}

/** Who may take each action on a visible case; FORBIDDEN otherwise. */
export function assertMayAct(actor: Actor, c: CaseRow, action: CaseAction): { as: 'manager' | 'handler' | 'reporter' | 'supervisor' } {
  const manager = managesArea(actor, c, 'case.manage');
  switch (action) {
    case 'accept':
    case 'dispatch':
    case 'merge':
    case 'close':
    case 'close_unresolved':
      if (manager) return { as: 'manager' };
      break;
    case 'take':
    case 'return':
    case 'reply':
      if (isHandler(actor, c)) return { as: 'handler' };
      break;
    case 'note':
      if (isHandler(actor, c)) return { as: 'handler' };
      if (manager) return { as: 'manager' };
      break;
    case 'rate':
    case 'reopen':
      if (isReporter(actor, c)) return { as: 'reporter' };
      // 回访: staff record the resident's rating from a return visit.
      if (manager) return { as: 'manager' };
      break;
    case 'withdraw':
      if (isReporter(actor, c)) return { as: 'reporter' };
      break;
    case 'supervise':
      if (managesArea(actor, c, 'case.supervise')) return { as: 'supervisor' };
      break;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
  throw new AppError(action === 'take' || action === 'reply' || action === 'return' ? 'CASE_NOT_YOURS' : 'FORBIDDEN', { action });
}
