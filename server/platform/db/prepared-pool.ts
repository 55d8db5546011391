import crypto from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

/**
 * A pg.Pool for Kysely's PostgresDialect whose clients send each parameterised statement as a
 * named one, so PostgreSQL parses and plans it once per connection instead of on every call
 * (on the intake path parse and plan cost more server time than execution).
 *
 * Sent unnamed, as before: statements without parameters (migrations and scripts send several
 * commands in one text, which cannot be prepared; begin/commit gain nothing), texts longer than
 * `maxTextLength` (a prepared statement keeps its text and plan in the backend's memory), and
 * new texts once a connection holds `maxPerConnection` names (texts that vary with the number of
 * rows in a batch must not grow the backends without bound).
 */
export interface PreparedPoolOptions {
  maxTextLength?: number;
  maxPerConnection?: number;
}

export const PREPARED_NAME_PREFIX = 'gz_';

/** What one connection has named, by text: its name (null: sent unnamed from now on) and how often it was renamed. */
interface Named {
  name: string | null;
  renamed: number;
}

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
        if (isStalePlan(err)) {
          // A table the statement reads changed shape (a migration, here or in another process):
          // the backend keeps refusing this name, so the text gets a fresh one. On its own the
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

/** PostgreSQL's answer to a prepared statement whose result columns changed since it was prepared. */
function isStalePlan(err: unknown): boolean {
  // By the function that raises it, as the message follows the server's lc_messages.
  return err instanceof pg.DatabaseError && err.code === '0A000' && (err.routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(err.message));
}
