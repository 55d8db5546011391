import { buildApp } from './app.js';
import { raiseStreetWarnings } from './modules/analysis/raise-street-warnings.js';
import { startReportLoops } from './modules/analysis/reports/report-loops.js';
import { startLoop } from './platform/notifications/background-loop.js';
import { startRollupFold } from './modules/cases/rollups/fold-rollups.js';
import { startScheduler } from './modules/cases/scheduler/run-scheduler.js';
import { seedDemoCases } from './modules/demo/seed-cases.js';
import { seedDemo } from './modules/demo/seed-demo.js';
import { seedCaseHistory } from './modules/demo/seed-history.js';
import { boot, productionProblems } from './platform/boot.js';
import { loadConfig } from './platform/config.js';
import { startOutbox } from './platform/notifications/outbox-dispatcher.js';
import { createLogger } from './platform/logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const log = createLogger(config);
  const booted = await boot(config, log);
  const { ctx } = booted;

  const empty = !(await ctx.db.selectFrom('org_node').select('id').limit(1).executeTakeFirst());
  if (empty && config.SEED_DEMO && !config.production) {
    log.info({ households: config.SEED_HOUSEHOLDS }, 'empty database: seeding the demo street');
    const summary = await seedDemo({
      db: ctx.db,
      cipher: ctx.cipher,
      households: config.SEED_HOUSEHOLDS,
      onProgress: progressLine('seeding the demo street'),
    });
    const cases = await seedDemoCases({ db: ctx.db, cipher: ctx.cipher });
    // A year of cases behind today's, so every screen and figure has a past to show.
    const history =
      config.SEED_HISTORY_CASES > 0
        ? await seedCaseHistory({ db: ctx.db, cipher: ctx.cipher, cases: config.SEED_HISTORY_CASES, onProgress: progressLine(`seeding a year of cases (${config.SEED_HISTORY_CASES})`) })
        : null;
    log.info({ summary, cases, history: history && { cases: history.cases, byStatus: history.byStatus, durationMs: history.durationMs } }, 'demo street seeded');
  }

  const problems = await productionProblems(booted);
  if (problems.length) {
    for (const p of problems) console.error(`Refusing to start in production: ${p}`);
    await booted.database.close();
    process.exit(1);
  }

  const app = await buildApp(ctx);
  // Background loops (督办 and the outbox) start once the app listens; shutdown stops them first.
  const stopLoops: (() => Promise<void>)[] = [];
  const close = async () => {
    await Promise.all(stopLoops.map((stop) => stop()));
    await app.close();
    await booted.database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.SCHEDULER_ENABLED) stopLoops.push(startScheduler(ctx));
  if (config.OUTBOX_ENABLED) stopLoops.push(startOutbox(ctx));
  if (config.WARNINGS_INTERVAL_MS > 0) {
    stopLoops.push(
      startLoop({ name: 'warnings', intervalMs: config.WARNINGS_INTERVAL_MS, log: ctx.log, tick: async () => (await raiseStreetWarnings(ctx.db, new Date()), false) }),
    );
  }
  if (config.ROLLUP_FOLD_INTERVAL_MS > 0) stopLoops.push(startRollupFold(ctx, config.ROLLUP_FOLD_INTERVAL_MS));
  else ctx.log.warn('ROLLUP_FOLD_INTERVAL_MS=0: this process folds no roll-up changes; another process must (GET /healthz shows the backlog)');
  stopLoops.push(...startReportLoops(ctx));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  console.log(`\nGongzhi (共治) is running on ${ctx.dbKind}: http://${host}:${port}/  (API docs: http://${host}:${port}/api/docs)\n`);
}

/** A line on stderr at every tenth of the way, so a long first start shows it is moving. */
function progressLine(label: string): (done: number, total: number) => void {
  let lastShown = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / Math.max(total, 1));
    if (pct >= lastShown + 10 || done === total) {
      lastShown = pct;
      process.stderr.write(`${label}: ${pct}%\n`);
    }
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
