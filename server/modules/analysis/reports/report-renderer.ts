import { Worker } from 'node:worker_threads';
import type { RenderJob } from './render-report.js';
import type { RenderReply, RenderRequest } from './render-worker.js';

/** Renders report files off the main thread. */
export interface ReportRenderer {
  /** The file's bytes; fails after `timeoutMs` (default the renderer's), stopping the thread. */
  render(job: RenderJob, options?: { timeoutMs?: number }): Promise<Buffer>;
  /** Stops the worker thread; jobs in flight fail. */
  close(): Promise<void>;
}

/** An idle worker thread is stopped after this long, giving back its fonts and heap (~100 MB). */
export const RENDER_WORKER_IDLE_MS = 60_000;

/**
 * A job not answered within this long stops its thread (failing the jobs queued behind it too):
 * a hung render must not hold a report at "generating" for ever. A month's PDF takes well under
 * a second once the thread is warm, and a cold thread 4–5 s.
 */
export const RENDER_TIMEOUT_MS = 120_000;

// The entry beside this file, .ts under tsx and vitest, .js if the server is ever compiled.
const ENTRY = new URL(`./render-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
const BOOT = new URL('./render-worker-boot.mjs', import.meta.url);

/**
 * One worker thread, started on the first job and kept while jobs come (the fonts are read and
 * parsed once per thread, the dearest part of a first PDF), stopped after `idleMs` without work.
 * It holds the process open only while a job is in flight. A thread that dies fails the jobs in
 * flight; the next job starts a new one.
 */
export function createReportRenderer(options: { idleMs?: number; timeoutMs?: number } = {}): ReportRenderer {
  const idleMs = options.idleMs ?? RENDER_WORKER_IDLE_MS;
  const defaultTimeoutMs = options.timeoutMs ?? RENDER_TIMEOUT_MS;
  let thread: Thread | undefined;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | undefined;

  const stop = async () => {
    if (idleTimer) clearTimeout(idleTimer);
    const t = thread;
    thread = undefined;
    await t?.worker.terminate();
  };

  const start = (): Thread => {
    const t: Thread = { worker: new Worker(BOOT, { workerData: { entry: ENTRY }, name: 'report-renderer' }), pending: new Map() };
    // A thread's end fails its own jobs in flight, never those of the thread after it.
    const end = (err: Error) => {
      if (thread === t) thread = undefined;
      for (const p of t.pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      t.pending.clear();
    };
    t.worker.on('message', (reply: RenderReply) => {
      const p = t.pending.get(reply.id);
      if (!p) return;
      t.pending.delete(reply.id);
      clearTimeout(p.timer);
      if ('error' in reply) p.reject(new Error(`report rendering failed: ${reply.error}`));
      else p.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      if (t.pending.size === 0 && thread === t) {
        t.worker.unref();
        idleTimer = setTimeout(() => void stop(), idleMs);
        idleTimer.unref();
      }
    });
    t.worker.on('error', end);
    t.worker.on('exit', (code) => end(new Error(`report render worker stopped (exit ${code})`)));
    return t;
  };

  return {
    render(job, call = {}) {
      if (idleTimer) clearTimeout(idleTimer);
      const t = (thread ??= start());
      t.worker.ref();
      const id = nextId++;
      const timeoutMs = call.timeoutMs ?? defaultTimeoutMs;
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => {
          const p = t.pending.get(id);
          if (!p) return;
          t.pending.delete(id);
          p.reject(new Error(`report rendering timed out after ${timeoutMs} ms`));
          // The thread may be stuck in this job: stop it; the jobs behind it fail, the next starts a new one.
          if (thread === t) thread = undefined;
          void t.worker.terminate();
        }, timeoutMs);
        timer.unref();
        t.pending.set(id, { resolve, reject, timer });
        t.worker.postMessage({ id, job } satisfies RenderRequest);
      });
    },
    close: stop,
  };
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>;
}

let shared: ReportRenderer | undefined;

/** The process's renderer, shared by every report worker round. */
export function sharedReportRenderer(): ReportRenderer {
  shared ??= createReportRenderer();
  return shared;
}

/** Stops the shared renderer's thread (at shutdown). */
export async function closeSharedReportRenderer(): Promise<void> {
  const r = shared;
  shared = undefined;
  await r?.close();
}
