/**
 * Kept reports (周报/月报): what rendering a report costs, and what it does to the event loop
 * (npx tsx bench/reports.ts).
 *
 * On a fresh in-memory PGlite (and on PostgreSQL when TEST_DATABASE_URL is set) with the demo street and a history of cases (seedDemo +
 * seedCaseHistory), for the week and the month last ended:
 *  - reading the report's figures through its use case (readReportData, the weekly or monthly
 *    view's own queries) is the baseline; rendering the PDF and the workbook of the same data is
 *    timed against it, on the main thread (renderReportFile) and through the worker thread
 *    (report-renderer.ts, the way the report worker renders since it moved off the main thread);
 *  - the event loop's delay (how late a 2 ms timer fires) while the report worker makes
 *    reports end to end (claim, read, render, keep), rendering on the main thread ("before", as
 *    the server did) and in the worker thread ("after"); first the first report of each (cold:
 *    fonts read and parsed, code not yet optimised), then blocks of warm reports taking turns.
 *    The floor is the delay while the same reports' figures are only read (PGlite runs queries on
 *    the main thread).
 *
 * Options: --quick (smaller street and history, fewer repetitions), --households N (default
 * 2000), --cases N (history, default 20000), --repeat N (timings per figure, default 7),
 * --reports N (reports per block, default 6).
 */
import pino from 'pino';
import { lastEndedPeriods } from '../server/modules/analysis/reports/report-periods.js';
import { readReportData } from '../server/modules/analysis/reports/read-report-data.js';
import { renderReportFile, type RenderJob } from '../server/modules/analysis/reports/render-report.js';
import { createReportRenderer, type ReportRenderer } from '../server/modules/analysis/reports/report-renderer.js';
import { runReportWorkerOnce } from '../server/modules/analysis/reports/run-report-worker.js';
import { findAreaNode } from '../server/modules/analysis/repository.js';
import { insertReport } from '../server/modules/analysis/reports/repository.js';
import { DEFAULT_CATALOGUE } from '../server/modules/cases/catalogue/default-catalogue.js';
import { installCatalogue } from '../server/modules/cases/install-catalogue.js';
import { seedDemoCases } from '../server/modules/demo/seed-cases.js';
import { seedDemo } from '../server/modules/demo/seed-demo.js';
import { seedCaseHistory } from '../server/modules/demo/seed-history.js';
import { PiiCipher } from '../server/platform/crypto/pii.js';
import type { DatabaseKind } from '../server/platform/db/database.js';
import type { ReportKind } from '../server/platform/db/schema-analysis.js';
import { createTestDatabase } from '../tests/helpers/test-db.js';
import { onCleanup, runMain } from './lib/cleanup.js';
import { progress } from './lib/child.js';
import { flag, numberOption, postgresUrl } from './lib/cli.js';
import { table } from './lib/markdown.js';
import { ms, ratio, summarize, timed } from './lib/stats.js';

const QUICK = flag('quick');
const HOUSEHOLDS = numberOption('households', QUICK ? 500 : 2000);
const CASES = numberOption('cases', QUICK ? 4000 : 20_000);
const REPEAT = numberOption('repeat', QUICK ? 3 : 7);
const REPORTS = numberOption('reports', QUICK ? 4 : 6);
const BLOCKS = QUICK ? 2 : 3;

/** The main thread standing in for the worker: what the report worker did before. */
const mainThread: ReportRenderer = { render: renderReportFile, close: async () => undefined };

const median = (values: number[]) => summarize(values).p50;

async function repeatTimed(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) times.push((await timed(work))[1]);
  return median(times);
}

const PROBE_MS = 2;

/**
 * The event loop's delay (ms) while `work` runs: a timer due every 2 ms notes how late each
 * firing is (the longest a request would have waited to be read). It runs on until one firing
 * after the work, so a stall at the very end counts too. monitorEventLoopDelay would miss that
 * one: it is read when the work's promise resolves, before its timer can fire again.
 */
