// Starts the report render worker in a worker thread. Node 20 does not pass tsx's module hooks
// on to worker threads (under `tsx server/main.ts` or vitest alike), so for a .ts entry the
// worker registers tsx itself before importing it; a compiled .js entry is imported as it is.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
