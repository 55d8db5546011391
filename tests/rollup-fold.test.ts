import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpRates, type RateCounter } from '../server/modules/cases/rates.js';
import { foldRollups } from '../server/modules/cases/rollups/fold-rollups.js';
import { storedRates } from '../server/modules/cases/rollups/repository.js';
import { inTransaction } from '../server/platform/db/transaction.js';
import { makeCategory } from './helpers/case-factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Transitions append roll-up changes (case_rollup_delta) and a background round folds them into
 * the roll-up tables (migration 015). Readers must see every change exactly once whether it is
 * folded or not, and folds running side by side with each other and with new changes must
 * neither lose nor double one.
 */
let t: TestApp;
let categoryId: number;
beforeAll(async () => {
  // A low bar for /healthz's backlog warning, so a few transitions cross it.
  t = await createTestApp({ ROLLUP_BACKLOG_WARN_ROWS: '50' });
  categoryId = (await makeCategory(t.ctx.db)).id;
});
afterAll(() => t.close());

/** One transition's changes: `received` on its street, community and grid, in a transaction of its own. */
const transition = (street: number, i: number, counter: RateCounter = 'received') =>
  inTransaction(t.ctx.db, (tx) =>
    bumpRates(tx, {
      at: new Date(Date.UTC(2025, 4, 1 + (i % 3), 4)),
      case: { street_id: street, category_id: categoryId, channel: 'phone' },
      units: [
        { kind: 'street', id: street },
        { kind: 'community', id: street * 10 + (i % 2) },
        { kind: 'grid', id: street * 100 + (i % 5) },
      ],
      add: { [counter]: 1 },
    }),
  );

const total = async (street: number, table: 'case_rate_daily' | 'case_rate_monthly' | 'case_rollup_daily', kind: string, counter: RateCounter) =>
  (await storedRates(t.ctx.db, table, street)).filter((r) => r.unit_kind === kind).reduce((n, r) => n + r[counter], 0);
const pending = async (street: number) =>
  (await t.ctx.db.selectFrom('case_rollup_delta').select(sql<number>`count(*)::int`.as('n')).where('street_id', '=', street).executeTakeFirstOrThrow()).n;

describe('folding roll-up changes', () => {
  it('/healthz shows the backlog and warns when it passes ROLLUP_BACKLOG_WARN_ROWS, and stops once folded', async () => {
    const health = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      return res.json() as { status: string; rollupBacklog: number; warnings: string[] };
    };
    await foldRollups(t.ctx.db);
    expect(await health()).toMatchObject({ status: 'ok', rollupBacklog: 0, warnings: [] });
    const street = 9_050;
    for (let i = 0; i < 16; i += 1) await transition(street, i);
    // 48 rows: under the bar of 50.
    expect(await health()).toMatchObject({ rollupBacklog: 48, warnings: [] });
    await transition(street, 16);
    const over = await health();
    expect(over.rollupBacklog).toBe(50);
    expect(over.warnings).toEqual([expect.stringMatching(/^rollup_backlog: 50\+ roll-up changes/)]);
    await foldRollups(t.ctx.db);
    expect(await health()).toMatchObject({ rollupBacklog: 0, warnings: [] });
  });

  it('reads the same sums before and after a fold, and folds each change once', async () => {
    const street = 9_001;
    for (let i = 0; i < 30; i += 1) await transition(street, i);
    // One row a unit a transition, none folded yet.
    expect(await pending(street)).toBe(90);
    const before = await storedRates(t.ctx.db, 'case_rollup_daily', street);
    expect(await total(street, 'case_rate_daily', 'street', 'received')).toBe(30);
    expect(await total(street, 'case_rate_monthly', 'grid', 'received')).toBe(30);

    expect(await foldRollups(t.ctx.db, { batch: 40 })).toBe(90);
    expect(await pending(street)).toBe(0);
    expect(await storedRates(t.ctx.db, 'case_rollup_daily', street)).toEqual(before);
    // Summed by key: the street's 30 changes on 3 days are 3 rows of case_rate_daily and 1 of the month.
    const folded = await t.ctx.db.selectFrom('case_rate_daily').selectAll().where('street_id', '=', street).where('unit_kind', '=', 'street').execute();
    expect(folded.map((r) => [r.day, r.received, r.lane]).sort()).toEqual([
      ['2025-05-01', 10, 0],
      ['2025-05-02', 10, 0],
      ['2025-05-03', 10, 0],
    ]);
    const month = await t.ctx.db.selectFrom('case_rate_monthly').selectAll().where('street_id', '=', street).where('unit_kind', '=', 'community').execute();
    expect(month.map((r) => [r.month, r.unit_id, r.received]).sort()).toEqual([
      ['2025-05-01', street * 10, 15],
      ['2025-05-01', street * 10 + 1, 15],
    ]);

    // Later changes add to the folded rows.
    for (let i = 0; i < 3; i += 1) await transition(street, i, 'rated');
    expect(await total(street, 'case_rate_daily', 'street', 'rated')).toBe(3);
    await foldRollups(t.ctx.db);
    expect(await total(street, 'case_rate_daily', 'street', 'rated')).toBe(3);
    expect(await total(street, 'case_rate_daily', 'street', 'received')).toBe(30);
  });

  it.runIf(process.env.GZ_TEST_DB === 'postgres')('loses and doubles nothing with folds side by side and changes arriving meanwhile (PostgreSQL)', async () => {
    const street = 9_002;
    const changes = 400;
    let written = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = w; i < changes; i += 4) {
        await transition(street, i);
        written += 1;
      }
    });
    // Folders on other connections, in small batches, while the writers go on.
    let folded = 0;
    let done = false;
    const folders = Array.from({ length: 3 }, async () => {
      while (!done) {
        const n = await foldRollups(t.ctx.db, { batch: 25 });
        folded += n;
      }
    });
    await Promise.all(writers);
    done = true;
    await Promise.all(folders);
    const rest = await foldRollups(t.ctx.db);
    folded += rest;
    expect(written).toBe(changes);
    expect(folded).toBe(3 * changes);
    expect(await pending(street)).toBe(0);
    for (const table of ['case_rate_daily', 'case_rate_monthly', 'case_rollup_daily'] as const) {
      for (const kind of ['street', 'community', 'grid']) expect(await total(street, table, kind, 'received'), `${table} ${kind}`).toBe(changes);
    }
  });
});
