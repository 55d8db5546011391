import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCategory, makeOrganisation } from './helpers/case-factories.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// The workflow as the tests understand it, written independently of server/modules/cases/state-machine.ts.
const EXPECTED: Record<string, Record<string, string>> = {
  accept: { submitted: 'accepted' },
  dispatch: { accepted: 'dispatched', reopened: 'dispatched' },
  take: { dispatched: 'in_progress' },
  return: { dispatched: 'accepted', in_progress: 'accepted' },
  notes: { accepted: 'accepted', dispatched: 'dispatched', in_progress: 'in_progress', replied: 'replied', reopened: 'reopened' },
  reply: { in_progress: 'replied' },
  rate_ok: { replied: 'closed' },
  rate_bad: { replied: 'reopened' },
  reopen: { replied: 'reopened', closed: 'reopened' },
  close: { replied: 'closed' },
  'close-unresolved': { submitted: 'closed', accepted: 'closed', dispatched: 'closed', in_progress: 'closed', replied: 'closed', reopened: 'closed' },
  withdraw: { submitted: 'withdrawn', accepted: 'withdrawn', dispatched: 'withdrawn' },
};
const STATES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened', 'closed', 'merged', 'withdrawn'];

// Who performs each action in these tests: the area manager, the handler, or the reporter.
const ACTOR: Record<string, 'staff' | 'handler' | 'resident'> = {
  accept: 'staff',
  dispatch: 'staff',
  take: 'handler',
  return: 'handler',
  notes: 'staff',
  reply: 'handler',
  rate_ok: 'resident',
  rate_bad: 'resident',
  reopen: 'resident',
  close: 'staff',
  'close-unresolved': 'staff',
  withdraw: 'resident',
};
const PAYLOAD: Record<string, object> = {
  accept: {},
  dispatch: {},
  take: {},
  return: { reason: '不属于本单位职责' },
  notes: { note: '进展', internal: false },
  reply: { reply: '已处理' },
  rate_ok: { resolved: true, satisfaction: 'basically_satisfied' },
  rate_bad: { resolved: false, satisfaction: 'dissatisfied' },
  reopen: { reason: '问题又出现了' },
  close: { reason: '回访三次未接通' },
  'close-unresolved': { reason: '需区级立项' },
  withdraw: { reason: '已自行解决' },
};
const ACTIONS = Object.keys(EXPECTED);
const urlOf = (action: string) => (action.startsWith('rate') ? 'rate' : action);

describe('case workflow invariants', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let categoryId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    const street = await makeStreet(db);
    const h = await makeHousehold(db, street.buildingA);
    const r = await makeResident(db, t.ctx.cipher, h);
    const dept = await makeOrganisation(db, street.street, 'department', '城管执法队');
    categoryId = (await makeCategory(db, { handlerKind: 'department', department: '城管执法队' })).id;
    tokens.staff = await login(t.app, (await makeUser(db, [{ role: 'community_staff', node: street.communityA }])).username);
    tokens.handler = await login(t.app, (await makeUser(db, [{ role: 'department_handler', node: street.street }], { organisationId: dept.id })).username);
    tokens.resident = await login(t.app, (await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: r.id })).username);
  });
  afterAll(() => t?.close());

  const submit = async () =>
    (await t.app.inject({ method: 'POST', url: '/api/cases', headers: bearer(tokens.resident!), payload: { categoryId, description: '测试诉求' } })).json().case as { id: number; status: string };

  const act = (caseId: number, action: string) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/${urlOf(action)}`, headers: bearer(tokens[ACTOR[action]!]!), payload: PAYLOAD[action] });

  /** Drives a case into `state` along the happy path. */
  async function caseIn(state: string): Promise<number> {
    const c = await submit();
    const path: Record<string, string[]> = {
      submitted: [],
      accepted: ['accept'],
      dispatched: ['accept', 'dispatch'],
      in_progress: ['accept', 'dispatch', 'take'],
      replied: ['accept', 'dispatch', 'take', 'reply'],
      reopened: ['accept', 'dispatch', 'take', 'reply', 'rate_bad'],
      closed: ['accept', 'dispatch', 'take', 'reply', 'rate_ok'],
      withdrawn: ['withdraw'],
    };
    for (const a of path[state]!) expect((await act(c.id, a)).statusCode).toBe(200);
    return c.id;
  }

  const cells = ACTIONS.flatMap((action) => STATES.filter((s) => s !== 'merged').map((state) => [action, state] as const));
  it.each(cells)('%s from %s: allowed exactly when the workflow says so', async (action, state) => {
    const id = await caseIn(state);
    const before = await t.ctx.db.selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    const res = await act(id, action);
    const expected = EXPECTED[action]![state];
    if (expected) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().case.status).toBe(expected);
    } else {
      expect([403, 404, 409]).toContain(res.statusCode);
      if (res.statusCode === 409) {
        expect(res.json().error.code).toBe('CASE_INVALID_TRANSITION');
        expect(res.json().error.details.status).toBe(state);
      }
      const after = await t.ctx.db.selectFrom('cases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(after).toEqual(before);
    }
  });

  it('keeps its invariants under random sequences of actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 14 }), async (actions) => {
        const { id } = await submit();
        let state = 'submitted';
        for (const action of actions) {
          const res = await act(id, action);
          expect(res.statusCode).toBeLessThan(500);
          const next = EXPECTED[action]![state];
          if (next) {
            expect(res.statusCode, `${action} from ${state}: ${res.body}`).toBe(200);
            state = next;
          } else {
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
          }
        }
        const row = await t.ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        expect(row.status).toBe(state);
        const events = await t.ctx.db.selectFrom('case_event').select(['action', 'to_status']).where('case_id', '=', id).orderBy('id').execute();
        expect(events.at(-1)!.to_status).toBe(state);
        const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'case').where('target_id', '=', String(id)).orderBy('id').execute();
        // One audit row per transition, in the same order as the timeline.
        expect(audits.map((a) => a.action)).toEqual(events.map((e) => `case.${e.action}`));
        if (row.status === 'closed') {
          // Closed with a rating, or with a written reason (unresolved, or closed without a rating).
          expect(row.satisfaction !== null || (row.close_reason !== null && row.close_reason !== '')).toBe(true);
          expect(row.closed_at).not.toBeNull();
          if (row.resolution === 'resolved') expect(row.rated_resolved).toBe(true);
        }
        if (row.status === 'withdrawn') expect(row.closed_at).not.toBeNull();
      }),
      { numRuns: 25 },
    );
  });
});
