/**
 * A closed-loop HTTP load client in a process of its own (bench/lib/load-client.ts), so that a
 * benchmark measures the server alone: the client's own CPU (building requests, parsing answers)
 * is not taken from the server's event loop. The parent sends one job at a time over IPC and
 * gets its LoopResult back; see LoadClient.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runClosedLoop, type LoopResult } from './closed-loop.js';
import { JsonClient } from './http-client.js';

/**
 * One block of POSTs. Body i is `template` with `{i}` in its text fields replaced by i; a field
 * given as a list of texts takes the (i mod length)-th.
 */
export interface LoadJob {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Header whose value is `${prefix}${i}` (an Idempotency-Key per operation), if any. */
  keyHeader?: { name: string; prefix: string };
  template: Record<string, unknown>;
  concurrency: number;
  count: number;
  firstIndex: number;
  /** ms from now after which no operation starts. */
  timeLeftMs: number;
  /** The status each answer must have. */
  expect: number;
}

const fill = (template: Record<string, unknown>, i: number) =>
  Object.fromEntries(
    Object.entries(template).map(([k, v]) => {
      const text = Array.isArray(v) ? v[i % v.length] : v;
      return [k, typeof text === 'string' ? text.replaceAll('{i}', String(i)) : text];
    }),
  );

async function runJob(job: LoadJob, clients: Map<string, JsonClient>): Promise<LoopResult> {
  let client = clients.get(job.origin);
  if (!client) clients.set(job.origin, (client = new JsonClient(new URL(job.origin), job.concurrency)));
  const http = client;
  return runClosedLoop({
    concurrency: job.concurrency,
    count: job.count,
    deadline: performance.now() + job.timeLeftMs,
    firstIndex: job.firstIndex,
    op: async (i) => {
      const headers = job.keyHeader ? { ...job.headers, [job.keyHeader.name]: `${job.keyHeader.prefix}${i}` } : job.headers;
      const res = await http.post(job.path, fill(job.template, i), headers);
      if (res.status !== job.expect) throw new Error(`${res.status} ${res.body.slice(0, 200)}`);
    },
  });
}

/** The parent's handle on a client process: run(job) resolves with the job's LoopResult. */
export class LoadClient {
  private readonly child: ChildProcess;
  private pending: ((r: LoopResult) => void) | undefined;

  constructor() {
    this.child = fork(fileURLToPath(import.meta.url), ['--load-client'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (m) => {
      const done = this.pending;
      this.pending = undefined;
      done?.(m as LoopResult);
    });
  }

  run(job: LoadJob): Promise<LoopResult> {
    if (this.pending) throw new Error('one job at a time');
    return new Promise((resolve, reject) => {
      this.pending = resolve;
      this.child.once('exit', (code) => this.pending && reject(new Error(`load client exited with ${code}`)));
      this.child.send(job);
    });
  }

  /** The client process's pid, to read its CPU time. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  close(): void {
    this.child.disconnect();
  }
}

if (process.argv.includes('--load-client')) {
  const clients = new Map<string, JsonClient>();
  process.on('message', (job: LoadJob) => {
    void runJob(job, clients).then((result) => process.send!(result));
  });
  process.on('disconnect', () => {
    for (const c of clients.values()) c.close();
  });
}
