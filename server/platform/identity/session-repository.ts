import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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
  return findActor(db, { token });
}

/** A user as an actor without a session (service accounts, background work). */
export async function findActorByUserId(db: Kysely<DB>, userId: number): Promise<Actor | null> {
  return findActor(db, { userId });
}

async function findActor(db: Kysely<DB>, by: { token: string } | { userId: number }): Promise<Actor | null> {
  let query = db
    .selectFrom('app_user as u')
    .leftJoin('session as s', (join) =>
      'token' in by
        ? join.onRef('s.user_id', '=', 'u.id').on('s.token_hash', '=', hashToken(by.token)).on('s.revoked_at', 'is', null).on('s.expires_at', '>', new Date())
        : join.onRef('s.user_id', '=', 'u.id').on(sql<boolean>`false`),
    )
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
    .where('u.disabled_at', 'is', null);
  query = 'token' in by ? query.where('s.id', 'is not', null) : query.where('u.id', '=', by.userId);
  const rows = await query.execute();
  const first = rows[0];
  if (!first) return null;
  return {
    userId: first.userId,
    username: first.username,
    displayName: first.displayName,
    organisationId: first.organisationId,
    residentId: first.residentId,
    sessionId: first.sessionId ?? 0,
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
