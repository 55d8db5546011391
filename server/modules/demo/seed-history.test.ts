import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../platform/crypto/pii.js';
import type { Database, DatabaseKind } from '../../platform/db/database.js';
import { createTestDatabase, testEngine } from '../../../tests/helpers/test-db.js';
import { DEFAULT_CATALOGUE } from '../cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../cases/install-catalogue.js';
import { checkCaseRates } from '../cases/rollups/check-case-rates.js';
import { seedDemoCases } from './seed-cases.js';
import { seedDemo } from './seed-demo.js';
import { seedCaseHistory, type HistorySummary } from './seed-history.js';

/**
 * A year of synthetic cases on a small demo street, on the project's engine and on PostgreSQL
 * when one is configured: what it writes must be what the workflow itself would have left.
 */

const CASES = 3000;
const postgresConfigured = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
const engines = [...new Set<DatabaseKind>([testEngine(), ...(postgresConfigured ? (['postgres'] as const) : [])])];
const NOW = new Date();

describe.each(engines)('seedCaseHistory on %s', (engine) => {
  let database: Database;
  let summary: HistorySummary;
  const cipher = new PiiCipher(crypto.randomBytes(32));
  const progress: [number, number][] = [];

  let before = 0;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await installCatalogue(database.db, DEFAULT_CATALOGUE);
    await seedDemo({ db: database.db, cipher, households: 600, seed: 7 });
    await seedDemoCases({ db: database.db, cipher, count: 20 });
    before = Number((await sql<{ n: number }>`select count(*)::int as n from cases`.execute(database.db)).rows[0]!.n);
    summary = await seedCaseHistory({ db: database.db, cipher, cases: CASES, now: NOW, onProgress: (d, t) => progress.push([d, t]) });
  }, 180_000);

  afterAll(async () => {
    await database?.close();
  });

  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

  it('writes the cases it reports, spread over the twelve months before now', async () => {
    expect(summary.cases).toBe(CASES);
    const [span] = await rows<{ n: number; first: Date; last: Date }>(
      sql`select count(*)::int as n, min(received_at) as first, max(received_at) as last from cases`,
    );
    expect(span!.n).toBe(before + CASES);
    expect(new Date(span!.first).getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 366 * 86_400_000);
    expect(new Date(span!.last).getTime()).toBeLessThanOrEqual(Date.now());
    const byStatus = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from cases group by status`);
    const total = byStatus.reduce((a, r) => a + r.n, 0);
    const reported = Object.values(summary.byStatus).reduce((a, n) => a + (n ?? 0), 0);
    expect(reported).toBe(CASES);
    expect(total).toBe(before + CASES);
    // Mostly finished, some still open: every screen has something to show.
    expect(summary.byStatus.closed ?? 0).toBeGreaterThan(CASES * 0.8);
    expect((summary.byStatus.submitted ?? 0) + (summary.byStatus.dispatched ?? 0) + (summary.byStatus.in_progress ?? 0)).toBeGreaterThan(0);
    expect(summary.whistles).toBeGreaterThan(0);
  });

  it('reports progress that only grows and ends at its total', () => {
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    const [done, total] = progress.at(-1)!;
    expect(done).toBe(total);
  });

  it('ends every closed case with a rating, an honest reason, or a fix on the spot; every timeline at its case’s state', async () => {
    // 随手做 closes a patrol case at once with evidence and no rating, as the real use case does.
    const [unexplained] = await rows<{ n: number }>(sql`
      select count(*)::int as n from cases c
      where c.status = 'closed' and c.satisfaction is null and coalesce(c.close_reason, '') = ''
        and not (c.channel = 'patrol' and c.resolution = 'resolved' and exists (select 1 from case_event e where e.case_id = c.id and e.action = 'fix_on_spot'))`);
    expect(unexplained!.n).toBe(0);
    const mismatched = await rows<{ id: number; status: string; last: string | null }>(sql`
      select c.id, c.status, e.to_status as last
      from cases c
      left join lateral (select to_status from case_event where case_id = c.id and to_status is not null order by at desc, id desc limit 1) e on true
      where e.to_status is distinct from c.status
      limit 5`);
    expect(mismatched).toEqual([]);
  });

  it('leaves the three-rate roll-ups in agreement with the cases', async () => {
    expect(summary.rateRows).toBeGreaterThan(0);
    expect(await checkCaseRates(database.db)).toEqual([]);
  });

  it('refuses to write a second history', async () => {
    await expect(seedCaseHistory({ db: database.db, cipher, cases: 10, now: NOW })).rejects.toMatchObject({ code: 'CONFLICT' });
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from cases`);
    expect(count!.n).toBe(before + CASES);
  });
});
