import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../server/modules/cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../server/modules/cases/install-catalogue.js';
import { bearer, login, makeStreet, makeUser } from './helpers/factories.js';
import { multipart } from './helpers/multipart.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const HEADERS = ['工单编号', '来电时间', '来电人', '联系电话', '诉求内容', '事项类别', '紧急程度', '楼栋编码', '经度', '纬度', '地址', '是否保密'];
type Cell = string | number | Date | null;

/** A square grid boundary around (116.405, 39.905). */
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [116.4, 39.9],
      [116.41, 39.9],
      [116.41, 39.91],
      [116.4, 39.91],
      [116.4, 39.9],
    ],
  ],
};

async function workbook(rows: Cell[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An Excel date-time cell showing this Beijing wall-clock time (Excel dates carry no zone). */
const excelTime = (y: number, mo: number, d: number, h: number, mi: number) => new Date(Date.UTC(y, mo - 1, d, h, mi));
/** The instant of a Beijing wall-clock time. */
const beijing = (y: number, mo: number, d: number, h: number, mi: number) => new Date(Date.UTC(y, mo - 1, d, h - 8, mi));

describe('12345 hotline work-order import (接诉即办)', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let code: { A: string; A2: string; B: string; gridA: string };
  let staff: string;
  let otherStaff: string;
  let resident: string;

  const upload = (token: string, content: Buffer, name = 'work-orders.xlsx') => {
    const form = multipart({}, [{ field: 'file', name, type: 'application/octet-stream', data: content }]);
    return t.app.inject({ method: 'POST', url: '/api/cases/hotline-import', headers: { ...bearer(token), ...form.headers }, payload: form.payload });
  };

  async function finished(token: string, id: number) {
    for (let i = 0; i < 800; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/cases/hotline-import/${id}`, headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(200);
      const job = res.json();
      if (['rejected', 'done', 'failed'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function importFile(token: string, content: Buffer, name?: string) {
    const res = await upload(token, content, name);
    expect(res.statusCode, res.body).toBe(202);
    const { job } = res.json();
    expect(job).toMatchObject({ kind: 'hotline_cases', status: 'validating', processedRows: 0, errors: [], error: null });
    return finished(token, job.id);
  }

  const count = async (table: 'cases' | 'case_event' | 'audit_log' | 'case_deadline_job' | 'notification') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({ cases: await count('cases'), events: await count('case_event'), audit: await count('audit_log'), jobs: await count('case_deadline_job') });
  const received = async (kind: 'street' | 'grid', id: number) => {
    const rows = await t.ctx.db.selectFrom('case_rate_daily_live').select('received').where('unit_kind', '=', kind).where('unit_id', '=', id).execute();
    return rows.reduce((sum, r) => sum + r.received, 0);
  };
  const hotlineCase = (ref: string) =>
    t.ctx.db
      .selectFrom('cases as c')
      .innerJoin('case_category as k', 'k.id', 'c.category_id')
      .selectAll('c')
      .select('k.code as categoryCode')
      .where('c.channel', '=', 'hotline')
      .where('c.external_ref', '=', ref)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    await installCatalogue(db, DEFAULT_CATALOGUE);
    await db.updateTable('org_node').set({ boundary: JSON.stringify(SQUARE) }).where('id', '=', street.gridA2.id).execute();
    const codeOf = async (id: number) => (await db.selectFrom('org_node').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
    code = { A: await codeOf(street.buildingA.id), A2: await codeOf(street.buildingA2.id), B: await codeOf(street.buildingB.id), gridA: await codeOf(street.gridA.id) };
    staff = await login(t.app, (await makeUser(db, [{ role: 'community_staff', node: street.communityA }])).username);
    otherStaff = await login(t.app, (await makeUser(db, [{ role: 'community_staff', node: street.communityA }])).username);
    resident = await login(t.app, (await makeUser(db, [{ role: 'resident', node: street.buildingA }])).username);
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    for (const [method, url] of [
      ['GET', '/api/cases/hotline-import/template'],
      ['POST', '/api/cases/hotline-import'],
      ['GET', '/api/cases/hotline-import/1'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a role without case.manage (403)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/cases/hotline-import/template', headers: bearer(resident) })).statusCode).toBe(403);
    const res = await upload(resident, await workbook([['R-1', excelTime(2025, 3, 3, 9, 30), null, null, '路灯不亮', null, null, code.A, null, null, null, null]]));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('downloads a template with the work-order columns, a drop-down and a bilingual 说明 sheet', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cases/hotline-import/template', headers: bearer(staff) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="hotline-work-orders-template\.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['工单', '说明']);
    const header = (wb.getWorksheet('工单')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADERS);
    expect(wb.getWorksheet('工单')!.getCell('G2').dataValidation.formulae).toEqual(['"紧急,较急,一般,不急"']);
    const guide: unknown[][] = [];
    wb.getWorksheet('说明')!.eachRow((row) => guide.push((row.values as unknown[]).slice(1)));
    expect(guide.map((r) => r[0])).toEqual(expect.arrayContaining(HEADERS));
    const description = guide.find((r) => r[0] === '诉求内容')!;
    expect(description[2]).toContain('4000');
    expect(description[3]).toContain('4,000');
  });

  let goodFile: Buffer;

  it('imports a good file as hotline cases, each like any other intake', async () => {
    const before = await counts();
    const streetReceived = await received('street', street.street.id);
    const gridAReceived = await received('grid', street.gridA.id);
    const gridA2Received = await received('grid', street.gridA2.id);
    goodFile = await workbook([
      ['GD-0001', excelTime(2025, 3, 3, 9, 30), '张先生', '138-1234-5678', '3号楼电梯停在两层之间，有人被困', 'property.elevator', '紧急', code.A, null, null, '3号楼2单元', '是'],
      ['GD-0002', '2025-03-04 14:05', null, null, '小区门口有人占道摆摊，堵住出入口', '占道经营', null, null, 116.405, 39.905, '南门外', null],
      ['GD-0003', '2025/03/05 08:00:30', '王女士', 13900001111, '楼道里一股很大的煤气味，怀疑燃气泄漏', null, '较急', code.A2, null, null, null, '否'],
    ]);
    const job = await importFile(staff, goodFile);
    expect(job).toMatchObject({ status: 'done', totalRows: 3, processedRows: 3, errors: [], error: null, summary: { created: 3, alreadyImported: 0, suggestedCategory: 1 } });

    const first = await hotlineCase('GD-0001');
    expect(first).toMatchObject({ status: 'submitted', categoryCode: 'property.elevator', priority: 'emergency', grid_id: street.gridA.id, building_id: street.buildingA.id });
    expect(first).toMatchObject({ community_id: street.communityA.id, address: '3号楼2单元', reporter_name: '张先生', reporter_hidden: true, reporter_user_id: null });
    expect(first.received_at.toISOString()).toBe(beijing(2025, 3, 3, 9, 30).toISOString());
    expect(first.reporter_phone_mask).toBe('138****5678');
    expect(t.ctx.cipher.decrypt(first.reporter_phone_enc!)).toBe('13812345678');

    const second = await hotlineCase('GD-0002');
    expect(second).toMatchObject({ categoryCode: 'urban.street_vending', priority: 'normal', grid_id: street.gridA2.id, building_id: null, lon: 116.405, lat: 39.905, address: '南门外' });
    expect(second.received_at.toISOString()).toBe(beijing(2025, 3, 4, 14, 5).toISOString());

    const third = await hotlineCase('GD-0003');
    expect(third.categoryCode).toMatch(/^gas\./);
    expect(third).toMatchObject({ priority: 'high', grid_id: street.gridA2.id, reporter_hidden: false });
    expect(third.received_at.toISOString()).toBe(new Date(Date.UTC(2025, 2, 5, 0, 0, 30)).toISOString());

    const ids = [first.id, second.id, third.id];
    const events = await t.ctx.db.selectFrom('case_event').select(['case_id', 'action', 'at']).where('case_id', 'in', ids).orderBy('case_id').execute();
    expect(events.map((e) => [e.action, e.at.toISOString()])).toEqual([
      ['submit', first.received_at.toISOString()],
      ['submit', second.received_at.toISOString()],
      ['submit', third.received_at.toISOString()],
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_id', 'summary']).where('action', 'in', ['case.submit', 'import.completed']).execute();
    expect(audit.filter((a) => a.action === 'case.submit').map((a) => a.target_id).sort()).toEqual(ids.map(String).sort());
    const completed = audit.find((a) => a.action === 'import.completed')!;
    expect(completed.target_id).toBe(String(job.id));
    expect(completed.summary).toMatchObject({ kind: 'hotline_cases', created: 3 });
    expect(JSON.stringify(audit)).not.toContain('13812345678');

    expect(await counts()).toEqual({ cases: before.cases + 3, events: before.events + 3, audit: before.audit + 4, jobs: before.jobs + 6 });
    expect(await received('street', street.street.id)).toBe(streetReceived + 3);
    expect(await received('grid', street.gridA.id)).toBe(gridAReceived + 1);
    expect(await received('grid', street.gridA2.id)).toBe(gridA2Received + 2);
  });

  it('imports a file of several chunks (450 rows, taken in 200 at a time) whole', async () => {
    const before = await counts();
    const streetReceived = await received('street', street.street.id);
    const rows = Array.from({ length: 450 }, (_, i) => [
      `GD-BIG-${String(i).padStart(4, '0')}`,
      excelTime(2025, 4, 1 + (i % 28), 8 + (i % 10), i % 60),
      null,
      null,
      `第${i}号工单：小区路灯不亮`,
      'property.elevator',
      null,
      i % 2 ? code.A : code.A2,
      null,
      null,
      null,
      null,
    ]);
    const job = await importFile(staff, await workbook(rows));
    expect(job).toMatchObject({ status: 'done', totalRows: 450, processedRows: 450, summary: { created: 450, alreadyImported: 0 } });
    expect(await counts()).toEqual({ cases: before.cases + 450, events: before.events + 450, audit: before.audit + 451, jobs: before.jobs + 900 });
    expect(await received('street', street.street.id)).toBe(streetReceived + 450);
    const big = await t.ctx.db.selectFrom('cases').select(['external_ref', 'description', 'grid_id']).where('external_ref', 'like', 'GD-BIG-%').orderBy('external_ref').execute();
    expect(big.map((c) => [c.external_ref, c.description, c.grid_id])).toEqual(
      rows.map((r, i) => [r[0], r[4], i % 2 ? street.gridA.id : street.gridA2.id]),
    );
  });

  it('imports the same file again without creating anything', async () => {
    const before = await counts();
    const job = await importFile(staff, goodFile);
    expect(job).toMatchObject({ status: 'done', summary: { created: 0, alreadyImported: 3, suggestedCategory: 0 } });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 }); // only the import's own audit row
  });

  it('rejects a file with bad rows, reports every error and writes nothing', async () => {
    const before = await counts();
    const future = new Date(Date.now() + 2 * 86_400_000 + 8 * 3_600_000);
    const ok = (ref: string): Cell[] => [ref, excelTime(2025, 3, 6, 10, 0), null, null, '路灯不亮', 'property.corridor_light', null, code.A, null, null, null, null];
    const bad = await workbook([
      ok('BAD-1'), // row 2: fine
      [null, future, null, null, '路灯不亮', 'property.corridor_light', null, code.A, null, null, null, null], // row 3
      ['BAD-1', '昨天下午', null, '12345', '路灯不亮', 'property.corridor_light', null, code.A, null, null, null, null], // row 4
      ['BAD-4', excelTime(2025, 3, 6, 10, 0), null, null, '', 'no.such', '特急', code.A, null, null, null, null], // row 5
      ['BAD-5', excelTime(2025, 3, 6, 10, 0), null, null, '路灯不亮', 'property', null, code.B, null, null, null, null], // row 6
      ['BAD-6', excelTime(2025, 3, 6, 10, 0), null, null, '路灯不亮', '楼道灯不亮', null, null, null, null, null, '也许'], // row 7
      ['BAD-7', excelTime(2025, 3, 6, 10, 0), null, null, '路灯不亮', '楼道灯不亮', null, null, 116.405, null, null, null], // row 8
      ['BAD-8', excelTime(2025, 3, 6, 10, 0), null, null, '路灯不亮', '楼道灯不亮', null, null, 121.47, 31.23, null, null], // row 9
      ['BAD-9', excelTime(2025, 3, 6, 10, 0), null, null, '长'.repeat(4001), '楼道灯不亮', null, code.gridA, null, null, null, null], // row 10
    ]);
    const job = await importFile(staff, bad);
    expect(job.status).toBe('rejected');
    expect(job.error).toMatchObject({ code: 'IMPORT_REJECTED', message: '导入文件有错误，未导入任何数据', details: { errorCount: job.errors.length } });
    expect(job.summary).toEqual({ created: 0, alreadyImported: 0, suggestedCategory: 0 });
    const brief = job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(brief).toEqual([
      '3:工单编号',
      '3:来电时间',
      '4:工单编号',
      '4:来电时间',
      '4:联系电话',
      '5:诉求内容',
      '5:事项类别',
      '5:紧急程度',
      '6:事项类别',
      '6:楼栋编码',
      '7:楼栋编码',
      '7:是否保密',
      '8:纬度',
      '9:经度',
      '10:诉求内容',
      '10:楼栋编码',
    ]);
    const reasons = new Map(job.errors.map((e: { row: number; column: string; reason: string }) => [`${e.row}:${e.column}`, e.reason]));
    expect(reasons.get('3:来电时间')).toBe('来电时间不能晚于当前时间');
    expect(reasons.get('4:工单编号')).toContain('第 2 行');
    expect(reasons.get('5:事项类别')).toContain('不存在');
    expect(reasons.get('6:事项类别')).toContain('不是末级类别');
    expect(reasons.get('6:楼栋编码')).toBe('楼栋编码不存在或不在您的管辖范围内');
    expect(reasons.get('9:经度')).toContain('不在本街道的任何网格内');
    expect(reasons.get('10:楼栋编码')).toBe('该编码不是楼栋');
    expect(await counts()).toEqual(before);
    expect(await t.ctx.db.selectFrom('cases').select('id').where('external_ref', '=', 'BAD-1').execute()).toEqual([]);
  });

  it('treats a building outside the caller’s scope as an error', async () => {
    const before = await counts();
    const job = await importFile(staff, await workbook([['OUT-1', excelTime(2025, 3, 6, 10, 0), null, null, '垃圾没人清运', 'environment.garbage_collection', null, code.B, null, null, null, null]]));
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual([{ row: 2, column: '楼栋编码', reason: '楼栋编码不存在或不在您的管辖范围内' }]);
    expect(await counts()).toEqual(before);
  });

  it('imports a UTF-8 CSV file, with or without BOM, keeping work-order numbers as written', async () => {
    const header = HEADERS.join(',');
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${header}\r\n00123,2025-03-05 08:00,李女士,13900002222,"小区门口占道经营,堵住出入口",占道经营,一般,${code.A},,,,否\r\n\r\n`),
    ]);
    const job = await importFile(staff, withBom, 'work-orders.csv');
    expect(job).toMatchObject({ status: 'done', summary: { created: 1, alreadyImported: 0, suggestedCategory: 0 } });
    const row = await hotlineCase('00123');
    expect(row).toMatchObject({ categoryCode: 'urban.street_vending', priority: 'normal', reporter_name: '李女士', description: '小区门口占道经营,堵住出入口', grid_id: street.gridA.id });
    expect(row.received_at.toISOString()).toBe(beijing(2025, 3, 5, 8, 0).toISOString());

    const noBom = Buffer.from(`${header}\n00124,2025-03-05 09:15,,,垃圾桶满了没人清,,,${code.A},,,,\n`);
    const second = await importFile(staff, noBom, 'export.CSV');
    expect(second).toMatchObject({ status: 'done', summary: { created: 1, suggestedCategory: 1 } });
    expect((await hotlineCase('00124')).categoryCode).toMatch(/^environment\./);
  });

  it('answers 400 INVALID_FILE for what is not a spreadsheet, and names missing columns', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 0, 0, 13, 0xff, 0xfe, 0xc0])]);
    const image = await upload(staff, png, 'photo.png');
    expect(image.statusCode).toBe(400);
    expect(image.json().error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'unreadable' } });
    const xls = await upload(staff, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls');
    expect(xls.json().error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'legacy_xls' } });
    const fakeXlsx = await upload(staff, Buffer.from('工单编号,来电时间\n1,2\n'), 'orders.xlsx');
    expect(fakeXlsx.json().error.code).toBe('INVALID_FILE');
    const missing = await upload(staff, await workbook([['M-1', '2025-03-05 08:00']], ['工单编号', '来电时间']));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'missing_columns', missingColumns: ['诉求内容'] } });
    const empty = await upload(staff, await workbook([]));
    expect(empty.json().error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'no_rows' } });
    const noFile = multipart({}, []);
    const res = await t.app.inject({ method: 'POST', url: '/api/cases/hotline-import', headers: { ...bearer(staff), ...noFile.headers }, payload: noFile.payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows a job only to the user who started it, and never through the archive import endpoint', async () => {
    const res = await upload(staff, goodFile);
    const id = res.json().job.id;
    await finished(staff, id);
    const other = await t.app.inject({ method: 'GET', url: `/api/cases/hotline-import/${id}`, headers: bearer(otherStaff) });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('IMPORT_NOT_FOUND');
    const archive = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: bearer(staff) });
    expect(archive.statusCode).toBe(404);
  });
});
