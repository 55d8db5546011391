import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../permissions/scope.js';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export async function insertSession(
  db: Executor,
  input: { userId: number; token: string; ttlHours: number; ip: string | null; userAgent: string | null },
): Promise<number> {
  const row = await db
    .insertInto('session')
    .values({
      token_hash: hashToken(input.token),
      user_id: input.userId,
      expires_at: new Date(Date.now() + input.ttlHours * 3_600_000),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The actor behind a live session token, with every role and the path of its node. */
export async function findActorByToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const rows = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .leftJoin('org_node as n', 'n.id', 'r.org_node_id')
    .select([
      's.id as sessionId',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      'u.organisation_id as organisationId',
      'u.resident_id as residentId',
      'r.role',
      'r.org_node_id as orgNodeId',
      'n.path',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .execute();
  const first = rows[0];
  if (!first) return null;
  return {
    userId: first.userId,
    username: first.username,
    displayName: first.displayName,
    organisationId: first.organisationId,
    residentId: first.residentId,
    sessionId: first.sessionId,
    roles: rows
      .filter((r) => r.role !== null && r.orgNodeId !== null && r.path !== null)
      .map((r) => ({ role: r.role!, orgNodeId: r.orgNodeId!, path: r.path! })),
  };
}

export async function revokeSession(db: Executor, sessionId: number): Promise<void> {
  await db.updateTable('session').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeOtherSessions(db: Executor, userId: number, keepSessionId: number): Promise<number> {
  const res = await db
    .updateTable('session')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
