import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { anyText } from '../db/any.js';
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
  return (await findActorsByTokens(db, [token]))[0]!;
}

/** findActorByToken for several tokens in one query, in their order. */
export async function findActorsByTokens(db: Kysely<DB>, tokens: readonly string[]): Promise<(Actor | null)[]> {
  const hashes = tokens.map(hashToken);
  const rows = await actorRows(db)
    .innerJoin('session as s', 's.user_id', 'u.id')
    .select(['s.id as sessionId', 's.token_hash as tokenHash'])
    .where('s.token_hash', '=', anyText(hashes))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', new Date())
    .orderBy('r.id')
    .execute();
  return hashes.map((h) => toActor(rows.filter((r) => r.tokenHash === h)));
}

/** A user as an actor without a session (service accounts, background work). */
export async function findActorByUserId(db: Kysely<DB>, userId: number): Promise<Actor | null> {
  const rows = await actorRows(db).select(sql<number>`0`.as('sessionId')).where('u.id', '=', userId).orderBy('r.id').execute();
  return toActor(rows);
}

/** A user and each of its roles with the role's node path, one row per role (one row with none). */
function actorRows(db: Kysely<DB>) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('user_role as r', 'r.user_id', 'u.id')
    .leftJoin('org_node as n', 'n.id', 'r.org_node_id')
    .select([
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
}

interface ActorRow {
  sessionId: number;
  userId: number;
  username: string;
  displayName: string;
  organisationId: number | null;
  residentId: number | null;
  role: Actor['roles'][number]['role'] | null;
  orgNodeId: number | null;
  path: string | null;
}

function toActor(rows: readonly ActorRow[]): Actor | null {
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
