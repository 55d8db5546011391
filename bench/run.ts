/**
 * `npm run bench`: runs every benchmark in bench/, each in a process of its own, and prints one
 * markdown report (progress goes to stderr). PostgreSQL parts need TEST_DATABASE_URL.
 *
 *   npm run bench [-- --quick] [-- --only cases-intake[,scheduler-sweep]]
 *
 * --quick runs smaller sizes (a smoke run); --only picks benchmarks by file name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { progress, runScript } from './lib/child.js';
import { flag, postgresUrl } from './lib/cli.js';
import { table } from './lib/markdown.js';

interface Benchmark {
  what: string;
  args(quick: boolean): string[];
  /** The longest a run may take before it is stopped. */
  minutes(quick: boolean): number;
}

/** What each benchmark measures and how to make it small; a file not listed here runs with `--quick` passed on. */
const KNOWN: Record<string, Benchmark> = {
  'cases-intake': {
    what: 'POST /api/cases over HTTP ÷ single-row INSERT, PostgreSQL and PGlite; latency, memory',
    args: (quick) => (quick ? ['--quick'] : []),
    minutes: (quick) => (quick ? 10 : 30),
  },
  'scheduler-sweep': {
    what: 'claim query and supervision sweeps over 1,000,000 open cases ÷ select 1, PK read, commit',
    args: (quick) => (quick ? ['--quick'] : []),
    minutes: (quick) => (quick ? 10 : 40),
  },
  'import-households': {
    what: 'household archive import and export (.xlsx), PGlite and PostgreSQL',
    args: (quick) => (quick ? ['--households', '1000', '--residents', '2500'] : []),
    minutes: (quick) => (quick ? 10 : 30),
  },
  'city-scale': {
    what: 'a year of cases in 343 streets (1,000,000 by COPY): dashboard p95 ÷ naive GROUP BY over cases; roll-up share of a case transition',
    args: (quick) => (quick ? ['--quick'] : []),
    minutes: (quick) => (quick ? 15 : 60),
  },
  reports: {
    what: 'kept reports: PDF and Excel rendering ÷ reading their figures; event-loop delay while reports are made, rendering on the main thread ÷ in a worker thread',
    args: (quick) => (quick ? ['--quick'] : []),
    minutes: (quick) => (quick ? 10 : 20),
  },
  classifier: {
    what: 'category suggester accuracy, and suggestion time ÷ plain jieba segmentation',
    args: () => [],
    minutes: () => 10,
  },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = flag('quick');

function selected(): string[] {
  const all = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const picks: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === '--only' && process.argv[i + 1]) picks.push(...process.argv[i + 1]!.split(','));
  });
  if (picks.length === 0) return all;
  const unknown = picks.filter((p) => !all.includes(p));
  if (unknown.length) throw new Error(`no benchmark named ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  return all.filter((n) => picks.includes(n));
}

function order(name: string): number {
  const i = Object.keys(KNOWN).indexOf(name);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
    return `PostgreSQL ${rows[0]!.v} at ${new URL(url).host}`;
  } catch (err) {
    return `PostgreSQL at ${new URL(url).host} unreachable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const duration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

async function main(): Promise<void> {
  const names = selected();
  const url = postgresUrl();
  const cpus = os.cpus();
  const header = [
    '# Gongzhi benchmarks',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench${quick ? ' -- --quick' : ''}\`. ` +
      `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      `${url ? await postgresVersion(url) : 'no TEST_DATABASE_URL: PostgreSQL parts skipped'}.`,
    'Compare ratios, each against a baseline measured in the same run: absolute numbers move with the load on the machine.',
  ];
  const sections: string[] = [];
  const summary: (string | number)[][] = [];
  let failures = 0;
  for (const name of names) {
    const bench = KNOWN[name] ?? { what: '(not described in bench/run.ts)', args: (q: boolean) => (q ? ['--quick'] : []), minutes: () => 30 };
    progress('bench', `${name} ${bench.args(quick).join(' ')}`.trim());
    const run = await runScript(path.join(here, `${name}.ts`), bench.args(quick), { timeoutMs: bench.minutes(quick) * 60_000, stdout: 'capture' });
    const ok = run.code === 0 && !run.timedOut;
    if (!ok) failures += 1;
    const status = ok ? 'ok' : run.timedOut ? `stopped after ${bench.minutes(quick)} min` : `failed (exit ${run.code ?? run.signal})`;
    summary.push([`[${name}](#${name})`, bench.what, duration(run.ms), status]);
    const command = ['npx tsx', `bench/${name}.ts`, ...bench.args(quick)].join(' ');
    sections.push(`## ${name}\n\n\`${command}\`: ${status}, run time ${duration(run.ms)}.\n\n${run.stdout.trim() || '(no output)'}`);
  }
  console.log([...header, '', table(['benchmark', 'measures', 'run time', 'status'], summary), '', ...sections.flatMap((s) => [s, ''])].join('\n'));
  if (failures) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
