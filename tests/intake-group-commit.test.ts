import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeQueue, takeIn, type Intake } from '../server/modules/cases/intake-queue.js';
import { KEY_ATTEMPTS } from '../server/platform/http/idempotency.js';
import { AppError } from '../server/platform/errors.js';
import { storedRates } from '../server/modules/cases/rollups/repository.js';
import { verifyAuditChain } from '../server/platform/audit/verify-audit.js';
import { findActorByUserId } from '../server/platform/identity/session-repository.js';
import { makeCategory } from './helpers/case-factories.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Case intake takes concurrent demands in together (group commit, intake-queue.ts). A burst of
 * requests of every kind must come out exactly as if each had been taken in alone: each its own
 * answer, refusals alone, one case per Idempotency-Key, every case with its timeline, deadline
 * jobs, audit row, notifications and counters.
 */
describe('case intake under a burst (group commit)', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let category: { id: number };
  let otherHousehold: { id: number };
  const tokens: Record<string, string> = {};
  let staffId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const home = await makeHousehold(db, street.buildingA);
    otherHousehold = await makeHousehold(db, street.buildingB);
    const reporter = await makeResident(db, t.ctx.cipher, home, { name: '钱阿姨' });
    category = await makeCategory(db, { handlerKind: 'grid' });
    const staff = await makeUser(db, [{ role: 'community_staff', node: street.communityA }]);
    staffId = staff.id;
    const users = {
      resident: await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: reporter.id }),
      staff,
    };
    for (const [k, u] of Object.entries(users)) tokens[k] = await login(t.app, u.username);
  });
  afterAll(() => t?.close());

  it('answers every request as if it had come alone, and writes each case whole', async () => {
    const post = (who: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/cases', headers: { ...bearer(tokens[who]!), ...headers }, payload });
    const good = Array.from({ length: 30 }, (_, i) => ({ categoryId: category.id, description: `楼道灯不亮 第${i}号` }));
    const retried = { categoryId: category.id, description: '电梯停运，重试同一请求' };
    const requests = [
      ...good.map((body) => ({ kind: 'good', res: post('resident', body) })),
      ...Array.from({ length: 4 }, () => ({ kind: 'retried', res: post('resident', retried, { 'idempotency-key': 'burst-1' }) })),
      ...Array.from({ length: 3 }, (_, i) => ({ kind: 'unknown-category', res: post('resident', { categoryId: 999_999, description: `未知类别 ${i}` }) })),
      ...Array.from({ length: 2 }, (_, i) => ({ kind: 'not-my-household', res: post('resident', { categoryId: category.id, householdId: otherHousehold.id, description: `别人家 ${i}` }) })),
      { kind: 'staff-phone', res: post('staff', { categoryId: category.id, channel: 'phone', buildingId: street.buildingA.id, description: '电话反映：路灯坏了', reporter: { name: '孙先生' } }) },
      { kind: 'refused-key', res: post('resident', { categoryId: 999_999, description: '未知类别，带键' }, { 'idempotency-key': 'burst-refused' }) },
    ];
    const answers = await Promise.all(requests.map(async (r) => ({ kind: r.kind, res: await r.res })));
    const of = (kind: string) => answers.filter((a) => a.kind === kind).map((a) => a.res);

    expect(of('good').map((r) => r.statusCode)).toEqual(good.map(() => 201));
    expect(of('good').map((r) => r.json().case.description)).toEqual(good.map((g) => g.description));
    expect(of('staff-phone')[0]!.statusCode).toBe(201);
    expect(of('staff-phone')[0]!.json().case).toMatchObject({ channel: 'phone', reporter: { name: '孙先生' } });
    expect(of('unknown-category').map((r) => r.statusCode)).toEqual([422, 422, 422]);
    expect(of('unknown-category').map((r) => r.json().error.code)).toEqual(['UNKNOWN_CATEGORY', 'UNKNOWN_CATEGORY', 'UNKNOWN_CATEGORY']);
    expect(of('not-my-household').map((r) => r.statusCode)).toEqual([404, 404]);
    expect(of('refused-key')[0]!.statusCode).toBe(422);
    const retriedIds = of('retried').map((r) => {
      expect(r.statusCode).toBe(201);
      return r.json().case.id as number;
    });
    expect(new Set(retriedIds).size).toBe(1);
    expect(of('retried').filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);

    const db = t.ctx.db;
    const cases = await db.selectFrom('cases').select(['id', 'description']).execute();
    expect(cases).toHaveLength(good.length + 2);
    const ids = cases.map((c) => c.id);
    const perCase = async (table: 'case_event' | 'case_deadline_job') =>
      db.selectFrom(table).select('case_id').where('case_id', 'in', ids).execute();
    const count = (rows: { case_id: number }[]) => ids.map((id) => rows.filter((r) => r.case_id === id).length);
    expect(count(await perCase('case_event'))).toEqual(ids.map(() => 1));
    expect(count(await perCase('case_deadline_job'))).toEqual(ids.map(() => 2));
    const audit = await db.selectFrom('audit_log').select('target_id').where('action', '=', 'case.submit').execute();
    expect(audit.map((a) => Number(a.target_id)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect((await verifyAuditChain(db)).ok).toBe(true);
    // The community's staff hear of every case except the one they entered themselves.
    const told = await db.selectFrom('notification').select('case_id').where('user_id', '=', staffId).where('kind', '=', 'case.submitted').execute();
    expect(told).toHaveLength(good.length + 1);
    const outbox = await db.selectFrom('outbox').select('payload').where('topic', '=', 'case.submitted').execute();
    expect(outbox).toHaveLength(good.length + 2);
    const rates = await storedRates(db, 'case_rate_daily');
    expect(rates.find((r) => r.unit_kind === 'street' && r.unit_id === street.street.id)?.received).toBe(good.length + 2);
    // The key of a refused request is free again, and nothing of it was kept.
    const keys = await db.selectFrom('idempotency_key').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['burst-1']);

    // And they were taken in together: rows inserted by one transaction share its xmin.
    expect(await transactionsOf(db, ids)).toBeLessThan(ids.length);
  });

  it('takes demands submitted together in one transaction, each with its own answer', async () => {
    const actor = (await findActorByUserId(t.ctx.db, staffId))!;
    const queue = createIntakeQueue(t.ctx.db, t.ctx.cipher, { maxBatch: 64, maxInFlight: 1 });
    const intake = (description: string, categoryId = category.id, key?: string) =>
      queue.submit({
        idempotency: { principal: `user:${staffId}`, key, request: { description } },
        submit: { actor, requestId: null, channel: 'visit', categoryId, buildingId: street.buildingA2.id, description, reporter: { name: '李大爷' } },
        answer: (row, refs) => ({ status: 201, body: { id: row.id, category: refs.categories.get(row.category_id)?.code } }),
      });
    // Submitted in one turn of the event loop, they go together.
    const settled = await Promise.allSettled([
      intake('走访：第一件'),
      ...Array.from({ length: 6 }, (_, i) => intake(`走访：第${i + 2}件`)),
      intake('走访：类别不对', 999_999),
      intake('走访：带键', category.id, 'visit-1'),
      intake('走访：带键', category.id, 'visit-1'),
    ]);
    expect(settled.map((s) => s.status)).toEqual([...Array(7).fill('fulfilled'), 'rejected', 'fulfilled', 'fulfilled']);
    const values = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(values.every((v) => v.status === 201 && (v.body as { category: string }).category)).toBe(true);
    const [keyed, replayed] = values.slice(-2);
    expect(replayed!.body).toEqual(keyed!.body);
    expect([keyed!.replayed, replayed!.replayed]).toEqual([false, true]);
    const ids = [...new Set(values.map((v) => (v.body as { id: number }).id))];
    expect(ids).toHaveLength(8);
    expect(await transactionsOf(t.ctx.db, ids)).toBe(1);
    const gridA2 = await storedRates(t.ctx.db, 'case_rate_daily');
    expect(gridA2.find((r) => r.unit_kind === 'grid' && r.unit_id === street.gridA2.id)?.received).toBe(8);
  });

  it('gives a key its refused first request gave back to the next request of the group, at most KEY_ATTEMPTS times', async () => {
    const actor = (await findActorByUserId(t.ctx.db, staffId))!;
    const request = { description: '同一键的两次请求' };
    const intake = (key: string, categoryId: number): Intake => ({
      idempotency: { principal: `user:${staffId}`, key, request },
      submit: { actor, requestId: null, channel: 'visit', categoryId, buildingId: street.buildingA2.id, description: request.description, reporter: { name: '周师傅' } },
      answer: (row) => ({ status: 201, body: { id: row.id } }),
    });
    const code = (s: object) => ('error' in s && s.error instanceof AppError ? s.error.code : 'no error');
    // The first request of the key is refused (no such category) and gives the key back; the second,
    // waiting to replay its answer, finds none and is taken in as the key's first request.
    const [refused, taken] = await takeIn(t.ctx.db, t.ctx.cipher, [intake('give-back-1', 999_999), intake('give-back-1', category.id)]);
    expect(code(refused!)).toBe('UNKNOWN_CATEGORY');
    expect(taken).toMatchObject({ value: { status: 201, replayed: false } });
    // On its last attempt the same turn of events answers 409: the key is in use, retry.
    const [, last] = await takeIn(t.ctx.db, t.ctx.cipher, [intake('give-back-2', 999_999), intake('give-back-2', category.id)], KEY_ATTEMPTS);
    expect(code(last!)).toBe('CONFLICT');
    const keys = await t.ctx.db.selectFrom('idempotency_key').select('key').where('key', 'in', ['give-back-1', 'give-back-2']).execute();
    expect(keys.map((k) => k.key)).toEqual(['give-back-1']);
  });
});

/** How many transactions inserted these cases (rows of one transaction share its xmin). */
async function transactionsOf(db: TestApp['ctx']['db'], ids: number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(distinct xmin::text)::int as n from cases where id = any(${ids}::bigint[])`.execute(db);
  return rows[0]!.n;
}
