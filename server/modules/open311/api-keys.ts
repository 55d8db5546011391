import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { findActorByUserId } from '../../platform/identity/session-repository.js';
import type { Actor } from '../../platform/permissions/scope.js';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export interface ApiClient {
  keyId: number;
  streetId: number;
  actor: Actor;
}

/** The client behind an Open311 api_key: its street and the service account it writes as. */
export async function findApiClient(db: Kysely<DB>, key: string | undefined): Promise<ApiClient | null> {
  if (!key || key.length > 200) return null;
  const row = await db
    .selectFrom('open311_api_key')
    .select(['id', 'street_id', 'user_id'])
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const actor = await findActorByUserId(db, row.user_id);
  return actor ? { keyId: row.id, streetId: row.street_id, actor } : null;
}

/** Creates a key's service account (no roles, no usable password) and stores the key's hash. */
export async function createApiKey(db: Kysely<DB>, options: { name: string; streetId: number; key?: string; isDemo?: boolean }): Promise<string> {
  const key = options.key ?? crypto.randomBytes(24).toString('base64url');
  const user = await db
    .insertInto('app_user')
    .values({
      username: `open311-${crypto.randomBytes(4).toString('hex')}`,
      display_name: `Open311 · ${options.name}`,
      password_hash: '!',
      is_demo: options.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('open311_api_key').values({ key_hash: hashApiKey(key), name: options.name, street_id: options.streetId, user_id: user.id }).execute();
  return key;
}
