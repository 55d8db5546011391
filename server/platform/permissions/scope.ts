import { sql, type Expression, type SqlBool } from 'kysely';
import type { RoleName } from '../db/schema.js';
import { AppError } from '../errors.js';
import { POLICIES, type Permission } from './policies/index.js';

const GRANTS = POLICIES as readonly Partial<Record<Permission, readonly RoleName[]>>[];

export interface RoleGrant {
  role: RoleName;
  orgNodeId: number;
  /** Materialised path of the node where the role is held, e.g. '/1/2/'. */
  path: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: RoleGrant[];
  organisationId: number | null;
  residentId: number | null;
  sessionId: number;
}

export function roleHas(role: RoleName, permission: Permission): boolean {
  return GRANTS.some((p) => p[permission]?.includes(role) ?? false);
}

export function permissionsOf(actor: Pick<Actor, 'roles'>): Permission[] {
  const all = new Set<Permission>();
  for (const policy of GRANTS) {
    for (const [permission, roles] of Object.entries(policy) as [Permission, RoleName[]][]) {
      if (actor.roles.some((r) => roles.includes(r.role))) all.add(permission);
    }
  }
  return [...all].sort();
}

/** The subtrees in which an actor may use a permission: the nodes of the roles that grant it. */
export interface Scope {
  paths: string[];
}

/** The actor's scope for `permission`, or FORBIDDEN when no role of theirs grants it. */
export function scopeFor(actor: Actor, permission: Permission): Scope {
  const paths = actor.roles.filter((r) => roleHas(r.role, permission)).map((r) => r.path);
  if (paths.length === 0) throw new AppError('FORBIDDEN', { permission });
  // Drop paths already covered by an ancestor path.
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return { paths: kept };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => roleHas(r.role, permission));
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/**
 * SQL condition: `column` (a materialised path) lies in the scope. Every scoped query uses
 * this, so scope is enforced by the database, not by filtering afterwards.
 */
export function inScope(column: string, scope: Scope): Expression<SqlBool> {
  const ref = sql.ref(column);
  const parts = scope.paths.map((p) => sql<SqlBool>`${ref} like ${`${p}%`}`);
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
