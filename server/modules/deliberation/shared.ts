import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { Permission } from '../../platform/permissions/permissions.js';
import { scopeFor, type Actor, type Scope } from '../../platform/permissions/scope.js';
import { getNodeInScope } from '../org/repository.js';

/** Org paths are '/district/street/community/grid/building/': the community is the third id. */
const COMMUNITY_DEPTH = 3;

export function communityPathOf(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return ids.length > COMMUNITY_DEPTH ? `/${ids.slice(0, COMMUNITY_DEPTH).join('/')}/` : path;
}

/**
 * Deliberation happens in a community: a role held at a grid or building (a resident's, a grid
 * worker's) reaches the whole community for reading, proposing, taking part and voting.
 */
export function communityScope(actor: Actor, permission: Permission): Scope {
  const widened = [...new Set(scopeFor(actor, permission).paths.map(communityPathOf))].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of widened) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return { paths: kept };
}

/** A community node in scope, or ORG_NODE_NOT_FOUND. */
export async function getCommunityInScope(db: Executor, scope: Scope, communityId: number) {
  const node = await getNodeInScope(db, scope, communityId);
  if (node.kind !== 'community') throw new AppError('ORG_NODE_NOT_FOUND', { id: communityId, reason: 'not a community' });
  return { id: node.id, path: node.path, name: node.name, streetId: node.streetId! };
}

/** The actor's resident id, or RESIDENT_ACCOUNT_REQUIRED (supporting, voting online). */
export function residentOf(actor: Actor): number {
  if (actor.residentId === null) throw new AppError('RESIDENT_ACCOUNT_REQUIRED');
  return actor.residentId;
}

/** A unique-constraint violation of the named constraint or index (PostgreSQL and PGlite alike). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(`"${constraint}"`));
}
