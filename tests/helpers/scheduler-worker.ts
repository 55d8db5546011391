/**
 * A separate app process for the multi-process scheduler test:
 *   npx tsx tests/helpers/scheduler-worker.ts <databaseUrl> <nowIso> <workerId>
 * Connects, prints "ready", waits for "go" on stdin (so both processes start together), runs
 * supervision rounds until one finds no work, then prints its totals as one JSON line.
 */
import readline from 'node:readline';
import pino from 'pino';
import { runSchedulerOnce, type SchedulerCounts } from '../../server/modules/cases/scheduler/run-scheduler.js';
import { loadConfig } from '../../server/platform/config.js';
import { openDatabase, ping } from '../../server/platform/db/database.js';

const [url, nowIso, workerId] = process.argv.slice(2);
if (!url || !nowIso || !workerId) throw new Error('usage: scheduler-worker.ts <databaseUrl> <nowIso> <workerId>');

const database = await openDatabase({ url, poolSize: 2 });
await ping(database.db);
const ctx = { db: database.db, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER_BATCH_SIZE: '25' }), log: pino({ level: 'silent' }) };
const lines = readline.createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.on('line', (l) => l.trim() === 'go' && resolve()));
process.stdout.write('ready\n');
await go;
lines.close();

const totals: Partial<SchedulerCounts> = {};
let rounds = 0;
for (;;) {
  const counts = await runSchedulerOnce(ctx, { now: new Date(nowIso), workerId });
  rounds += 1;
  for (const [k, v] of Object.entries(counts) as [keyof SchedulerCounts, number][]) totals[k] = (totals[k] ?? 0) + v;
  if (counts.total === 0) break;
}
process.stdout.write(`${JSON.stringify({ workerId, rounds, ...totals })}\n`);
await database.close();
