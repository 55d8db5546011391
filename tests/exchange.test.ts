import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportKind } from '../server/platform/db/schema.js';
import { bearer, login, makeHousehold, makeIdNumber, makeResident, makeStreet, makeUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const HOUSEHOLD_HEADERS = ['楼栋编码', '单元', '房号', '住房性质', '专有部分面积(㎡)', '标签', '备注'];
const RESIDENT_HEADERS = ['楼栋编码', '单元', '房号', '姓名', '与户长关系', '性别', '出生日期', '身份证号', '手机号', '政治面貌', '标签'];
type Cell = string | number | Date | null;

async function workbook(headers: string[], rows: Cell[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = `----gongzhi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('household archive import and export', () => {
  let t: TestApp;
  let street: Awaited<ReturnType<typeof makeStreet>>;
  let code: { A: string; A2: string; B: string; gridA: string };
  let staff: string;
  let otherStaff: string;
  let admin: string;
  let gridWorker: string;

  const upload = (token: string, kind: ImportKind | string, content: Buffer, name = 'archive.xlsx') => {
    const form = multipart({ kind }, { name, content });
    return t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer(token), ...form.headers }, payload: form.payload });
  };

  async function finished(token: string, id: number) {
    for (let i = 0; i < 400; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      const job = res.json();
      if (['rejected', 'done', 'failed'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function importFile(token: string, kind: ImportKind, content: Buffer) {
    const res = await upload(token, kind, content);
    expect(res.statusCode, res.body).toBe(202);
    const { job } = res.json();
    expect(job).toMatchObject({ kind, status: 'validating', processedRows: 0, errors: [], error: null });
    return finished(token, job.id);
  }

  const count = async (table: 'household' | 'resident' | 'household_member' | 'audit_log') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({
    households: await count('household'),
    residents: await count('resident'),
    members: await count('household_member'),
  });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db;
    street = await makeStreet(db);
    const codeOf = async (id: number) => (await db.selectFrom('org_node').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
    code = { A: await codeOf(street.buildingA.id), A2: await codeOf(street.buildingA2.id), B: await codeOf(street.buildingB.id), gridA: await codeOf(street.gridA.id) };
    const users = {
      staff: await makeUser(db, [{ role: 'community_staff', node: street.communityA }]),
      otherStaff: await makeUser(db, [{ role: 'community_staff', node: street.communityA }]),
      admin: await makeUser(db, [{ role: 'street_admin', node: street.street }]),
      grid: await makeUser(db, [{ role: 'grid_worker', node: street.gridA }]),
    };
    staff = await login(t.app, users.staff.username);
    otherStaff = await login(t.app, users.otherStaff.username);
    admin = await login(t.app, users.admin.username);
    gridWorker = await login(t.app, users.grid.username);
  });
  afterAll(() => t?.close());

  it('requires authentication', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/template?kind=households' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('downloads a template with Chinese headers, a 说明 sheet and drop-downs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/template?kind=households', headers: bearer(staff) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="households-template\.xlsx"; filename\*=UTF-8''/);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['住户', '说明']);
    expect(sheetRows(wb.getWorksheet('住户')!)).toEqual([HOUSEHOLD_HEADERS]);
    const housing = wb.getWorksheet('住户')!.getCell('D2').dataValidation;
    expect(housing.type).toBe('list');
    expect(housing.formulae).toEqual(['"自有,租住,公房,其他"']);
    const guide = sheetRows(wb.getWorksheet('说明')!).map((r) => r[0]);
    expect(guide).toEqual(expect.arrayContaining(HOUSEHOLD_HEADERS));

    const residents = await t.app.inject({ method: 'GET', url: '/api/imports/template?kind=residents', headers: bearer(staff) });
    const rwb = await readXlsx(residents.rawPayload);
    expect(sheetRows(rwb.getWorksheet('居民')!)).toEqual([RESIDENT_HEADERS]);
    expect(rwb.getWorksheet('居民')!.getCell('E5').dataValidation.formulae[0]).toContain('户长');
  });

  it('refuses a role without archive.import (403)', async () => {
    const template = await t.app.inject({ method: 'GET', url: '/api/imports/template?kind=households', headers: bearer(gridWorker) });
    expect(template.statusCode).toBe(403);
    const res = await upload(gridWorker, 'households', await workbook(HOUSEHOLD_HEADERS, [[code.A, '', '1', '自有']]));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  let householdsFile: Buffer;
  let residentsFile: Buffer;
  const headId = makeIdNumber('19650302', 123);
  const childId = makeIdNumber('19950718', 456);

  it('imports a good households file, then its residents, with audit rows', async () => {
    const before = await counts();
    householdsFile = await workbook(HOUSEHOLD_HEADERS, [
      [code.A, '1单元', '101', '自有', 88.5, '独居老人、low_income', '东边的门'],
      [code.A, '1单元', 102, '租住', '60', '', null],
      [code.A2, '', '202', '公房', null, null, null],
    ]);
    const job = await importFile(staff, 'households', householdsFile);
    expect(job).toMatchObject({ kind: 'households', status: 'done', totalRows: 3, errors: [], summary: { created: 3, updated: 0, unchanged: 0 }, error: null });
    expect((await counts()).households).toBe(before.households + 3);
    const h101 = await t.ctx.db.selectFrom('household').selectAll().where('building_id', '=', street.buildingA.id).where('room', '=', '101').executeTakeFirstOrThrow();
    expect(h101).toMatchObject({ unit: '1单元', housing: 'owned', area_m2: '88.50', tags: ['elderly_alone', 'low_income'], notes: '东边的门', grid_id: street.gridA.id, community_id: street.communityA.id });
    const h102 = await t.ctx.db.selectFrom('household').selectAll().where('building_id', '=', street.buildingA.id).where('room', '=', '102').executeTakeFirstOrThrow();
    expect(h102).toMatchObject({ housing: 'rented', area_m2: '60.00', tags: [], notes: null });
    const created = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'household.created').execute();
    expect(created.map((a) => a.target_id).sort()).toContain(String(h101.id));
    expect(created).toHaveLength(3);
    const completed = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'import.completed').execute();
    expect(completed).toHaveLength(1);
    expect(completed[0]!.target_id).toBe(String(job.id));

    residentsFile = await workbook(RESIDENT_HEADERS, [
      [code.A, '1单元', '101', '王建国', '户长', '男', null, headId.toLowerCase(), '138-1234-5678', '中共党员', '退役军人'],
      [code.A, '1单元', '101', '李秀英', '配偶', '女', '1966-04-09', null, null, '群众', null],
      [code.A, '1单元', '101', '王小明', '子女', null, new Date(Date.UTC(1995, 6, 18)), childId, null, null, null],
    ]);
    const rjob = await importFile(staff, 'residents', residentsFile);
    expect(rjob).toMatchObject({ status: 'done', summary: { created: 3, updated: 0, unchanged: 0 } });
    const members = await t.ctx.db
      .selectFrom('household_member as m')
      .innerJoin('resident as r', 'r.id', 'm.resident_id')
      .selectAll('r')
      .select('m.relationship')
      .where('m.household_id', '=', h101.id)
      .orderBy('r.id')
      .execute();
    expect(members.map((m) => [m.name, m.relationship, m.gender, m.birth_date, m.political_status])).toEqual([
      ['王建国', 'head', 'male', '1965-03-02', 'cpc_member'],
      ['李秀英', 'spouse', 'female', '1966-04-09', 'masses'],
      ['王小明', 'child', headId && (Number(childId[16]) % 2 ? 'male' : 'female'), '1995-07-18', 'masses'],
    ]);
    const head = members[0]!;
    expect(head.tags).toEqual(['veteran']);
    expect(head.id_number_enc).not.toContain(headId);
    expect(t.ctx.cipher.decrypt(head.id_number_enc!)).toBe(headId);
    expect(head.id_number_mask).toBe(`${headId.slice(0, 3)}***********${headId.slice(-4)}`);
    expect(t.ctx.cipher.decrypt(head.phone_enc!)).toBe('13812345678');
    expect(members[1]!.id_number_hash).toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.created').execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(headId);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('imports the same files again without creating or changing anything', async () => {
    const before = await counts();
    const versions = await t.ctx.db.selectFrom('household').select(['id', 'version']).orderBy('id').execute();
    const job = await importFile(staff, 'households', householdsFile);
    expect(job.summary).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const rjob = await importFile(staff, 'residents', residentsFile);
    expect(rjob.summary).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts()).toEqual(before);
    expect(await t.ctx.db.selectFrom('household').select(['id', 'version']).orderBy('id').execute()).toEqual(versions);
  });

  it('updates only what changed and bumps the version', async () => {
    const changed = await workbook(HOUSEHOLD_HEADERS, [
      [code.A, '1单元', '101', '自有', 88.5, '独居老人、低保', '东边的门'],
      [code.A, '1单元', '102', '自有', 60, '', ''],
    ]);
    const job = await importFile(staff, 'households', changed);
    expect(job.summary).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const h102 = await t.ctx.db.selectFrom('household').selectAll().where('building_id', '=', street.buildingA.id).where('room', '=', '102').executeTakeFirstOrThrow();
    expect(h102).toMatchObject({ housing: 'owned', version: 2 });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'household.updated').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ before: { housing: 'rented' }, after: { housing: 'owned' } });
  });

  it('reads numbers, rich text, formula results and dates from cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('住户');
    ws.addRow(HOUSEHOLD_HEADERS);
    ws.addRow([
      { richText: [{ text: code.A }] },
      { richText: [{ font: { bold: true }, text: '3' }, { text: '单元' }] },
      { formula: '300+1', result: 301 },
      { formula: 'IF(TRUE,"租住","自有")', result: '租住' },
      { formula: '40+2.5', result: 42.5 },
      '低保，残疾',
      null,
    ]);
    const job = await importFile(staff, 'households', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job).toMatchObject({ status: 'done', summary: { created: 1 } });
    const row = await t.ctx.db.selectFrom('household').selectAll().where('building_id', '=', street.buildingA.id).where('room', '=', '301').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit: '3单元', housing: 'rented', area_m2: '42.50', tags: ['low_income', 'disabled'] });
  });

  it('hands the head over to another member in one import', async () => {
    const family = await workbook(RESIDENT_HEADERS, [[code.A2, '', '202', '陈大', '户长', '男', '1950-01-01', null, null, null, null]]);
    expect((await importFile(staff, 'residents', family)).summary).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const handover = await workbook(RESIDENT_HEADERS, [
      [code.A2, '', '202', '陈小', '户长', '男', '1975-05-05', null, null, null, null],
      [code.A2, '', '202', '陈大', '父母', null, null, null, null, null, null],
    ]);
    expect((await importFile(staff, 'residents', handover)).summary).toEqual({ created: 1, updated: 1, unchanged: 0 });
    const members = await t.ctx.db
      .selectFrom('household_member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .innerJoin('resident as r', 'r.id', 'm.resident_id')
      .select(['r.name', 'm.relationship', 'r.gender', 'r.birth_date'])
      .where('h.building_id', '=', street.buildingA2.id)
      .where('h.room', '=', '202')
      .orderBy('r.id')
      .execute();
    expect(members).toEqual([
      { name: '陈大', relationship: 'parent', gender: 'male', birth_date: '1950-01-01' },
      { name: '陈小', relationship: 'head', gender: 'male', birth_date: '1975-05-05' },
    ]);
  });

  it('rejects a households file with errors, reports every one and writes nothing', async () => {
    const before = { ...(await counts()), audit: await count('audit_log') };
    const bad = await workbook(HOUSEHOLD_HEADERS, [
      [code.A, '2单元', '301', '自有', 70, null, null], // row 2: fine
      [code.A, '2单元', null, '别墅', -5, '不存在的标签', null], // row 3: room, housing, area, tag
      [code.B, '', '1', '自有', null, null, null], // row 4: building out of scope
      ['NO-SUCH-CODE', '', '1', '自有', null, null, null], // row 5: unknown building
      [code.A, '2单元', '301', '租住', 12.345, null, null], // row 6: duplicate of row 2, area decimals
      [code.gridA, '', '1', '自有', null, 'volunteer', null], // row 7: not a building, tag not for households
    ]);
    const job = await importFile(staff, 'households', bad);
    expect(job.status).toBe('rejected');
    expect(job.error).toMatchObject({ code: 'IMPORT_REJECTED', message: '导入文件有错误，未导入任何数据' });
    const brief = job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(brief).toEqual(['3:房号', '3:住房性质', '3:专有部分面积(㎡)', '3:标签', '4:楼栋编码', '5:楼栋编码', '6:房号', '6:专有部分面积(㎡)', '7:楼栋编码', '7:标签']);
    for (const e of job.errors) expect(e.reason).toEqual(expect.any(String));
    const reasons = new Map(job.errors.map((e: { row: number; column: string; reason: string }) => [`${e.row}:${e.column}`, e.reason]));
    expect(reasons.get('4:楼栋编码')).toBe('楼栋编码不存在或不在您的管辖范围内');
    expect(reasons.get('5:楼栋编码')).toBe('楼栋编码不存在或不在您的管辖范围内');
    expect(reasons.get('6:房号')).toContain('第 2 行');
    expect({ ...(await counts()), audit: await count('audit_log') }).toEqual(before);
  });

  it('rejects a residents file with bad ID numbers, phones, duplicates and a second head', async () => {
    const other = await makeHousehold(t.ctx.db, street.buildingA2, { room: '909', unit: '' });
    const elsewhere = await makeResident(t.ctx.db, t.ctx.cipher, other, { name: '赵六' });
    const before = await counts();
    const good = makeIdNumber('19700101', 777);
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const bad = await workbook(RESIDENT_HEADERS, [
      [code.A, '1单元', '101', '张三', '户长', '男', null, good, null, null, null], // row 2: second head (王建国 is head)
      [code.A, '1单元', '101', '张四', '子女', '男', null, badCheck, '1234', null, null], // row 3: check digit, phone
      [code.A, '1单元', '102', '张五', '户长', '女', null, good, null, null, null], // row 4: same ID as row 2
      [code.A, '1单元', '999', '张六', '户长', '女', null, null, null, null, null], // row 5: no such household
      [code.A, '1单元', '102', '', '亲戚', '不详', '1990-13-01', null, null, '党员', null], // row 6: name, relationship, gender, date, political
      [code.A, '1单元', '102', '赵六', '配偶', null, null, elsewhere.idNumber, null, null, null], // row 7: ID in another household
      [code.A, '1单元', '102', '钱七', '户长', '女', null, null, null, null, null], // row 8: the head of 102
      [code.A, '1单元', '102', '孙八', '子女', '女', '1990-01-01', makeIdNumber('19910101', 5), null, null, null], // row 9: birth date ≠ ID
      [code.A, '1单元', '102', '周九', '子女', '女', null, 110101199001011234, null, null, null], // row 10: ID stored as a number
      [code.A, '1单元', '102', '吴十', '户长', '男', null, null, null, null, null], // row 11: a second head in the file
      [code.A, '1单元', '102', '钱七', '其他', '女', null, null, null, null, null], // row 12: same person as row 8
    ]);
    const job = await importFile(staff, 'residents', bad);
    expect(job.status).toBe('rejected');
    const brief = job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(brief).toEqual([
      '2:与户长关系',
      '3:身份证号',
      '3:手机号',
      '4:身份证号',
      '5:房号',
      '6:姓名',
      '6:与户长关系',
      '6:性别',
      '6:出生日期',
      '6:政治面貌',
      '7:身份证号',
      '9:出生日期',
      '10:身份证号',
      '11:与户长关系',
      '12:姓名',
    ]);
    const reasons = new Map(job.errors.map((e: { row: number; column: string; reason: string }) => [`${e.row}:${e.column}`, e.reason]));
    expect(reasons.get('2:与户长关系')).toBe('该户已有户长');
    expect(reasons.get('4:身份证号')).toContain('第 2 行');
    expect(reasons.get('11:与户长关系')).toContain('第 8 行');
    expect(reasons.get('12:姓名')).toContain('第 8 行');
    expect(await counts()).toEqual(before);
  });

  it('answers 400 INVALID_FILE for a file that is not a workbook, and names missing columns', async () => {
    const notXlsx = await upload(staff, 'households', Buffer.from('楼栋编码,房号\nA,1\n'), 'archive.csv');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.code).toBe('INVALID_FILE');
    const missing = await upload(staff, 'households', await workbook(['楼栋编码', '单元', '住房性质'], [[code.A, '', '自有']]));
    expect(missing.statusCode).toBe(400);
    const body = missing.json();
    expect(body.error.code).toBe('INVALID_FILE');
    expect(body.error.details.missingColumns).toEqual(['房号']);
    expect(body.error.details.message).toContain('房号');
    const empty = await upload(staff, 'households', await workbook(HOUSEHOLD_HEADERS, []));
    expect(empty.json().error).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'no_rows' } });
    const badKind = await upload(staff, 'visits', await workbook(HOUSEHOLD_HEADERS, [[code.A, '', '1', '自有']]));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('VALIDATION_FAILED');
    const json = await t.app.inject({ method: 'POST', url: '/api/imports', headers: bearer(staff), payload: { kind: 'households' } });
    expect(json.statusCode).toBe(415);
  });

  it('shows a job to the user who started it and to a street admin only', async () => {
    const res = await upload(staff, 'households', householdsFile);
    const id = res.json().job.id;
    await finished(staff, id);
    const other = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: bearer(otherStaff) });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('IMPORT_NOT_FOUND');
    const byAdmin = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { ...bearer(admin), 'accept-language': 'en' } });
    expect(byAdmin.statusCode).toBe(200);
  });

  it('exports only the grid worker’s households, masked, in a layout that imports again', async () => {
    await makeHousehold(t.ctx.db, street.buildingB, { room: '808', unit: '' });
    const res = await t.app.inject({ method: 'GET', url: '/api/exports/households.xlsx', headers: bearer(gridWorker) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment;');
    const rows = sheetRows((await readXlsx(res.rawPayload)).getWorksheet('住户')!);
    expect(rows[0]).toEqual(HOUSEHOLD_HEADERS);
    const data = rows.slice(1);
    expect(data.length).toBeGreaterThan(0);
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set([code.A]));
    const inGrid = await t.ctx.db.selectFrom('household').select('id').where('grid_id', '=', street.gridA.id).execute();
    expect(data).toHaveLength(inGrid.length);

    const residents = await t.app.inject({ method: 'GET', url: '/api/exports/residents.xlsx', headers: bearer(gridWorker) });
    expect(residents.statusCode).toBe(200);
    const rrows = sheetRows((await readXlsx(residents.rawPayload)).getWorksheet('居民')!);
    expect(rrows[0]).toEqual(RESIDENT_HEADERS);
    const head = rrows.find((r) => r[3] === '王建国')!;
    expect(head[7]).toBe(`${headId.slice(0, 3)}***********${headId.slice(-4)}`);
    expect(head[8]).toBe('138****5678');
    expect(residents.body).not.toContain(headId);
    for (const r of rrows.slice(1)) expect(r[0]).toBe(code.A);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'archive.exported').orderBy('id').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.summary).toMatchObject({ kind: 'households', rowCount: data.length });

    const filtered = await t.app.inject({ method: 'GET', url: '/api/exports/households.xlsx?tags=elderly_alone', headers: bearer(gridWorker) });
    expect(sheetRows((await readXlsx(filtered.rawPayload)).getWorksheet('住户')!)).toHaveLength(2);

    const before = await counts();
    const households = await importFile(staff, 'households', res.rawPayload);
    expect(households.summary).toEqual({ created: 0, updated: 0, unchanged: data.length });
    const again = await importFile(staff, 'residents', residents.rawPayload);
    expect(again.status).toBe('done');
    expect(again.summary).toMatchObject({ created: 0, updated: 0 });
    expect(await counts()).toEqual(before);
    const stored = await t.ctx.db.selectFrom('resident').selectAll().where('name', '=', '王建国').executeTakeFirstOrThrow();
    expect(t.ctx.cipher.decrypt(stored.id_number_enc!)).toBe(headId);
  });

  it('refuses an export to a role without archive.export', async () => {
    const resident = await makeUser(t.ctx.db, [{ role: 'resident', node: street.buildingA }]);
    const token = await login(t.app, resident.username);
    const res = await t.app.inject({ method: 'GET', url: '/api/exports/households.xlsx', headers: bearer(token) });
    expect(res.statusCode).toBe(403);
  });
});

describe('upload size limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t?.close());

  it('answers 413 PAYLOAD_TOO_LARGE in the platform error shape', async () => {
    const street = await makeStreet(t.ctx.db);
    const user = await makeUser(t.ctx.db, [{ role: 'street_admin', node: street.street }]);
    const token = await login(t.app, user.username);
    const form = multipart({ kind: 'households' }, { name: 'big.xlsx', content: Buffer.alloc(10_000, 1) });
    const res = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer(token), ...form.headers }, payload: form.payload });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
  });
});
