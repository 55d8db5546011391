import { parentPort } from 'node:worker_threads';
import { renderReportFile, type RenderJob } from './render-report.js';

/**
 * The worker thread that renders report files (started by report-renderer.ts): one job at a
 * time per message, answered with the bytes (transferred, not copied) or the error's message.
 */
export type RenderRequest = { id: number; job: RenderJob };
export type RenderReply = { id: number; bytes: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs in a worker thread (report-renderer.ts starts it)');

port.on('message', async ({ id, job }: RenderRequest) => {
  try {
    const bytes = await renderReportFile(job);
    // A Buffer may be a view into Node's shared pool; copy into an ArrayBuffer of its own to transfer it.
    const own = new Uint8Array(bytes);
    port.postMessage({ id, bytes: own } satisfies RenderReply, [own.buffer]);
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RenderReply);
  }
});
