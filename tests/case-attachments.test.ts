import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCategory } from './helpers/case-factories.js';
import { bearer, login, makeHousehold, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { multipart } from './helpers/multipart.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

function jpegWithGps(): Buffer {
  const exif = Buffer.from('Exif\0\0GPS 39.9N 116.4E', 'latin1');
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, exif.length + 2]), exif]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xda, 0, 2, 1, 2, 0xff, 0xd9])]);
}

describe('case attachments and 随手做', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let category: { id: number };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const h = await makeHousehold(db, street.buildingA);
    const r = await makeResident(db, t.ctx.cipher, h);
    category = await makeCategory(db, { handlerKind: 'grid' });
    tokens.resident = await login(t.app, (await makeUser(db, [{ role: 'resident', node: street.buildingA }], { residentId: r.id })).username);
    tokens.grid = await login(t.app, (await makeUser(db, [{ role: 'grid_worker', node: street.gridA }])).username);
    tokens.gridB = await login(t.app, (await makeUser(db, [{ role: 'grid_worker', node: street.gridB }])).username);
  });
  afterAll(() => t?.close());

  it('stores a photo without its GPS metadata and serves it to those who see the case', async () => {
    const c = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: bearer(tokens.resident!), payload: { categoryId: category.id, description: '路面塌陷' } })).json().case;
    const body = multipart({}, [{ field: 'file', name: 'IMG_0001.jpg', type: 'image/jpeg', data: jpegWithGps() }]);
    const up = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/attachments`, headers: { ...bearer(tokens.resident!), ...body.headers }, payload: body.payload });
    expect(up.statusCode).toBe(201);
    const att = up.json().attachments[0];
    expect(att.contentType).toBe('image/jpeg');
    const file = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/attachments/${att.id}`, headers: bearer(tokens.grid!) });
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.rawPayload.toString('latin1')).not.toContain('GPS');
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/attachments/${att.id}`, headers: bearer(tokens.gridB!) })).statusCode).toBe(404);
  });

  it('refuses a file that is not an image or PDF, whatever it is called, and stores nothing', async () => {
    const c = (await t.app.inject({ method: 'POST', url: '/api/cases', headers: bearer(tokens.resident!), payload: { categoryId: category.id, description: '测试' } })).json().case;
    const body = multipart({}, [{ field: 'file', name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/attachments`, headers: { ...bearer(tokens.resident!), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ATTACHMENT_REJECTED');
    const n = await t.ctx.db.selectFrom('case_attachment').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('records a problem fixed on patrol as closed and resolved, with its evidence', async () => {
    const body = multipart({ case: JSON.stringify({ categoryId: category.id, description: '楼道堆放杂物', buildingId: street.buildingA.id }), note: '已清理' }, [
      { field: 'file', name: 'after.jpg', type: 'image/jpeg', data: jpegWithGps() },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/cases/fixed-on-spot', headers: { ...bearer(tokens.grid!), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    expect(res.json().case).toMatchObject({ status: 'closed', resolution: 'resolved', channel: 'patrol' });
    const noPhoto = multipart({ case: JSON.stringify({ categoryId: category.id, description: 'x', buildingId: street.buildingA.id }), note: '已清理' }, []);
    const refused = await t.app.inject({ method: 'POST', url: '/api/cases/fixed-on-spot', headers: { ...bearer(tokens.grid!), ...noPhoto.headers }, payload: noPhoto.payload });
    expect(refused.statusCode).toBe(400);
    const resident = multipart({ case: JSON.stringify({ categoryId: category.id, description: 'x' }), note: 'n' }, [{ field: 'file', name: 'a.jpg', type: 'image/jpeg', data: jpegWithGps() }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/cases/fixed-on-spot', headers: { ...bearer(tokens.resident!), ...resident.headers }, payload: resident.payload })).statusCode).toBe(403);
  });
});
