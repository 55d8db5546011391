import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// PGlite runs one connection, so requests never overlap there; the race is only real on PostgreSQL.
describe.runIf(process.env.GZ_TEST_DB === 'postgres')('deliberation under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let staff: string;
  let communityId: number;
  const residents: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    const street = await makeStreet(db);
    communityId = street.communityA.id;
    staff = await login(t.app, (await makeUser(db, [{ role: 'community_staff', node: street.communityA }])).username);
    for (let i = 0; i < 24; i += 1) {
      const resident = await makeResident(db, t.ctx.cipher, await makeHousehold(db, street.buildingA));
      residents.push(await login(t.app, (await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: resident.id })).username));
    }
  });
  afterAll(() => t?.close());

  it('never registers more people than the capacity, however many ask at once', async () => {
    for (const capacity of [1, 5, 13]) {
      const meeting = await t.app.inject({
        method: 'POST',
        url: '/api/deliberation/meetings',
        headers: bearer(staff),
        payload: { communityId, kind: 'joint', title: `联席会议 ${capacity}`, location: '社区会议室', startsAt: new Date(Date.now() + 86_400_000).toISOString(), capacity },
      });
      const id = meeting.json().id as number;
      // Every resident asks twice at the same moment: capacity and one-registration-per-person both hold.
      const responses = await Promise.all(
        [...residents, ...residents].map((token) => t.app.inject({ method: 'POST', url: `/api/deliberation/meetings/${id}/registrations`, headers: bearer(token) })),
      );
      const codes = responses.map((r) => (r.statusCode === 201 ? 'ok' : r.json().error.code));
      expect(codes.filter((c) => c === 'ok')).toHaveLength(capacity);
      expect(codes).toContain('MEETING_FULL');
      expect(codes.every((c) => ['ok', 'MEETING_FULL', 'MEETING_ALREADY_REGISTERED'].includes(c))).toBe(true);
      const rows = await t.ctx.db.selectFrom('meeting_registration').select('user_id').where('meeting_id', '=', id).execute();
      expect(rows).toHaveLength(capacity);
      const m = await t.ctx.db.selectFrom('meeting').select('registered_count').where('id', '=', id).executeTakeFirstOrThrow();
      expect(m.registered_count).toBe(capacity);
    }
  });

  it('counts simultaneous supports exactly and sends the topic to vetting once', async () => {
    await t.app.inject({ method: 'PUT', url: `/api/deliberation/settings/${communityId}`, headers: bearer(staff), payload: { supportThreshold: 20 } });
    const topic = await t.app.inject({
      method: 'POST',
      url: '/api/deliberation/topics',
      headers: bearer(residents[0]!),
      payload: { communityId, title: '楼道堆物清理', description: '消防通道被占' },
    });
    const id = topic.json().id as number;
    const responses = await Promise.all(
      [...residents.slice(1), ...residents.slice(1)].map((token) => t.app.inject({ method: 'POST', url: `/api/deliberation/topics/${id}/support`, headers: bearer(token) })),
    );
    expect(responses.every((r) => r.statusCode < 500)).toBe(true);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(19);
    const row = await t.ctx.db.selectFrom('topic').select(['support_count', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    const supports = await t.ctx.db.selectFrom('topic_support').select('resident_id').where('topic_id', '=', id).execute();
    expect(row).toEqual({ support_count: 20, status: 'vetting' });
    expect(supports).toHaveLength(20);
  });
});
