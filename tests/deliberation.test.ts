import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckInToken } from '../server/modules/deliberation/meetings/check-in-token.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('deliberation: topic → vetting → meeting → resolution → tasks → outcome → disclosure', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  const token: Record<string, string> = {};
  const userId: Record<string, number> = {};
  const names: string[] = [];
  let topicId: number;
  let declinedId: number;
  let meetingId: number;
  let resolutionId: number;
  let checkInToken: string;

  const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(who ? { headers: bearer(token[who]!) } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });
  const expectError = (res: { statusCode: number; json(): { error: { code: string } } }, status: number, code: string) => {
    expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const users: [string, Parameters<typeof makeUser>[1], number?][] = [
      ['staff', [{ role: 'community_staff', node: street.communityA }]],
      ['secretary', [{ role: 'party_secretary', node: street.communityA }]],
      ['staffB', [{ role: 'community_staff', node: street.communityB }]],
      ['property', [{ role: 'property_handler', node: street.street }]],
    ];
    for (const [key, roles] of users) {
      const user = await makeUser(db, roles);
      userId[key] = user.id;
      token[key] = await login(t.app, user.username);
    }
    for (const [key, building] of [['r1', street.buildingA], ['r2', street.buildingA], ['r3', street.buildingA2], ['r4', street.buildingA2], ['r5', street.buildingA], ['rB', street.buildingB]] as const) {
      const resident = await makeResident(db, t.ctx.cipher, await makeHousehold(db, building), { name: `居民甲${key}` });
      names.push(resident.name);
      const user = await makeUser(db, [{ role: 'resident', node: building }], { residentId: resident.id });
      token[key] = await login(t.app, user.username);
    }
  });
  afterAll(() => t?.close());

  it('requires authentication everywhere but the public disclosure', async () => {
    expectError(await call(null, 'GET', '/api/deliberation/topics'), 401, 'UNAUTHENTICATED');
    expectError(await call(null, 'POST', '/api/owners-votes/1/ballots', { choice: 'for' }), 401, 'UNAUTHENTICATED');
  });

  it('defaults the support threshold to 10 and lets staff set their own community\'s', async () => {
    const res = await call('r1', 'GET', `/api/deliberation/settings/${street.communityA.id}`);
    expect(res.json()).toEqual({ communityId: street.communityA.id, supportThreshold: 10 });
    expectError(await call('r1', 'PUT', `/api/deliberation/settings/${street.communityA.id}`, { supportThreshold: 3 }), 403, 'FORBIDDEN');
    expectError(await call('staffB', 'PUT', `/api/deliberation/settings/${street.communityA.id}`, { supportThreshold: 3 }), 404, 'ORG_NODE_NOT_FOUND');
    expectError(await call('staff', 'PUT', `/api/deliberation/settings/${street.communityA.id}`, { supportThreshold: 0 }), 400, 'VALIDATION_FAILED');
    const set = await call('staff', 'PUT', `/api/deliberation/settings/${street.communityA.id}`, { supportThreshold: 3 });
    expect(set.json()).toEqual({ communityId: street.communityA.id, supportThreshold: 3 });
  });

  it('lets a resident propose a topic that collects support up to the threshold, once per resident', async () => {
    expectError(await call('r1', 'POST', '/api/deliberation/topics', { communityId: street.communityA.id, title: '加装电梯', description: '', extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await call('r1', 'POST', '/api/deliberation/topics', { communityId: street.communityB.id, title: '加装电梯', description: '三号楼' }), 404, 'ORG_NODE_NOT_FOUND');
    expectError(
      await call('r1', 'POST', '/api/deliberation/topics', { communityId: street.communityA.id, title: '加装电梯', description: '三号楼', caseId: 5 }),
      403,
      'FORBIDDEN',
    );
    const res = await call('r1', 'POST', '/api/deliberation/topics', { communityId: street.communityA.id, title: '三号楼加装电梯', description: '老人上下楼难' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'collecting', supportCount: 1, supportThreshold: 3 });
    topicId = res.json().id;

    expectError(await call('r1', 'POST', `/api/deliberation/topics/${topicId}/support`), 409, 'TOPIC_ALREADY_SUPPORTED');
    expectError(await call('secretary', 'POST', `/api/deliberation/topics/${topicId}/vet`, { decision: 'accept' }), 409, 'TOPIC_NOT_AWAITING_VETTING');
    expectError(await call('rB', 'POST', `/api/deliberation/topics/${topicId}/support`), 404, 'TOPIC_NOT_FOUND');
    expectError(await call('staff', 'POST', `/api/deliberation/topics/${topicId}/support`), 403, 'RESIDENT_ACCOUNT_REQUIRED');
    expect((await call('r2', 'POST', `/api/deliberation/topics/${topicId}/support`)).json()).toEqual({ supportCount: 2, supportThreshold: 3, status: 'collecting' });
    // A resident of another grid of the same community supports too: the threshold sends it to vetting.
    expect((await call('r3', 'POST', `/api/deliberation/topics/${topicId}/support`)).json()).toEqual({ supportCount: 3, supportThreshold: 3, status: 'vetting' });
    expectError(await call('r4', 'POST', `/api/deliberation/topics/${topicId}/support`), 409, 'TOPIC_NOT_COLLECTING');
    const supports = await t.ctx.db.selectFrom('topic_support').select('resident_id').where('topic_id', '=', topicId).execute();
    expect(supports).toHaveLength(3);
  });

  it('lets the Party organisation accept, merge or decline with a reason; residents cannot vet', async () => {
    expectError(await call('r1', 'POST', `/api/deliberation/topics/${topicId}/vet`, { decision: 'accept' }), 403, 'FORBIDDEN');
    expectError(await call('secretary', 'POST', `/api/deliberation/topics/${topicId}/vet`, { decision: 'decline' }), 400, 'VALIDATION_FAILED');
    const accepted = await call('secretary', 'POST', `/api/deliberation/topics/${topicId}/vet`, { decision: 'accept', note: '列入议事会' });
    expect(accepted.json()).toEqual({ id: topicId, status: 'accepted' });

    const fromStaff = await call('staff', 'POST', '/api/deliberation/topics', { communityId: street.communityA.id, title: '小区停车收费', description: '物业拟涨价' });
    expect(fromStaff.json()).toMatchObject({ status: 'vetting', supportCount: 0 });
    declinedId = fromStaff.json().id;
    const fromCase = await call('staff', 'POST', '/api/deliberation/topics', { communityId: street.communityA.id, title: '电梯噪音', description: '多次投诉', caseId: 42 });
    expect(fromCase.json().status).toBe('vetting');
    const duplicate = fromCase.json().id as number;

    expectError(await call('secretary', 'POST', `/api/deliberation/topics/${duplicate}/vet`, { decision: 'merge', mergeIntoId: duplicate }), 409, 'TOPIC_MERGE_TARGET_INVALID');
    const merged = await call('secretary', 'POST', `/api/deliberation/topics/${duplicate}/vet`, { decision: 'merge', mergeIntoId: topicId });
    expect(merged.json()).toEqual({ id: duplicate, status: 'merged' });
    const declined = await call('secretary', 'POST', `/api/deliberation/topics/${declinedId}/vet`, { decision: 'decline', reason: '属物业合同事项，转物业协商' });
    expect(declined.json().status).toBe('declined');
    const seen = await call('r1', 'GET', `/api/deliberation/topics/${declinedId}`);
    expect(seen.json().topic).toMatchObject({ status: 'declined', declineReason: '属物业合同事项，转物业协商', source: 'staff' });
    const mine = await call('r1', 'GET', `/api/deliberation/topics?communityId=${street.communityA.id}&status=accepted`);
    expect(mine.json().items).toEqual([expect.objectContaining({ id: topicId, mine: true, supportedByMe: true })]);
  });

  it('holds a meeting: agenda, invitation, registration up to capacity, QR check-in, comments', async () => {
    const now = Date.now();
    const body = {
      communityId: street.communityA.id,
      kind: 'council',
      title: '居民议事会：加装电梯',
      location: '社区党群服务中心',
      startsAt: new Date(now + 3_600_000).toISOString(),
      capacity: 2,
      commentOpensAt: new Date(now - 3_600_000).toISOString(),
      commentClosesAt: new Date(now + 3_600_000).toISOString(),
    };
    expectError(await call('r1', 'POST', '/api/deliberation/meetings', body), 403, 'FORBIDDEN');
    expectError(await call('staff', 'POST', '/api/deliberation/meetings', { ...body, commentClosesAt: undefined }), 400, 'VALIDATION_FAILED');
    expectError(await call('staff', 'POST', '/api/deliberation/meetings', { ...body, kind: 'party' }), 400, 'VALIDATION_FAILED');
    const created = await call('staff', 'POST', '/api/deliberation/meetings', body);
    expect(created.statusCode).toBe(201);
    meetingId = created.json().id;

    expectError(await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/agenda`, { topicId: declinedId }), 409, 'TOPIC_NOT_ACCEPTED');
    const item = await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/agenda`, { topicId });
    expect(item.json()).toMatchObject({ position: 1, topicId, title: '三号楼加装电梯' });
    expectError(await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/agenda`, { topicId }), 409, 'CONFLICT');
    const invite = { name: '社区党委书记', capacityAs: '社区党委', userId: userId.secretary };
    expect((await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/invitations`, invite)).statusCode).toBe(201);
    expectError(await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/invitations`, invite), 409, 'CONFLICT');

    expect((await call('r1', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`)).json()).toEqual({ registeredCount: 1, capacity: 2 });
    expectError(await call('r1', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`), 409, 'MEETING_ALREADY_REGISTERED');
    expect((await call('r2', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`)).statusCode).toBe(201);
    expectError(await call('r3', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`), 409, 'MEETING_FULL');
    expectError(await call('rB', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`), 404, 'MEETING_NOT_FOUND');

    const byDefault = await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/check-in-code`);
    expect(new Date(byDefault.json().expiresAt).getTime()).toBeGreaterThan(now + 239 * 60_000);
    expectError(await call('r1', 'POST', `/api/deliberation/meetings/${meetingId}/check-in-code`), 403, 'FORBIDDEN');
    const code = await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/check-in-code`, { ttlMinutes: 60 });
    expect(code.statusCode).toBe(200);
    checkInToken = code.json().token;
    expect(code.json().url).toBe(`/deliberation/check-in?token=${checkInToken}`);
    expect(new Date(code.json().expiresAt).getTime()).toBeGreaterThan(now + 59 * 60_000);

    expect((await call('r1', 'POST', '/api/deliberation/check-in', { token: checkInToken })).json()).toMatchObject({ meetingId });
    expectError(await call('r1', 'POST', '/api/deliberation/check-in', { token: checkInToken }), 409, 'MEETING_ALREADY_CHECKED_IN');
    expectError(await call('r3', 'POST', '/api/deliberation/check-in', { token: checkInToken }), 403, 'MEETING_NOT_REGISTERED');
    expectError(await call('r2', 'POST', '/api/deliberation/check-in', { token: 'not-a-token' }), 400, 'CHECK_IN_TOKEN_INVALID');
    const forged = checkInToken.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 3600}.`);
    expectError(await call('r2', 'POST', '/api/deliberation/check-in', { token: forged }), 400, 'CHECK_IN_TOKEN_INVALID');
    const { checkin_secret } = await t.ctx.db.selectFrom('meeting').select('checkin_secret').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const expired = signCheckInToken(checkin_secret, meetingId, new Date(now - 1000));
    expectError(await call('r2', 'POST', '/api/deliberation/check-in', { token: expired }), 410, 'CHECK_IN_TOKEN_EXPIRED');
    expect((await call('r2', 'POST', '/api/deliberation/check-in', { token: checkInToken })).statusCode).toBe(200);
    // Invited, not registered: the party secretary and the property company check in too.
    expect((await call('secretary', 'POST', '/api/deliberation/check-in', { token: checkInToken })).statusCode).toBe(200);
    expectError(await call('property', 'POST', '/api/deliberation/check-in', { token: checkInToken }), 403, 'MEETING_NOT_REGISTERED');
    await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/invitations`, { name: '物业服务中心', capacityAs: '物业公司', userId: userId.property });
    expect((await call('property', 'POST', '/api/deliberation/check-in', { token: checkInToken })).statusCode).toBe(200);

    expect((await call('r4', 'POST', `/api/deliberation/meetings/${meetingId}/comments`, { body: '我上班来不了，支持加装' })).statusCode).toBe(201);
    const detail = (await call('r4', 'GET', `/api/deliberation/meetings/${meetingId}`)).json();
    expect(detail).toMatchObject({ registeredCount: 2, attendanceCount: 4, registeredByMe: false, status: 'scheduled' });
    expect(detail.comments).toEqual([expect.objectContaining({ body: '我上班来不了，支持加装', mine: true })]);
    expect(JSON.stringify(detail)).not.toContain('checkin');
  });

  it('refuses comments outside the window', async () => {
    const later = await call('staff', 'POST', '/api/deliberation/meetings', {
      communityId: street.communityA.id,
      kind: 'hearing',
      title: '听证会',
      location: '会议室',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      capacity: 50,
      commentOpensAt: new Date(Date.now() + 3_600_000).toISOString(),
      commentClosesAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expectError(await call('r4', 'POST', `/api/deliberation/meetings/${later.json().id}/comments`, { body: '太早了' }), 409, 'COMMENT_WINDOW_CLOSED');
  });

  it('closes only with minutes, then the topic is deliberated', async () => {
    expectError(await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/close`), 409, 'MEETING_MINUTES_REQUIRED');
    expect((await call('staff', 'PUT', `/api/deliberation/meetings/${meetingId}/minutes`, { minutes: '到会4人，一致同意申请加装电梯。' })).statusCode).toBe(200);
    expectError(
      await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/resolutions`, { topicId: declinedId, title: '决议', content: '内容', ownerName: '居委会', dueDate: '2030-06-30' }),
      400,
      'VALIDATION_FAILED',
    );
    const resolution = await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/resolutions`, {
      topicId,
      title: '申请加装电梯',
      content: '居委会协助业主办理加装电梯申请，物业配合施工。',
      ownerName: '社区居委会',
      dueDate: '2030-06-30',
    });
    expect(resolution.statusCode).toBe(201);
    resolutionId = resolution.json().id;
    const closed = await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', deliberatedTopicIds: [topicId] });
    expectError(await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/close`), 409, 'MEETING_CLOSED');
    expectError(await call('r3', 'POST', `/api/deliberation/meetings/${meetingId}/registrations`), 409, 'MEETING_CLOSED');
    expectError(await call('r2', 'POST', '/api/deliberation/check-in', { token: checkInToken }), 409, 'MEETING_CLOSED');
    expectError(
      await call('staff', 'POST', `/api/deliberation/meetings/${meetingId}/resolutions`, { title: '迟到决议', content: '内容', ownerName: '居委会', dueDate: '2030-06-30' }),
      409,
      'MEETING_CLOSED',
    );
  });

  it('carries the resolution out through tasks, then tells residents the outcome', async () => {
    expectError(await call('staff', 'POST', `/api/deliberation/topics/${topicId}/outcome`, { feedback: '已完成' }), 409, 'TOPIC_RESOLUTIONS_OPEN');
    const task1 = (await call('staff', 'POST', `/api/deliberation/resolutions/${resolutionId}/tasks`, { title: '征集业主签字', assigneeName: '网格员', dueDate: '2030-03-01' })).json().id;
    const task2 = (await call('staff', 'POST', `/api/deliberation/resolutions/${resolutionId}/tasks`, { title: '报建审批', assigneeName: '居委会' })).json().id;
    expectError(await call('r1', 'POST', `/api/deliberation/tasks/${task1}/progress`, { note: '我来' }), 403, 'FORBIDDEN');
    expect((await call('staff', 'POST', `/api/deliberation/tasks/${task1}/progress`, { note: '签字已齐', evidence: 'https://example.org/signatures.pdf', status: 'done' })).json()).toEqual({
      taskId: task1,
      taskStatus: 'done',
      resolutionId,
      resolutionStatus: 'open',
    });
    expectError(await call('staff', 'POST', `/api/deliberation/tasks/${task1}/progress`, { note: '再记一笔' }), 409, 'TASK_DONE');
    expect((await call('staff', 'POST', `/api/deliberation/tasks/${task2}/progress`, { note: '已提交住建委' })).json().taskStatus).toBe('in_progress');
    const last = await call('staff', 'POST', `/api/deliberation/tasks/${task2}/progress`, { note: '审批通过', evidence: '批复文号 住建〔2030〕12号', status: 'done' });
    expect(last.json()).toMatchObject({ taskStatus: 'done', resolutionStatus: 'done' });
    expectError(await call('staff', 'POST', `/api/deliberation/resolutions/${resolutionId}/tasks`, { title: '再加', assigneeName: '谁' }), 409, 'RESOLUTION_DONE');
    const detail = (await call('r1', 'GET', `/api/deliberation/resolutions/${resolutionId}`)).json();
    expect(detail.tasks.map((x: { notes: unknown[] }) => x.notes.length)).toEqual([1, 2]);

    const outcome = await call('staff', 'POST', `/api/deliberation/topics/${topicId}/outcome`, { feedback: '电梯已获批，预计明年投用。' });
    expect(outcome.json()).toMatchObject({ id: topicId, status: 'concluded' });
    const row = await t.ctx.db.selectFrom('deliberation_outcome').selectAll().where('topic_id', '=', topicId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ feedback: '电梯已获批，预计明年投用。', notified_at: null });
    expectError(await call('staff', 'POST', `/api/deliberation/topics/${topicId}/outcome`, { feedback: '再来一次' }), 409, 'TOPIC_NOT_DELIBERATED');
  });

  it('discloses topics, resolutions and outcomes publicly, without personal data', async () => {
    expectError(await call(null, 'GET', '/api/public/deliberation/disclosures'), 400, 'VALIDATION_FAILED');
    expectError(await call(null, 'GET', `/api/public/deliberation/disclosures?communityId=${street.gridA.id}`), 404, 'ORG_NODE_NOT_FOUND');
    const res = await call(null, 'GET', `/api/public/deliberation/disclosures?communityId=${street.communityA.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byId = new Map(body.topics.map((x: { id: number }) => [x.id, x]));
    expect(byId.get(topicId)).toMatchObject({ status: 'concluded', feedback: '电梯已获批，预计明年投用。', supportCount: 3 });
    expect(byId.get(declinedId)).toMatchObject({ status: 'declined', declineReason: '属物业合同事项，转物业协商' });
    expect(body.resolutions).toEqual([expect.objectContaining({ id: resolutionId, status: 'done', tasksTotal: 2, tasksDone: 2, meetingKind: 'council' })]);
    const text = JSON.stringify(body);
    for (const name of names) expect(text).not.toContain(name);
    expect(text).not.toContain('社区居委会'); // the resolution's owner is not disclosed
    const other = (await call(null, 'GET', `/api/public/deliberation/disclosures?communityId=${street.communityB.id}`)).json();
    expect(other.topics).toEqual([]);
  });

  it('writes an audit row for every state change', async () => {
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    for (const action of ['topic.proposed', 'topic.supported', 'topic.vetted', 'meeting.scheduled', 'meeting.registered', 'meeting.checked_in', 'meeting.closed', 'resolution.adopted', 'resolution.task_progress', 'topic.concluded']) {
      expect(actions).toContain(action);
    }
  });
});