async function loopDelay(work: () => Promise<unknown>): Promise<{ max: number; p99: number; ms: number }> {
  const lateness: number[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    lateness.push(Math.max(0, t - last - PROBE_MS));
    last = t;
  }, PROBE_MS);
  const [, elapsed] = await timed(work);
  const fired = lateness.length;
  while (lateness.length === fired) await new Promise((r) => setTimeout(r, PROBE_MS));
  clearInterval(probe);
  const s = summarize(lateness);
  return { max: s.max, p99: s.p99, ms: elapsed };
}

async function runOn(engine: DatabaseKind): Promise<string> {
  const database = await createTestDatabase(engine, { namePrefix: 'gz_bench_reports' });
  const closeDatabase = onCleanup('database', () => database.close());
  const { db } = database;
  const cipher = new PiiCipher(Buffer.alloc(32, 7));
  const log = pino({ level: 'silent' });
  progress('reports', `${engine}: seeding ${HOUSEHOLDS} households and ${CASES} cases of history`);
  await installCatalogue(db, DEFAULT_CATALOGUE);
  await seedDemo({ db, cipher, households: HOUSEHOLDS });
  await seedDemoCases({ db, cipher, count: 20 });
  await seedCaseHistory({ db, cipher, cases: CASES });
  const street = await db.selectFrom('org_node').select('id').where('kind', '=', 'street').orderBy('id').executeTakeFirstOrThrow();
  const unit = await findAreaNode(db, street.id);
  const user = await db.selectFrom('app_user').select(['id', 'username']).orderBy('id').executeTakeFirstOrThrow();
  const due = lastEndedPeriods(new Date());
  const periods: Record<ReportKind, string> = { weekly: due.weekly, monthly: due.monthly };

  // The report worker end to end: claims, reads, renders, keeps. Cold first, before anything else
  // has rendered (a new thread; the main thread's first PDF); warm blocks taking turns come last.
  const queue = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const kind: ReportKind = i % 2 ? 'monthly' : 'weekly';
      await insertReport(db, { unit, kind, period: periods[kind], formats: ['pdf', 'xlsx'], lang: 'zh', requestedBy: { id: user.id, name: user.username }, now: new Date() });
    }
  };
  const generate = async (r: ReportRenderer, n: number) => {
    await queue(n);
    return loopDelay(async () => {
      const made = await runReportWorkerOnce({ db, log }, { renderer: r, limit: n, workerId: 'bench' });
      if (made !== n) throw new Error(`made ${made} reports, expected ${n}`);
    });
  };
  const worker = createReportRenderer();
  onCleanup('worker renderer', () => worker.close());
  progress('reports', `${engine}: event loop, first report (cold)`);
  const cold = { before: await generate(mainThread, 1), after: await generate(worker, 1) };
  // Figures of one report (the baseline) and its files, on the main thread and through the worker.
  progress('reports', `${engine}: timing reads and renders`);
  const renderer = createReportRenderer();
  onCleanup('renderer', () => renderer.close());
  const costs: (string | number)[][] = [];
  const sizes: string[] = [];
  for (const kind of ['weekly', 'monthly'] as const) {
    const report = { unit_id: unit.id, kind, period: periods[kind] };
    const data = await readReportData(db, report);
    const job = (format: 'pdf' | 'xlsx'): RenderJob => ({ format, data, lang: 'zh', generatedAt: new Date() });
    // Warm every path once (fonts, JIT, the thread started) before timing.
    const [pdf, xlsx] = [await renderReportFile(job('pdf')), await renderReportFile(job('xlsx'))];
    await renderer.render(job('pdf'));
    await renderer.render(job('xlsx'));
    sizes.push(`${kind} ${periods[kind]}: PDF ${Math.round(pdf.length / 1024)} KiB, workbook ${Math.round(xlsx.length / 1024)} KiB`);
    const read = await repeatTimed(() => readReportData(db, report));
    for (const format of ['pdf', 'xlsx'] as const) {
      const inThread = await repeatTimed(() => renderReportFile(job(format)));
      const viaWorker = await repeatTimed(() => renderer.render(job(format)));
      costs.push([`${kind} ${format === 'pdf' ? 'PDF' : 'Excel'}`, ms(read), ms(inThread), ratio(inThread / read), ms(viaWorker), ratio(viaWorker / read)]);
    }
  }
  await renderer.close();

  const warm = { before: [] as Awaited<ReturnType<typeof generate>>[], after: [] as Awaited<ReturnType<typeof generate>>[], read: [] as Awaited<ReturnType<typeof loopDelay>>[] };
  for (let b = 0; b < BLOCKS; b++) {
    progress('reports', `${engine}: event loop, block ${b + 1} of ${BLOCKS}`);
    warm.read.push(await loopDelay(async () => {
      for (let i = 0; i < REPORTS; i++) await readReportData(db, { unit_id: unit.id, kind: i % 2 ? 'monthly' : 'weekly', period: periods[i % 2 ? 'monthly' : 'weekly'] });
    }));
    warm.before.push(await generate(mainThread, REPORTS));
    warm.after.push(await generate(worker, REPORTS));
  }
  await worker.close();

  const worst = (xs: { max: number }[]) => Math.max(...xs.map((x) => x.max));
  const worstP99 = (xs: { p99: number }[]) => Math.max(...xs.map((x) => x.p99));
  const perReport = (xs: { ms: number }[]) => xs.reduce((a, x) => a + x.ms, 0) / (xs.length * REPORTS);
  const delays: (string | number)[][] = [
    ['first report of the process (cold)', ms(cold.before.max), ms(cold.after.max), ratio(cold.after.max / cold.before.max), ms(cold.before.ms), ms(cold.after.ms)],
    [`${BLOCKS} × ${REPORTS} warm reports: max`, ms(worst(warm.before)), ms(worst(warm.after)), ratio(worst(warm.after) / worst(warm.before)), ms(perReport(warm.before)), ms(perReport(warm.after))],
    [`${BLOCKS} × ${REPORTS} warm reports: p99`, ms(worstP99(warm.before)), ms(worstP99(warm.after)), ratio(worstP99(warm.after) / worstP99(warm.before)), '', ''],
    [`floor: only reading the figures of ${REPORTS} reports (max)`, ms(worst(warm.read)), '', '', ms(perReport(warm.read)), ''],
  ];

  await closeDatabase();
  return [
      `### ${engine === 'pglite' ? 'PGlite (in memory, in the process: its queries run on the main thread too)' : 'PostgreSQL'}`,
      '',
      `Demo street of ${HOUSEHOLDS} households with ${CASES.toLocaleString('en-US')} cases over 12 months; the street's reports of ${periods.weekly} and ${periods.monthly} (${sizes.join('; ')}). Medians of ${REPEAT}.`,
      '',
      table(['file', 'read figures (ms)', 'render, main thread (ms)', '÷ read', 'render via worker thread (ms)', '÷ read'], costs, [false, true, true, true, true, true]),
      '',
      'Event-loop delay while the report worker makes reports (claim, read, render PDF and workbook, keep), rendering on the main thread (before) and in the worker thread (after):',
      '',
      table(['while', 'before: delay (ms)', 'after: delay (ms)', 'after ÷ before', 'before: ms per report', 'after: ms per report'], delays, [false, true, true, true, true, true]),
    ].join('\n');
}

async function main(): Promise<void> {
  const engines: DatabaseKind[] = postgresUrl() ? ['pglite', 'postgres'] : ['pglite'];
  const sections: string[] = [];
  for (const engine of engines) sections.push(await runOn(engine));
  if (engines.length === 1) sections.push('(TEST_DATABASE_URL is not set: PostgreSQL skipped.)');
  console.log(sections.join('\n\n'));
}

runMain(main);
