import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, makeHousehold, makeNode, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Races are only real on PostgreSQL (PGlite serves one connection at a time).
describe.runIf(process.env.GZ_TEST_DB === 'postgres')('owners\' votes under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let committee: string;
  let estateId: number;
  const owners: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    const street = await makeStreet(db);
    const estate = await db
      .insertInto('estate')
      .values({ community_id: street.communityA.id, street_id: street.street.id, org_path: street.communityA.path, name: '并发小区' })
      .returning('id')
      .executeTakeFirstOrThrow();
    estateId = estate.id;
    const building = await makeNode(db, street.gridA, 'building');
    await db.updateTable('org_node').set({ estate_id: estate.id }).where('id', '=', building.id).execute();
    for (let i = 0; i < 12; i += 1) {
      const resident = await makeResident(db, t.ctx.cipher, await makeHousehold(db, building, { areaM2: `${60 + i}.25` }));
      owners.push(await login(t.app, (await makeUser(db, [{ role: 'resident', node: building }], { residentId: resident.id })).username));
    }
    committee = await login(t.app, (await makeUser(db, [{ role: 'owners_committee_member', node: street.communityA }])).username);
  });
  afterAll(() => t?.close());

  const post = (token: string, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });

  it('takes one ballot per owner when the same owner votes online and on paper at once', async () => {
    const id = (await post(committee, '/api/owners-votes', { estateId, title: '同时投票', description: '说明', matter: 'other_important' })).json().id;
    await post(committee, `/api/owners-votes/${id}/open`);
    const roll = (await t.app.inject({ method: 'GET', url: `/api/owners-votes/${id}/owners`, headers: bearer(committee) })).json().items as { id: number }[];
    const requests = owners.flatMap((token, i) => [
      post(token, `/api/owners-votes/${id}/ballots`, { choice: 'for' }),
      post(token, `/api/owners-votes/${id}/ballots`, { choice: 'against' }),
      post(committee, `/api/owners-votes/${id}/paper-ballots`, { ownerId: roll[i]!.id, choice: 'abstain', paperReference: `P-${i}` }),
      post(committee, `/api/owners-votes/${id}/paper-ballots`, { ownerId: roll[(i + 1) % roll.length]!.id, choice: 'abstain', paperReference: 'SAME' }),
    ]);
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    const codes = new Set(responses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code));
    expect([...codes].every((c) => c === 'OWNERS_VOTE_DUPLICATE_BALLOT' || c === 'OWNERS_VOTE_DUPLICATE_PAPER')).toBe(true);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(owners.length);
    const same = await t.ctx.db.selectFrom('vote_ballot').select('id').where('vote_id', '=', id).where('paper_reference', '=', 'SAME').execute();
    expect(same.length).toBeLessThanOrEqual(1);
  });

  it('counts exactly the ballots accepted before a close that races with them', async () => {
    const id = (await post(committee, '/api/owners-votes', { estateId, title: '边投边关', description: '说明', matter: 'maintenance_fund_use' })).json().id;
    await post(committee, `/api/owners-votes/${id}/open`);
    const ballots = owners.map((token) => post(token, `/api/owners-votes/${id}/ballots`, { choice: 'for' }));
    const close = post(committee, `/api/owners-votes/${id}/close`);
    const [closed, ...cast] = await Promise.all([close, ...ballots]);
    expect(closed!.statusCode).toBe(200);
    const accepted = cast.filter((r) => r.statusCode === 201).length;
    expect(cast.every((r) => r.statusCode === 201 || r.json().error.code === 'OWNERS_VOTE_CLOSED')).toBe(true);
    expect(closed!.json().ballotCount).toBe(accepted);
    const rows = await t.ctx.db.selectFrom('vote_ballot').select('id').where('vote_id', '=', id).execute();
    expect(rows).toHaveLength(accepted);
    expect((await post(committee, `/api/owners-votes/${id}/recount`)).json().matches).toBe(true);
  });
});
