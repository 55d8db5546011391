import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../server/platform/db/database.js';
import { preparedPool } from '../server/platform/db/prepared-pool.js';
import { createTestDatabase } from './helpers/test-db.js';

interface Prepared {
  name: string;
  statement: string;
  runs: number;
}

/** The statements this connection has prepared under our names (asked without parameters, so the question is not one of them). */
async function preparedOn(conn: Kysely<any>): Promise<Prepared[]> {
  const { rows } = await sql
    .raw<Prepared>(`select name, statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements where name like 'gz\\_%' order by prepare_time, name`)
    .execute(conn);
  return rows;
}

describe.runIf(process.env.GZ_TEST_DB === 'postgres')('prepared statements (PostgreSQL)', () => {
  let database: Database & { url?: string };
  let db: Kysely<any>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db as Kysely<any>;
    await sql`create table prep_item (id int primary key, label text not null)`.execute(db);
  });
  afterAll(() => database?.close());

  it('prepares a parameterised statement once per connection and runs it from there', async () => {
    await db.connection().execute(async (conn) => {
      const byId = (id: number) => conn.selectFrom('prep_item').select('label').where('id', '=', id).execute();
      await byId(1);
      await byId(2);
      const mine = (await preparedOn(conn)).filter((p) => p.statement.includes('"prep_item"'));
      expect(mine).toEqual([{ name: expect.stringMatching(/^gz_[\w-]{27}$/), statement: expect.stringContaining('where "id" = $1'), runs: 2 }]);
    });
  });

  it('leaves statements without parameters unnamed, several commands in one text included', async () => {
    await db.connection().execute(async (conn) => {
      const before = (await preparedOn(conn)).length;
      await sql.raw('create temp table prep_multi (n int); insert into prep_multi values (41); insert into prep_multi values (42)').execute(conn);
      expect((await sql.raw<{ n: number }>('select n from prep_multi order by n').execute(conn)).rows).toEqual([{ n: 41 }, { n: 42 }]);
      expect(await preparedOn(conn)).toHaveLength(before);
    });
  });

  it('leaves texts longer than 8 KB unnamed', async () => {
    await db.connection().execute(async (conn) => {
      const long = `select $1::int as n -- ${'x'.repeat(9000)}`;
      const { rows } = await sql.raw<{ n: number }>(long.replace('$1', '7')).execute(conn);
      expect(rows).toEqual([{ n: 7 }]);
      await sql`select ${7}::int as n ${sql.raw(`-- ${'x'.repeat(9000)}`)}`.execute(conn);
      expect((await preparedOn(conn)).filter((p) => p.statement.length > 8192)).toEqual([]);
    });
  });

  it('names at most maxPerConnection texts on a connection and sends the rest unnamed', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const capped = new Kysely<any>({ dialect: new PostgresDialect({ pool: preparedPool(pool, { maxPerConnection: 3 }) }) });
    try {
      for (let round = 0; round < 2; round++) {
        for (let i = 1; i <= 5; i++) {
          const { rows } = await sql<{ n: number }>`select ${i}::int + ${sql.raw(String(i))} as n`.execute(capped);
          expect(rows).toEqual([{ n: 2 * i }]);
        }
      }
      const prepared = await preparedOn(capped);
      expect(prepared.map((p) => [p.statement, p.runs])).toEqual([1, 2, 3].map((i) => [`select $1::int + ${i} as n`, 2]));
    } finally {
      await capped.destroy();
    }
  });

  it('runs a statement again after it failed: in the backend (unique violation, in and out of a transaction) and before it could be prepared', async () => {
    await db.connection().execute(async (conn) => {
      const insert = (id: number, executor: Kysely<any> = conn) => executor.insertInto('prep_item').values({ id, label: `item ${id}` }).execute();
      await insert(10);
      await expect(insert(10)).rejects.toMatchObject({ code: '23505' });
      await insert(11);
      await expect(conn.transaction().execute((tx) => insert(11, tx))).rejects.toMatchObject({ code: '23505' });
      await conn.transaction().execute((tx) => insert(12, tx));
      await insert(13);

      // The table is not there yet: Parse fails, so pg must not count the statement as prepared.
      const later = () => sql<{ label: string }>`select label from prep_later where id = ${1}`.execute(conn);
      await expect(later()).rejects.toMatchObject({ code: '42P01' });
      await sql`create table prep_later (id int primary key, label text)`.execute(conn);
      await sql`insert into prep_later values (1, 'there')`.execute(conn);
      expect((await later()).rows).toEqual([{ label: 'there' }]);
    });
    expect((await db.selectFrom('prep_item').select('id').where('id', '>=', 10).orderBy('id').execute()).map((r) => r.id)).toEqual([10, 11, 12, 13]);
  });

  it('runs a statement again after pg itself failed to send it (a value it cannot serialise)', async () => {
    await db.connection().execute(async (conn) => {
      const echo = (value: unknown) => sql<{ v: string }>`select ${value}::text as v`.execute(conn);
      expect((await echo('first')).rows).toEqual([{ v: 'first' }]);
      await expect(echo({ toPostgres: () => { throw new Error('cannot serialise'); } })).rejects.toThrow('cannot serialise');
      expect((await echo('again')).rows).toEqual([{ v: 'again' }]);
      expect((await echo('and again')).rows).toEqual([{ v: 'and again' }]);
    });
  });

  it('survives a table changing shape under a prepared statement (a migration, here or in another process)', async () => {
    await sql`create table prep_shape (id int primary key, a text)`.execute(db);
    await sql`insert into prep_shape values (1, 'one')`.execute(db);
    await db.connection().execute(async (conn) => {
      const row = (executor: Kysely<any> = conn) => executor.selectFrom('prep_shape').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      expect(await row()).toEqual({ id: 1, a: 'one' });
      expect(await row()).toEqual({ id: 1, a: 'one' });

      // Another connection adds a column: the statement's result type changes.
      await sql`alter table prep_shape add column b text not null default 'bee'`.execute(db);
      // On its own the statement is prepared afresh and sent again.
      expect(await row()).toEqual({ id: 1, a: 'one', b: 'bee' });

      await sql`alter table prep_shape add column c int not null default 3`.execute(db);
      // In a transaction the backend's refusal fails the transaction (it cannot be sent again there)…
      await expect(conn.transaction().execute((tx) => row(tx))).rejects.toMatchObject({ code: '0A000' });
      // …and the next run prepares it afresh.
      expect(await row()).toEqual({ id: 1, a: 'one', b: 'bee', c: 3 });
      await conn.transaction().execute(async (tx) => {
        expect(await row(tx)).toEqual({ id: 1, a: 'one', b: 'bee', c: 3 });
      });
    });
  });

  it('prepares a statement again once it is gone from the connection (DEALLOCATE ALL)', async () => {
    await db.connection().execute(async (conn) => {
      const byId = (id: number, executor: Kysely<any> = conn) => executor.selectFrom('prep_item').select('label').where('id', '=', id).executeTakeFirst();
      expect(await byId(10)).toEqual({ label: 'item 10' });
      await sql`deallocate all`.execute(conn);
      expect(await preparedOn(conn)).toEqual([]);
      expect(await byId(10)).toEqual({ label: 'item 10' });
      await sql`deallocate all`.execute(conn);
      await expect(conn.transaction().execute((tx) => byId(10, tx))).rejects.toMatchObject({ code: '26000' });
      expect(await conn.transaction().execute((tx) => byId(11, tx))).toEqual({ label: 'item 11' });
      // Gone twice, so renamed twice; only the last name is prepared.
      expect((await preparedOn(conn)).map((p) => p.name)).toEqual([expect.stringMatching(/^gz_[\w-]{27}_2$/)]);
    });
  });

  it('sends everything unnamed with prepare: false', async () => {
    const plain = await openDatabase({ url: database.url, poolSize: 1, prepare: false });
    try {
      await (plain.db as Kysely<any>).connection().execute(async (conn) => {
        await conn.selectFrom('prep_item').select('label').where('id', '=', 10).execute();
        await conn.selectFrom('prep_item').select('label').where('id', '=', 10).execute();
        expect(await preparedOn(conn)).toEqual([]);
      });
    } finally {
      await plain.close();
    }
  });
});
