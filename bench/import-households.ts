/**
 * Import and export throughput of the household archive (npx tsx bench/import-households.ts).
 *
 * Builds a street with 10,000 households and 25,000 residents as .xlsx files, then on a fresh
 * in-memory PGlite (and on PostgreSQL when TEST_DATABASE_URL is set) times: reading the workbook,
 * validating every row, importing in one transaction, importing the same file again (all rows
 * unchanged) and exporting. Machines are noisy: compare the ratios within one run.
 *
 * Options: --households N (default 10000), --residents N (default 25000, 0 to skip).
 */
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { PiiCipher, idCheckChar } from '../server/platform/crypto/pii.js';
import type { DatabaseKind } from '../server/platform/db/database.js';
import type { DB } from '../server/platform/db/schema.js';
import type { Actor } from '../server/platform/permissions/scope.js';
import { scopeFor } from '../server/platform/permissions/scope.js';
import { exportArchive } from '../server/modules/org/exchange/export-archive.js';
import { readImportSheet } from '../server/modules/org/exchange/read-sheet.js';
import { NO_PROGRESS } from '../server/modules/org/exchange/progress.js';
import { insertJob } from '../server/modules/org/exchange/repository.js';
import { applySheet, checkSheet } from '../server/modules/org/exchange/run-import.js';
import { writeWorkbook } from '../server/modules/org/exchange/workbook-writer.js';
import { makeNode, makeUser, type NodeRef } from '../tests/helpers/factories.js';
import { createTestDatabase } from '../tests/helpers/test-db.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const HOUSEHOLDS = option('households', 10_000);
const RESIDENTS = option('residents', 25_000);
const COMMUNITIES = 4;
const GRIDS_PER_COMMUNITY = 6;
const FLATS_PER_BUILDING = 30;
const HOUSING = ['自有', '租住', '公房', '其他'];
const TAGS = ['', '', '', '独居老人', '低保', '残疾、重点关爱', '党员户'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '秀英建国玉兰志强桂芳明华丽娟海燕伟军红梅小平文静';

interface Flat {
  code: string;
  unit: string;
  room: string;
}

/** Buildings enough for the households, in a street of communities and grids. */
async function makeStreetOf(db: Kysely<DB>, households: number) {
  const district = await makeNode(db, null, 'district');
  const street = await makeNode(db, district, 'street');
  const buildingCount = Math.ceil(households / FLATS_PER_BUILDING);
  const grids: NodeRef[] = [];
  for (let c = 0; c < COMMUNITIES; c++) {
    const community = await makeNode(db, street, 'community');
    for (let g = 0; g < GRIDS_PER_COMMUNITY; g++) grids.push(await makeNode(db, community, 'grid'));
  }
  const flats: Flat[] = [];
  for (let b = 0; b < buildingCount; b++) {
    const building = await makeNode(db, grids[b % grids.length]!, 'building');
    const { code } = await db.selectFrom('org_node').select('code').where('id', '=', building.id).executeTakeFirstOrThrow();
    for (let f = 0; f < FLATS_PER_BUILDING && flats.length < households; f++) {
      flats.push({ code, unit: `${(f % 3) + 1}单元`, room: String(100 * (Math.floor(f / 6) + 1) + (f % 6) + 1) });
    }
  }
  return { street, flats };
}

async function xlsx(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function householdRows(flats: Flat[]) {
  return flats.map((f, i) => [f.code, f.unit, f.room, HOUSING[i % HOUSING.length]!, 50 + (i % 90) + 0.25, TAGS[i % TAGS.length]!, i % 10 === 0 ? '已走访' : null]);
}

function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110101${ymd}${String(Math.floor(i / 25_000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function residentRows(flats: Flat[], count: number) {
  const relationships = ['户长', '配偶', '子女'];
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < count; i++) {
    const flat = flats[Math.floor(i / 3) % flats.length]!;
    const member = i % 3;
    if (Math.floor(i / 3) >= flats.length) break;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + member) % GIVEN.length]}${i}`;
    rows.push([
      flat.code,
      flat.unit,
      flat.room,
      name,
      relationships[member]!,
      null,
      null,
      member === 2 && i % 2 ? null : idNumber(i),
      member === 0 ? `139${String(10_000_000 + i).slice(-8)}` : null,
      i % 9 === 0 ? '中共党员' : '群众',
      i % 17 === 0 ? '志愿者' : null,
    ]);
  }
  return rows;
}

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
};

interface Result {
  engine: DatabaseKind;
  kind: string;
  rows: number;
  readMs: number;
  validateMs: number;
  importMs: number;
  reimportMs: number;
  exportMs: number;
  summary: string;
}

async function runEngine(engine: DatabaseKind, files: (flats: Flat[]) => Promise<{ households: Buffer; residents: Buffer | null }>): Promise<Result[]> {
  const database = await createTestDatabase(engine);
  const db = database.db;
  try {
    const { street, flats } = await makeStreetOf(db, HOUSEHOLDS);
    const user = await makeUser(db, [{ role: 'street_admin', node: street }]);
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.username,
      roles: [{ role: 'street_admin', orgNodeId: street.id, path: street.path }],
      organisationId: null,
      residentId: null,
      sessionId: 0,
    };
    const cipher = new PiiCipher(crypto.randomBytes(32));
    const scope = scopeFor(actor, 'archive.import');
    const caller = { actor, requestId: null };
    const built = await files(flats);
    const results: Result[] = [];
    for (const kind of ['households', 'residents'] as const) {
      const file = kind === 'households' ? built.households : built.residents;
      if (!file) continue;
      const [sheet, readMs] = await time(() => readImportSheet(kind, file));
      // As a job runs: validate outside the transaction, then apply (which validates again inside it).
      const importSheet = async () => {
        const job = await insertJob(db, { kind, fileName: `bench-${kind}.xlsx`, totalRows: sheet.rows.length, createdBy: user.id });
        const [checked, validateMs] = await time(() => checkSheet(db, cipher, scope, sheet, NO_PROGRESS));
        if (checked.errors.length) throw new Error(`${kind}: ${checked.errors.length} errors, first ${JSON.stringify(checked.errors[0])}`);
        const [outcome, importMs] = await time(() =>
          applySheet(db, cipher, sheet, { ...caller, scope, jobId: job.id, fileName: job.file_name, progress: NO_PROGRESS }),
        );
        if ('errors' in outcome) throw new Error(`${kind}: rejected inside the transaction`);
        return { summary: outcome.summary, validateMs, importMs };
      };
      const first = await importSheet();
      const again = await importSheet();
      if (again.summary.created || again.summary.updated) throw new Error(`${kind}: re-import changed rows ${JSON.stringify(again.summary)}`);
      const [, exportMs] = await time(async () => {
        const exported = await exportArchive(db, { ...caller, kind, filter: {} });
        let bytes = 0;
        const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((bytes += chunk.length), done()) });
        await writeWorkbook(sink, kind, exported.tagNames, exported.rows);
        return bytes;
      });
      results.push({
        engine,
        kind,
        rows: sheet.rows.length,
        readMs,
        validateMs: first.validateMs,
        importMs: first.importMs,
        reimportMs: again.validateMs + again.importMs,
        exportMs,
        summary: `${first.summary.created}/${first.summary.updated}/${first.summary.unchanged} → ${again.summary.created}/${again.summary.updated}/${again.summary.unchanged}`,
      });
    }
    return results;
  } finally {
    await database.close();
  }
}

async function main() {
  const engines: DatabaseKind[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
  const results: Result[] = [];
  for (const engine of engines) {
    // Building codes come from a global counter, so each engine's street gets its own files.
    results.push(
      ...(await runEngine(engine, async (flats) => ({
        households: await xlsx(['楼栋编码', '单元', '房号', '住房性质', '专有部分面积(㎡)', '标签', '备注'], householdRows(flats)),
        residents: RESIDENTS
          ? await xlsx(['楼栋编码', '单元', '房号', '姓名', '与户长关系', '性别', '出生日期', '身份证号', '手机号', '政治面貌', '标签'], residentRows(flats, RESIDENTS))
          : null,
      }))),
    );
  }
  const ms = (n: number) => n.toFixed(0);
  console.log('| engine | kind | rows | read ms | validate ms | import ms | rows/s | re-import ms | re-import ÷ import | export ms | created/updated/unchanged |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.kind} | ${r.rows} | ${ms(r.readMs)} | ${ms(r.validateMs)} | ${ms(r.importMs)} | ${ms((r.rows / (r.validateMs + r.importMs)) * 1000)} | ${ms(r.reimportMs)} | ${(r.reimportMs / (r.validateMs + r.importMs)).toFixed(2)} | ${ms(r.exportMs)} | ${r.summary} |`,
    );
  }
  console.log('\nvalidate = the validating phase (outside any transaction); import = the one transaction, which checks the file again and writes;');
  console.log('rows/s = rows ÷ (validate + import); re-import = validate + import of the same file, every row unchanged; export = query, mask and stream the .xlsx.');
}

main().catch((err: unknown) => {
  pino().error(err);
  process.exitCode = 1;
});
