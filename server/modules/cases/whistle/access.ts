import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../../../platform/errors.js';
import { can, inScope, roleHas, type Actor, type Scope } from '../../../platform/permissions/scope.js';

/**
 * Who sees which whistle. Area roles with whistle.read see the whistles blown in their subtree;
 * a department handler sees only the whistles their department was summoned to, whatever node
 * their role is held at (as with cases dispatched to them); the blower always sees their own.
 */
export function areaReadScope(actor: Actor): Scope | null {
  const paths = actor.roles.filter((r) => r.role !== 'department_handler' && roleHas(r.role, 'whistle.read')).map((r) => r.path);
  return paths.length > 0 ? { paths: [...new Set(paths)] } : null;
}

/** The department the actor answers for when summoned, if any. */
export function summonedDepartmentOf(actor: Actor): number | null {
  return actor.organisationId !== null && actor.roles.some((r) => r.role === 'department_handler') ? actor.organisationId : null;
}

/** SQL condition on the `whistle` table aliased `w`. */
export function whistleVisibility(actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`w.blown_by = ${actor.userId}`];
  const area = areaReadScope(actor);
  if (area) parts.push(inScope('w.org_path', area));
  const department = summonedDepartmentOf(actor);
  if (department !== null) {
    parts.push(sql<SqlBool>`exists (select 1 from whistle_summons vs where vs.whistle_id = w.id and vs.department_id = ${department})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * SQL condition on summons rows (`s`, joined to `w`) whose figures the actor may read: all rows
 * of whistles in their area, but a department handler only their own department's rows.
 */
export function summonsVisibility(actor: Actor): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const area = areaReadScope(actor);
  if (area) parts.push(inScope('w.org_path', area));
  const department = summonedDepartmentOf(actor);
  if (department !== null) parts.push(sql<SqlBool>`s.department_id = ${department}`);
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function assertMayRead(actor: Actor): void {
  if (!can(actor, 'whistle.read')) throw new AppError('FORBIDDEN', { permission: 'whistle.read' });
}

/** 事不完、人不撤: only the official who blew the whistle, or an admin of its street, ends it and rates. */
export function isBlowerOrStreetAdmin(actor: Actor, w: { blown_by: number; org_path: string }): boolean {
  return w.blown_by === actor.userId || actor.roles.some((r) => r.role === 'street_admin' && w.org_path.startsWith(r.path));
}

export function assertBlowerOrStreetAdmin(actor: Actor, w: { id: number; blown_by: number; org_path: string }): void {
  if (!isBlowerOrStreetAdmin(actor, w)) throw new AppError('WHISTLE_NOT_BLOWER', { whistleId: w.id });
}

/** Check-in limits are set for the whole deployment, by a street admin. */
export function assertMaySetLimits(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === 'street_admin')) throw new AppError('FORBIDDEN', { role: 'street_admin' });
}
