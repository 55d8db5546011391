import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildResult<M> {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  messages: M[];
  ms: number;
  timedOut: boolean;
}

const running = new Set<ChildProcess>();
let forwarding = false;

/** A parent that is stopped stops its benchmarks too, so they can drop their scratch databases. */
function forwardSignals(): void {
  if (forwarding) return;
  forwarding = true;
  process.once('SIGTERM', () => {
    for (const child of running) child.kill('SIGTERM');
    setTimeout(() => process.exit(143), 25_000).unref();
  });
}

/**
 * Runs a TypeScript benchmark in its own Node process (through tsx), so each measures a process of
 * its own (memory, JIT, event loop). stderr passes through (progress lines); stdout is captured or
 * thrown away; `ipc` opens a channel for structured results. Past `timeoutMs` the child is asked
 * to stop (SIGTERM, so it cleans up) and killed 30 s later. With BENCH_CPU_PROF=dir set, each child
 * writes a V8 CPU profile (.cpuprofile, for Chrome DevTools) into dir when it exits.
 */
export function runScript<M = unknown>(
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; stdout: 'capture' | 'discard'; ipc?: boolean; env?: NodeJS.ProcessEnv },
): Promise<ChildResult<M>> {
  forwardSignals();
  const started = performance.now();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', file, ...args], {
    stdio: ['ignore', options.stdout === 'capture' ? 'pipe' : 'ignore', 'inherit', ...(options.ipc ? (['ipc'] as const) : [])],
    env: options.env ?? process.env,
  });
  running.add(child);
  const out: Buffer[] = [];
  const messages: M[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.on('message', (m) => messages.push(m as M));
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (kill) clearTimeout(kill);
      running.delete(child);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), messages, ms: performance.now() - started, timedOut });
    });
  });
}

/** Progress for the person watching, on stderr, so stdout stays the report. */
export function progress(scope: string, message: string): void {
  process.stderr.write(`[${scope}] ${message}\n`);
}
