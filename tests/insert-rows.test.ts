import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/platform/db/database.js';
import { insertRows } from '../server/platform/db/insert-rows.js';
import { createTestDatabase } from './helpers/test-db.js';

/**
 * insertRows (server/platform/db/insert-rows.ts): rows sent as one JSON parameter must land
 * exactly as a VALUES list would put them: every value of every type, in the rows' order, JSON
 * columns as JSON, and one statement text whatever the number of rows.
 */
describe('insertRows: a multi-row INSERT in one parameter', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('puts every value in as given, in the rows’ order, and returns them in that order', async () => {
    const db = database.db;
    const due = new Date('2026-03-01T08:30:00.123Z');
    const topics = Array.from({ length: 40 }, (_, i) => `t${i} "引号" \\ 反斜杠 ${'字'.repeat(i)}`);
    const rows = topics.map((topic, i) => ({
      channel: 'log' as const,
      topic,
      payload: JSON.stringify({ i, nested: { list: [1, 'two', null] }, text: '换行\n制表\t' }),
      next_attempt_at: new Date(due.getTime() + i),
      attempts: i % 3,
      last_error: i % 2 ? null : `error ${i}`,
    }));
    const back = await insertRows(db, 'outbox', rows, { json: ['payload'] }).returning(['id', 'topic', 'payload', 'next_attempt_at', 'attempts', 'last_error']).execute();
    expect(back.map((r) => r.topic)).toEqual(topics);
    back.forEach((r, i) => {
      expect(r.payload).toEqual({ i, nested: { list: [1, 'two', null] }, text: '换行\n制表\t' });
      expect(new Date(r.next_attempt_at).getTime()).toBe(due.getTime() + i);
      expect(r.attempts).toBe(i % 3);
      expect(r.last_error).toBe(i % 2 ? null : `error ${i}`);
    });
    // Ids follow the rows' order (the identity is taken row by row as they are inserted).
    expect(back.map((r) => Number(r.id))).toEqual([...back.map((r) => Number(r.id))].sort((a, b) => a - b));
    // Left out of the list, a column takes its default.
    const stored = await db.selectFrom('outbox').select(['created_at', 'delivered_at']).where('id', '=', back[0]!.id).executeTakeFirstOrThrow();
    expect(stored.created_at).not.toBeNull();
    expect(stored.delivered_at).toBeNull();
  });

  it('computes a column from the row when asked, and leaves it out of the rows when they do', async () => {
    const db = database.db;
    const at = new Date('2026-01-02T03:04:05.000Z');
    const rows = [
      { channel: 'log' as const, topic: 'given', payload: '{}', next_attempt_at: at },
      { channel: 'log' as const, topic: 'left out', payload: '{}' },
    ];
    const back = await insertRows(db, 'outbox', rows, { json: ['payload'], computed: { next_attempt_at: sql`coalesce(r.next_attempt_at, '2030-01-01'::timestamptz)` } })
      .returning(['topic', 'next_attempt_at'])
      .execute();
    expect(back.map((r) => [r.topic, new Date(r.next_attempt_at).toISOString()])).toEqual([
      ['given', at.toISOString()],
      ['left out', '2030-01-01T00:00:00.000Z'],
    ]);
  });

  it('refuses a row that leaves out a column another row gives, and writes nothing', async () => {
    const db = database.db;
    const before = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(() => insertRows(db, 'outbox', [{ channel: 'log', topic: 'a', payload: '{}', last_error: 'x' }, { channel: 'log', topic: 'b', payload: '{}' }], { json: ['payload'] })).toThrow(/a row has no last_error/);
    expect(() => insertRows(db, 'outbox', [])).toThrow(/no rows/);
    const after = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('sends one statement text for any number of rows', async () => {
    const db = database.db;
    const texts = [1, 7, 64].map((n) => insertRows(db, 'outbox', Array.from({ length: n }, (_, i) => ({ channel: 'log', topic: `n${i}`, payload: '{}' })), { json: ['payload'] }).compile().sql);
    expect(new Set(texts).size).toBe(1);
  });
});
