import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { PiiCipher } from './crypto/pii.js';
import type { DatabaseKind } from './db/database.js';
import type { DB } from './db/schema.js';
import type { Actor } from './permissions/scope.js';

/** What every module is given at start-up. */
export interface AppContext {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  cipher: PiiCipher;
  log: Logger;
}

/** Who is asking, passed to every use case with its input. */
export interface Caller {
  actor: Actor;
  requestId: string | null;
}

export function auditActor(caller: Caller) {
  return { id: caller.actor.userId, name: caller.actor.username };
}
