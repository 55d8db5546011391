import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeHousehold, makeNode, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Every field name the deliberation and owners' vote endpoints read. */
const FIELDS = [
  'communityId', 'title', 'description', 'caseId', 'decision', 'mergeIntoId', 'note', 'reason', 'feedback', 'supportThreshold',
  'kind', 'location', 'startsAt', 'endsAt', 'capacity', 'commentOpensAt', 'commentClosesAt', 'topicId', 'name', 'capacityAs',
  'userId', 'organisationId', 'partyOrgId', 'ttlMinutes', 'token', 'body', 'minutes', 'ownerName', 'ownerUserId', 'dueDate',
  'content', 'assigneeName', 'evidence', 'status', 'estateId', 'matter', 'developerHouseholdIds', 'closesAt', 'ownerId',
  'proxyName', 'proxyResidentId', 'authorizationRef', 'choice', 'paperReference', 'proxyId',
] as const;

describe('no 5xx from any input', () => {
  let t: TestApp;
  let ids: number[];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    const street = await makeStreet(db);
    const estate = await db
      .insertInto('estate')
      .values({ community_id: street.communityA.id, street_id: street.street.id, org_path: street.communityA.path, name: '模糊小区' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const building = await makeNode(db, street.gridA, 'building');
    await db.updateTable('org_node').set({ estate_id: estate.id }).where('id', '=', building.id).execute();
    const resident = await makeResident(db, t.ctx.cipher, await makeHousehold(db, building));
    tokens.push(await login(t.app, (await makeUser(db, [{ role: 'street_admin', node: street.street }, { role: 'owners_committee_member', node: street.communityA }])).username));
    tokens.push(await login(t.app, (await makeUser(db, [{ role: 'resident', node: building }], { residentId: resident.id })).username));
    const admin = bearer(tokens[0]!);
    const topic = await t.app.inject({ method: 'POST', url: '/api/deliberation/topics', headers: admin, payload: { communityId: street.communityA.id, title: '议题', description: '说明' } });
    const meeting = await t.app.inject({
      method: 'POST',
      url: '/api/deliberation/meetings',
      headers: admin,
      payload: { communityId: street.communityA.id, kind: 'council', title: '议事会', location: '会议室', startsAt: '2030-01-01T09:00:00+08:00', capacity: 3 },
    });
    const vote = await t.app.inject({ method: 'POST', url: '/api/owners-votes', headers: admin, payload: { estateId: estate.id, title: '表决', description: '说明', matter: 'other_important' } });
    await t.app.inject({ method: 'POST', url: `/api/owners-votes/${vote.json().id}/open`, headers: admin });
    ids = [street.communityA.id, estate.id, topic.json().id, meeting.json().id, vote.json().id, resident.id, 1, 2, 3];
  });
  afterAll(() => t?.close());

  const value = () =>
    fc.oneof(
      fc.constantFrom(...ids),
      fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1e20, Number.MAX_SAFE_INTEGER)),
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
      fc.constantFrom('accept', 'merge', 'decline', 'council', 'joint', 'for', 'against', 'done', 'in_progress', 'maintenance_fund_raising'),
      fc.constantFrom('2030-02-30', '0000-01-01', '9999-12-31', '2030-06-30', '0001-01-01T00:00:00Z', '2030-01-01T00:00:00+08:00', '2999-01-01T00:00:00Z'),
      fc.array(fc.oneof(fc.integer(), fc.constantFrom(...ids)), { maxLength: 5 }),
      fc.boolean(),
      fc.constant(null),
    );
  const payload = () => fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 8 }), fc.anything({ maxDepth: 2 }));
  const pathId = () => fc.oneof(fc.constantFrom(...ids.map(String)), fc.constantFrom('0', '-1', 'abc', '1e3', '99999999999999999999', '9007199254740993'));

  /** Each route with a valid body; the fuzzer mutates a few fields of it, or sends something else entirely. */
  const routes = (): ['POST' | 'PUT' | 'GET', (id: string) => string, Record<string, unknown>][] => {
    const [communityId, estateId, topicId] = ids;
    return [
      ['POST', () => '/api/deliberation/topics', { communityId, title: '议题标题', description: '说明' }],
      ['POST', (id) => `/api/deliberation/topics/${id}/support`, {}],
      ['POST', (id) => `/api/deliberation/topics/${id}/vet`, { decision: 'merge', mergeIntoId: topicId, note: '备注' }],
      ['POST', (id) => `/api/deliberation/topics/${id}/outcome`, { feedback: '反馈内容' }],
      ['PUT', (id) => `/api/deliberation/settings/${id}`, { supportThreshold: 5 }],
      ['POST', () => '/api/deliberation/meetings', { communityId, kind: 'joint', title: '会议', location: '地点', startsAt: '2030-01-01T09:00:00Z', capacity: 5, commentOpensAt: '2029-12-01T00:00:00Z', commentClosesAt: '2029-12-31T00:00:00Z' }],
      ['POST', (id) => `/api/deliberation/meetings/${id}/agenda`, { topicId, title: '议程' }],
      ['POST', (id) => `/api/deliberation/meetings/${id}/invitations`, { name: '物业公司', capacityAs: '物业', userId: 1, organisationId: 1, partyOrgId: 1 }],
      ['POST', (id) => `/api/deliberation/meetings/${id}/registrations`, {}],
      ['POST', (id) => `/api/deliberation/meetings/${id}/check-in-code`, { ttlMinutes: 30 }],
      ['POST', () => '/api/deliberation/check-in', { token: '1.1900000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
      ['POST', (id) => `/api/deliberation/meetings/${id}/comments`, { body: '意见' }],
      ['PUT', (id) => `/api/deliberation/meetings/${id}/minutes`, { minutes: '纪要' }],
      ['POST', (id) => `/api/deliberation/meetings/${id}/resolutions`, { topicId, title: '决议标题', content: '内容', ownerName: '居委会', ownerUserId: 1, dueDate: '2030-06-30' }],
      ['POST', (id) => `/api/deliberation/resolutions/${id}/tasks`, { title: '任务标题', assigneeName: '网格员', dueDate: '2030-06-30' }],
      ['POST', (id) => `/api/deliberation/tasks/${id}/progress`, { note: '进展', evidence: 'https://example.org', status: 'done' }],
      ['POST', () => '/api/owners-votes', { estateId, title: '表决事项', description: '说明', matter: 'building_reconstruction', developerHouseholdIds: [], closesAt: '2031-01-01T00:00:00Z' }],
      ['POST', (id) => `/api/owners-votes/${id}/proxies`, { ownerId: 1, proxyName: '代理人', proxyResidentId: 1, authorizationRef: 'A-1' }],
      ['POST', (id) => `/api/owners-votes/${id}/ballots`, { choice: 'for', ownerId: 1 }],
      ['POST', (id) => `/api/owners-votes/${id}/paper-ballots`, { ownerId: 1, choice: 'against', paperReference: 'P-1', proxyId: 1 }],
      ['POST', (id) => `/api/owners-votes/${id}/open`, {}],
      ['POST', (id) => `/api/owners-votes/${id}/close`, {}],
      ['GET', (id) => `/api/owners-votes/${id}/result`, {}],
      ['GET', (id) => `/api/deliberation/topics?communityId=${id}&status=accepted`, {}],
      ['GET', (id) => `/api/public/deliberation/disclosures?communityId=${id}`, {}],
    ];
  };
  const mutated = (valid: Record<string, unknown>) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .dictionary(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...Object.keys(valid), 'title') }, fc.constantFrom(...FIELDS)), value(), { maxKeys: 2 })
          .map((changes) => ({ ...valid, ...changes })),
      },
      { weight: 1, arbitrary: payload() },
    );

  it('answers every random request with a status below 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes()).chain((route) => fc.tuple(fc.constant(route), mutated(route[2]))),
        pathId(),
        fc.constantFrom(0, 1),
        async ([[method, url], body], id, who) => {
        const res = await t.app.inject({
          method,
          url: url(id),
          headers: bearer(tokens[who]!),
          ...(method === 'GET' ? {} : { payload: JSON.stringify(body ?? null), headers: { ...bearer(tokens[who]!), 'content-type': 'application/json' } }),
        });
        if (res.statusCode >= 500) throw new Error(`${method} ${url(id)} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
        expect(res.json()).toBeTypeOf('object');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
