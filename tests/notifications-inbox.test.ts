import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyUsers } from '../server/platform/notifications/notify.js';
import { bearer, login, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('inbox (GET /api/notifications)', () => {
  let t: TestApp;
  const tokens: Record<'staff' | 'resident', string> = { staff: '', resident: '' };
  let residentNotice: number;

  const get = (who: keyof typeof tokens, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[who]) });
  const post = (who: keyof typeof tokens, url: string) => t.app.inject({ method: 'POST', url, headers: bearer(tokens[who]) });

  beforeAll(async () => {
    t = await createTestApp();
    const street = await makeStreet(t.ctx.db);
    const staff = await makeUser(t.ctx.db, [{ role: 'community_staff', node: street.communityA }]);
    const resident = await makeUser(t.ctx.db, [{ role: 'resident', node: street.buildingA }]);
    tokens.staff = await login(t.app, staff.username);
    tokens.resident = await login(t.app, resident.username);
    for (const n of [1, 2, 3]) await notifyUsers(t.ctx.db, [staff.id], { kind: 'case.dispatched', title: `新派单 ${n}`, body: `第 ${n} 件` });
    await notifyUsers(t.ctx.db, [resident.id], { kind: 'case.accepted', title: '您的诉求已受理' });
    residentNotice = (await t.ctx.db.selectFrom('notification').select('id').where('user_id', '=', resident.id).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['POST', `/api/notifications/${residentNotice}/read`],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lists only my own notices, newest first, paged, with the unread count', async () => {
    const mine = await get('staff', '/api/notifications');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 20 });
    expect(mine.json().items.map((i: { title: string }) => i.title)).toEqual(['新派单 3', '新派单 2', '新派单 1']);
    expect(mine.json().items[0]).toMatchObject({ kind: 'case.dispatched', body: '第 3 件', caseId: null, readAt: null });

    const second = await get('staff', '/api/notifications?page=2&pageSize=2');
    expect(second.json().items.map((i: { title: string }) => i.title)).toEqual(['新派单 1']);

    const theirs = await get('resident', '/api/notifications');
    expect(theirs.json()).toMatchObject({ total: 1, unread: 1 });
    expect(theirs.json().items.map((i: { id: number }) => i.id)).toEqual([residentNotice]);
  });

  it('marks one of mine read, and not someone else’s', async () => {
    const notOurs = await post('staff', `/api/notifications/${residentNotice}/read`);
    expect(notOurs.statusCode).toBe(404);
    expect(notOurs.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await get('resident', '/api/notifications')).json().unread).toBe(1);

    const newest = (await get('staff', '/api/notifications')).json().items[0].id as number;
    const read = await post('staff', `/api/notifications/${newest}/read`);
    expect(read.statusCode).toBe(200);
    const readAt = read.json().notification.readAt as string;
    expect(readAt).toEqual(expect.any(String));
    // Reading again keeps the first time it was read.
    expect((await post('staff', `/api/notifications/${newest}/read`)).json().notification.readAt).toBe(readAt);

    const unread = await get('staff', '/api/notifications?unread=true');
    expect(unread.json()).toMatchObject({ total: 2, unread: 2 });
    expect(unread.json().items.map((i: { id: number }) => i.id)).not.toContain(newest);
  });

  it('marks all of mine read', async () => {
    const res = await post('staff', '/api/notifications/read-all');
    expect(res.json()).toEqual({ updated: 2 });
    expect((await get('staff', '/api/notifications')).json()).toMatchObject({ total: 3, unread: 0 });
    expect((await get('resident', '/api/notifications')).json().unread).toBe(1);
  });

  it('rejects bad input with 400', async () => {
    expect((await get('staff', '/api/notifications?pageSize=0')).statusCode).toBe(400);
    expect((await get('staff', '/api/notifications?unread=maybe')).statusCode).toBe(400);
    expect((await get('staff', '/api/notifications?other=1')).statusCode).toBe(400);
    expect((await post('staff', '/api/notifications/abc/read')).statusCode).toBe(400);
  });
});
