import crypto from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

export interface PreparedPoolOptions {
  /** Longer texts go unnamed: a prepared statement keeps its text and plan in the backend's memory. */
  maxTextLength?: number;
  /** Names one connection gives at most; texts that vary with a batch's row count must not grow the backends without bound. */
  maxPerConnection?: number;
}

export const PREPARED_NAME_PREFIX = 'gz_';

/** What one connection has named, by text: its name (null: sent unnamed from now on) and how often it was renamed. */
interface Named {
  name: string | null;
  renamed: number;
}

/**
 * A pg.Pool for Kysely's PostgresDialect whose clients send each parameterised statement as a
 * named one (gz_ and the text's sha1), so PostgreSQL parses it once per connection instead of on
 * every call, and plans it once too where it settles on a generic plan (plan_cache_mode auto: after
 * five runs, when that plan costs no more). On the intake path parsing and planning cost more
 * server time than executing.
 *
 * Sent unnamed, as before: statements without parameters (migrations and scripts send several
 * commands in one text, which cannot be prepared; begin and commit gain nothing), texts longer
 * than `maxTextLength` (8 KB), and new texts once the connection gave `maxPerConnection` (256) names.
 */
export function preparedPool(pool: pg.Pool, options: PreparedPoolOptions = {}): PostgresPool {
  const maxTextLength = options.maxTextLength ?? 8192;
  const maxPerConnection = options.maxPerConnection ?? 256;
  // One adapter per pg client, so Kysely (which keeps its connections by client) sees the same object each time.
  const adapters = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const adapt = (client: pg.PoolClient): PostgresPoolClient => {
    const named = new Map<string, Named>();
    /** Names given on this connection, stale ones included: each may be a statement in the backend. */
    let given = 0;
    const give = (text: string, renamed: number): Named => {
      if (given >= maxPerConnection) return { name: null, renamed };
      given += 1;
      const hash = crypto.createHash('sha1').update(text).digest('base64url');
      return { name: `${PREPARED_NAME_PREFIX}${hash}${renamed ? `_${renamed}` : ''}`, renamed };
    };
    const nameFor = (text: string): Named => {
      let entry = named.get(text);
      if (entry) return entry;
      entry = give(text, 0);
      // Past the cap nothing is kept, or texts that vary (a batch's row count) would grow the map.
      if (entry.name) named.set(text, entry);
      return entry;
    };

    async function run(text: string, values: unknown[]): Promise<PostgresQueryResult<unknown>> {
      const entry = values.length && text.length <= maxTextLength ? nameFor(text) : undefined;
      const name = entry?.name;
      if (!entry || !name) return client.query(text, values) as never;
      // The state before the statement: idle means it runs in a transaction of its own.
      const alone = client.getTransactionStatus() === 'I';
      try {
        return (await client.query({ name, text, values })) as never;
      } catch (err) {
        if (refusesName(err)) {
          // The backend will keep refusing this name, so the text gets a fresh one. On its own the
          // statement did nothing yet and is sent again; in a transaction, the transaction failed.
          const renamed = give(text, entry.renamed + 1);
          named.set(text, renamed);
          if (alone) return client.query({ name: renamed.name ?? undefined, text, values }) as never;
        } else if (!(err instanceof pg.DatabaseError)) {
          // Failed in pg itself (a value it could not serialise): pg then closes the statement in
          // the backend yet may still count it as prepared, so this text is no longer named here.
          named.set(text, { name: null, renamed: entry.renamed });
        }
        throw err;
      }
    }

    return {
      query: ((textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) =>
        typeof textOrCursor === 'string' ? run(textOrCursor, (values ?? []) as unknown[]) : client.query(textOrCursor as never)) as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  };

  return {
    async connect() {
      const client = await pool.connect();
      let adapter = adapters.get(client);
      if (!adapter) adapters.set(client, (adapter = adapt(client)));
      return adapter;
    },
    end: () => pool.end(),
  };
}

/**
 * The backend's answer when a name can no longer be used: the statement's result columns changed
 * since it was prepared (a table it reads changed shape: a migration, here or in another process),
 * or the statement is gone (DEALLOCATE or DISCARD ALL on the connection).
 */
function refusesName(err: unknown): boolean {
  if (!(err instanceof pg.DatabaseError)) return false;
  if (err.code === '26000') return true; // invalid_sql_statement_name: prepared statement "…" does not exist
  // Known by the function that raises it, as the message follows the server's lc_messages.
  return err.code === '0A000' && (err.routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(err.message));
}
