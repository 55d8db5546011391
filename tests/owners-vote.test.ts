import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../server/platform/db/schema.js';
import { bearer, login, makeHousehold, makeNode, makeResident, makeStreet, makeUser, type NodeRef } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** An estate in the grid's community with one building of its own. */
async function makeEstate(db: Kysely<DB>, community: NodeRef, grid: NodeRef, name: string) {
  const estate = await db
    .insertInto('estate')
    .values({ community_id: community.id, street_id: community.streetId!, org_path: community.path, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  const building = await makeNode(db, grid, 'building', { name: `${name}1号楼` });
  await db.updateTable('org_node').set({ estate_id: estate.id }).where('id', '=', building.id).execute();
  return { id: estate.id, building };
}

describe('owners\' votes (业主表决) under Civil Code art. 278', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let estateId: number;
  let developerUnits: number[];
  const token: Record<string, string> = {};
  const residentId: Record<string, number> = {};

  const call = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(who ? { headers: bearer(token[who]!) } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });
  const expectError = (res: { statusCode: number; json(): { error: { code: string } } }, status: number, code: string) => {
    expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
  };
  const ballotCount = async (voteId: number) => (await t.ctx.db.selectFrom('vote_ballot').select('id').where('vote_id', '=', voteId).execute()).length;

  /**
   * The estate: P heads two owned units (100 + 50 m²) — one owner of 150 m²; Q, R, S own 100 m² each;
   * two unsold units of 25 m² are the developer's — one owner of 50 m²; a rented unit (tenant U)
   * is not on the roll. 5 owners, 500.00 m². T owns nothing here.
   */
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const estate = await makeEstate(db, street.communityA, street.gridA, '幸福里');
    estateId = estate.id;
    const b = estate.building;
    const people: [string, { areaM2: string; housing?: 'owned' | 'rented' }][] = [
      ['P', { areaM2: '100.00' }],
      ['Q', { areaM2: '100.00' }],
      ['R', { areaM2: '100.00' }],
      ['S', { areaM2: '100.00' }],
      ['U', { areaM2: '80.00', housing: 'rented' }],
    ];
    for (const [key, household] of people) {
      const resident = await makeResident(db, t.ctx.cipher, await makeHousehold(db, b, household), { name: `业主${key}` });
      residentId[key] = resident.id;
    }
    const second = await makeHousehold(db, b, { areaM2: '50.00' });
    await db.insertInto('household_member').values({ household_id: second.id, resident_id: residentId.P!, relationship: 'head' }).execute();
    developerUnits = [(await makeHousehold(db, b, { areaM2: '25.00', housing: 'rented' })).id, (await makeHousehold(db, b, { areaM2: '25.00' })).id];
    const elsewhere = await makeResident(db, t.ctx.cipher, await makeHousehold(db, street.buildingA), { name: '业主T' });
    residentId.T = elsewhere.id;

    for (const key of ['P', 'Q', 'R', 'S', 'T', 'U']) {
      const user = await makeUser(db, [{ role: 'resident', node: key === 'T' ? street.buildingA : b }], { residentId: residentId[key]! });
      token[key] = await login(t.app, user.username);
    }
    token.committee = await login(t.app, (await makeUser(db, [{ role: 'owners_committee_member', node: street.communityA }])).username);
    token.staffB = await login(t.app, (await makeUser(db, [{ role: 'community_staff', node: street.communityB }])).username);
  });
  afterAll(() => t?.close());

  async function openVote(matter: string, title = matter) {
    const created = await call('committee', 'POST', '/api/owners-votes', { estateId, title, description: '表决事项说明', matter, developerHouseholdIds: developerUnits });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const opened = await call('committee', 'POST', `/api/owners-votes/${id}/open`);
    expect(opened.json()).toMatchObject({ status: 'open', totalOwners: 5, totalUnits: 7, totalAreaM2: '500.00' });
    const roll = (await call('committee', 'GET', `/api/owners-votes/${id}/owners`)).json().items as { id: number; displayName: string; isDeveloper: boolean }[];
    const owner = (name: string) => roll.find((o) => o.displayName === name)!.id;
    return { id, owner, developer: roll.find((o) => o.isDeveloper)!.id };
  }

  it('snapshots the roll: a multi-unit owner once with the summed area, the developer\'s units as one owner', async () => {
    const { id } = await openVote('rules_of_procedure', 'roll check');
    const roll = (await call('committee', 'GET', `/api/owners-votes/${id}/owners`)).json().items;
    expect(roll.map((o: { displayName: string; areaM2: string; unitCount: number }) => [o.displayName, o.areaM2, o.unitCount]).sort()).toEqual(
      [
        ['业主P', '150.00', 2],
        ['业主Q', '100.00', 1],
        ['业主R', '100.00', 1],
        ['业主S', '100.00', 1],
        ['建设单位（未售房屋）', '50.00', 2],
      ].sort(),
    );
    expectError(await call('committee', 'POST', `/api/owners-votes/${id}/open`), 409, 'OWNERS_VOTE_NOT_DRAFT');
    expectError(await call('P', 'GET', `/api/owners-votes/${id}/owners`), 403, 'FORBIDDEN');
    expectError(await call('staffB', 'GET', `/api/owners-votes/${id}/owners`), 404, 'OWNERS_VOTE_NOT_FOUND');
  });

  it('an ordinary matter at exactly half of the participating owners does not pass', async () => {
    const v = await openVote('property_service_hiring');
    expect((await call('P', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' })).json()).toMatchObject({ ownerId: v.owner('业主P'), channel: 'online' });
    expect((await call('Q', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' })).statusCode).toBe(201);
    expect((await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主R'), choice: 'against', paperReference: 'XF-001' })).statusCode).toBe(201);
    // S authorises T in writing; T votes for S online.
    expectError(await call('T', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'abstain', ownerId: v.owner('业主S') }), 403, 'OWNERS_VOTE_PROXY_UNAUTHORIZED');
    const proxy = await call('committee', 'POST', `/api/owners-votes/${v.id}/proxies`, { ownerId: v.owner('业主S'), proxyName: '业主T', proxyResidentId: residentId.T, authorizationRef: '委托书-2030-007' });
    expect(proxy.statusCode).toBe(201);
    expect((await call('T', 'GET', `/api/owners-votes/${v.id}`)).json().me).toEqual({ ownerId: null, voted: false, proxyFor: [{ ownerId: v.owner('业主S'), displayName: '业主S', voted: false }] });
    expect((await call('T', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'abstain', ownerId: v.owner('业主S') })).statusCode).toBe(201);

    expectError(await call('P', 'GET', `/api/owners-votes/${v.id}/result`), 409, 'OWNERS_VOTE_RESULT_HIDDEN');
    expect((await call('P', 'GET', `/api/owners-votes/${v.id}`)).json()).toMatchObject({ status: 'open', result: null, me: { ownerId: v.owner('业主P'), voted: true } });
    const result = (await call('committee', 'POST', `/api/owners-votes/${v.id}/close`)).json();
    expect(result).toMatchObject({
      rule: 'civil_code_278_ordinary',
      totals: { owners: 5, areaM2: '500.00' },
      participating: { owners: 4, areaM2: '450.00' },
      participation: { passed: true, area: { fraction: '45000/50000', threshold: '2/3' }, owners: { fraction: '4/5', threshold: '2/3' } },
      approval: {
        passed: false,
        area: { fraction: '25000/45000', threshold: '1/2', comparison: 'more_than', passed: true },
        owners: { fraction: '2/4', threshold: '1/2', comparison: 'more_than', passed: false },
      },
      outcome: 'failed',
      ballotCount: 4,
    });
    expect(result.explanation.zh).toContain('过半数');
    expect((await call('Q', 'GET', `/api/owners-votes/${v.id}/result`)).json()).toEqual(result);
  });

  it('a special matter passes with 3/4 of area and owners, the developer voting as one owner', async () => {
    const v = await openVote('maintenance_fund_raising');
    for (const key of ['P', 'Q', 'R']) expect((await call(key, 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' })).statusCode).toBe(201);
    await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主S'), choice: 'against', paperReference: 'WX-01' });
    await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.developer, choice: 'for', paperReference: 'WX-02' });
    const result = (await call('committee', 'POST', `/api/owners-votes/${v.id}/close`)).json();
    expect(result).toMatchObject({
      rule: 'civil_code_278_special',
      participation: { passed: true, area: { fraction: '50000/50000' }, owners: { fraction: '5/5' } },
      approval: { passed: true, area: { fraction: '40000/50000', threshold: '3/4', comparison: 'at_least' }, owners: { fraction: '4/5', threshold: '3/4' } },
      choices: { for: { owners: 4, areaM2: '400.00' }, against: { owners: 1, areaM2: '100.00' }, abstain: { owners: 0 } },
      outcome: 'passed',
    });
    const recount = (await call('committee', 'POST', `/api/owners-votes/${v.id}/recount`)).json();
    expect(recount.matches).toBe(true);
    expect(recount.recomputed).toEqual(result);
  });

  it('an ordinary matter passes with more than half; too few participants make a vote invalid', async () => {
    const passed = await openVote('owners_committee_election');
    for (const [key, choice] of [['P', 'for'], ['Q', 'for'], ['R', 'for'], ['S', 'against']] as const) {
      await call(key, 'POST', `/api/owners-votes/${passed.id}/ballots`, { choice });
    }
    const r1 = (await call('committee', 'POST', `/api/owners-votes/${passed.id}/close`)).json();
    expect(r1).toMatchObject({ outcome: 'passed', approval: { area: { fraction: '35000/45000' }, owners: { fraction: '3/4' } } });

    const invalid = await openVote('management_statute');
    await call('P', 'POST', `/api/owners-votes/${invalid.id}/ballots`, { choice: 'for' });
    await call('Q', 'POST', `/api/owners-votes/${invalid.id}/ballots`, { choice: 'for' });
    await call('R', 'POST', `/api/owners-votes/${invalid.id}/ballots`, { choice: 'for' });
    const r2 = (await call('committee', 'POST', `/api/owners-votes/${invalid.id}/close`)).json();
    // 3 of 5 owners < 2/3, though they hold 350 of 500 m² ≥ 2/3.
    expect(r2).toMatchObject({ outcome: 'invalid', approval: null, participation: { passed: false, area: { passed: true }, owners: { fraction: '3/5', passed: false } } });
  });

  it('refuses bad ballots with their own codes and counts none of them', async () => {
    const draft = (await call('committee', 'POST', '/api/owners-votes', { estateId, title: '草稿', description: '说明', matter: 'other_important' })).json().id;
    expectError(await call('P', 'POST', `/api/owners-votes/${draft}/ballots`, { choice: 'for' }), 409, 'OWNERS_VOTE_NOT_OPEN');
    expectError(await call('committee', 'POST', `/api/owners-votes/${draft}/close`), 409, 'OWNERS_VOTE_NOT_OPEN');

    const v = await openVote('maintenance_fund_use');
    expect((await call('P', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' })).statusCode).toBe(201);
    expectError(await call('P', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'against' }), 409, 'OWNERS_VOTE_DUPLICATE_BALLOT');
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主P'), choice: 'against', paperReference: 'D-9' }), 409, 'OWNERS_VOTE_DUPLICATE_BALLOT');
    expect((await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主Q'), choice: 'for', paperReference: 'D-1' })).statusCode).toBe(201);
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主R'), choice: 'for', paperReference: 'D-1' }), 409, 'OWNERS_VOTE_DUPLICATE_PAPER');
    expectError(await call('T', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' }), 403, 'OWNERS_VOTE_NOT_ELIGIBLE');
    expectError(await call('U', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' }), 403, 'OWNERS_VOTE_NOT_ELIGIBLE');
    expectError(await call('T', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for', ownerId: v.owner('业主R') }), 403, 'OWNERS_VOTE_PROXY_UNAUTHORIZED');
    const proxyForS = (await call('committee', 'POST', `/api/owners-votes/${v.id}/proxies`, { ownerId: v.owner('业主S'), proxyName: '某某', authorizationRef: 'A-1' })).json().id;
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/proxies`, { ownerId: v.owner('业主S'), proxyName: '某某', authorizationRef: 'A-2' }), 409, 'OWNERS_VOTE_PROXY_EXISTS');
    expectError(
      await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主R'), choice: 'for', paperReference: 'D-2', proxyId: proxyForS }),
      403,
      'OWNERS_VOTE_PROXY_UNAUTHORIZED',
    );
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: 999_999, choice: 'for', paperReference: 'D-3' }), 404, 'OWNERS_VOTE_OWNER_NOT_FOUND');
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' }), 403, 'FORBIDDEN');
    expectError(await call('P', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主R'), choice: 'for', paperReference: 'D-4' }), 403, 'FORBIDDEN');
    expectError(await call('Q', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(await call('Q', 'POST', `/api/owners-votes/${v.id}/recount`), 403, 'FORBIDDEN');
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/recount`), 409, 'OWNERS_VOTE_RESULT_HIDDEN');
    expect(await ballotCount(v.id)).toBe(2);

    const result = (await call('committee', 'POST', `/api/owners-votes/${v.id}/close`)).json();
    expect(result.ballotCount).toBe(2);
    expectError(await call('R', 'POST', `/api/owners-votes/${v.id}/ballots`, { choice: 'for' }), 409, 'OWNERS_VOTE_CLOSED');
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/paper-ballots`, { ownerId: v.owner('业主S'), choice: 'for', paperReference: 'D-5' }), 409, 'OWNERS_VOTE_CLOSED');
    expectError(await call('committee', 'POST', `/api/owners-votes/${v.id}/close`), 409, 'OWNERS_VOTE_CLOSED');
    expect(await ballotCount(v.id)).toBe(2);
    expect((await call('committee', 'POST', `/api/owners-votes/${v.id}/recount`)).json().matches).toBe(true);

    // A ballot changed behind the application's back no longer reproduces the stored tally.
    await t.ctx.db.updateTable('vote_ballot').set({ choice: 'against' }).where('vote_id', '=', v.id).where('paper_reference', '=', 'D-1').execute();
    expect((await call('committee', 'POST', `/api/owners-votes/${v.id}/recount`)).json().matches).toBe(false);
  });

  it('refuses a vote after its announced closing time, and checks the archive before opening', async () => {
    const body = { estateId, title: '过期', description: '说明', matter: 'other_important' };
    expectError(await call('committee', 'POST', '/api/owners-votes', { ...body, closesAt: new Date(Date.now() - 1000).toISOString() }), 400, 'VALIDATION_FAILED');
    const late = (await call('committee', 'POST', '/api/owners-votes', { ...body, closesAt: new Date(Date.now() + 3_600_000).toISOString() })).json().id;
    await call('committee', 'POST', `/api/owners-votes/${late}/open`);
    await t.ctx.db.updateTable('owners_vote').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', late).execute();
    expectError(await call('P', 'POST', `/api/owners-votes/${late}/ballots`, { choice: 'for' }), 409, 'OWNERS_VOTE_CLOSED');

    expectError(
      await call('committee', 'POST', '/api/owners-votes', { estateId, title: '错', description: '说明', matter: 'other_important', developerHouseholdIds: [999_999] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call('staffB', 'POST', '/api/owners-votes', { estateId, title: '越权', description: '说明', matter: 'other_important' }), 404, 'ESTATE_NOT_FOUND');
    const bare = await makeEstate(t.ctx.db, street.communityA, street.gridA2, '无面积小区');
    await t.ctx.db.insertInto('household').values({
      building_id: bare.building.id, grid_id: street.gridA2.id, community_id: street.communityA.id, street_id: street.street.id,
      org_path: bare.building.path, room: '101', address: '无面积小区1号楼101', housing: 'owned', area_m2: null,
    }).execute();
    const missing = (await call('committee', 'POST', '/api/owners-votes', { estateId: bare.id, title: '缺面积', description: '说明', matter: 'other_important' })).json().id;
    expectError(await call('committee', 'POST', `/api/owners-votes/${missing}/open`), 409, 'OWNERS_VOTE_AREA_MISSING');
    const empty = await makeEstate(t.ctx.db, street.communityA, street.gridA2, '空小区');
    const none = (await call('committee', 'POST', '/api/owners-votes', { estateId: empty.id, title: '无业主', description: '说明', matter: 'other_important' })).json().id;
    expectError(await call('committee', 'POST', `/api/owners-votes/${none}/open`), 409, 'OWNERS_VOTE_NO_OWNERS');
  });

  it('audits ballots without their choice, and the tally at close', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('target_type', '=', 'owners_vote').execute();
    const ballots = rows.filter((r) => r.action === 'owners_vote.ballot_cast');
    expect(ballots.length).toBe(await t.ctx.db.selectFrom('vote_ballot').select('id').execute().then((b) => b.length));
    for (const b of ballots) expect(JSON.stringify(b.summary)).not.toMatch(/"choice"|"for"|"against"|"abstain"/);
    expect(rows.filter((r) => r.action === 'owners_vote.closed').map((r) => (r.summary as { after: { outcome: string } }).after.outcome).sort()).toEqual(
      ['failed', 'invalid', 'invalid', 'passed', 'passed'],
    );
  });

  it('shows closed votes\' results on the public disclosure', async () => {
    const body = (await call(null, 'GET', `/api/public/deliberation/disclosures?communityId=${street.communityA.id}`)).json();
    expect(body.ownersVotes.length).toBe(5);
    expect(body.ownersVotes.every((v: { estateName: string; result: { outcome: string } }) => v.estateName === '幸福里' && v.result.outcome)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/业主[PQRSTU]/);
  });
});
