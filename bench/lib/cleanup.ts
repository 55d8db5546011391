/**
 * Scratch databases, data folders and servers a benchmark must not leave behind, even when it is
 * interrupted (Ctrl-C, or bench/run.ts ending a benchmark that ran past its time limit).
 */
const tasks: { label: string; run: () => Promise<void> }[] = [];
let signalsInstalled = false;

/** Registers a clean-up; returns a function that runs it now (once) and forgets it. */
export function onCleanup(label: string, run: () => Promise<void>): () => Promise<void> {
  const task = { label, run };
  tasks.push(task);
  installSignalHandlers();
  return async () => {
    const i = tasks.indexOf(task);
    if (i < 0) return;
    tasks.splice(i, 1);
    await run();
  };
}

/** Runs every registered clean-up, newest first; a failing one is reported and the rest still run. */
export async function cleanupAll(): Promise<void> {
  while (tasks.length) {
    const task = tasks.pop()!;
    try {
      await task.run();
    } catch (err) {
      console.error(`clean-up "${task.label}" failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up before exit`);
      const hardStop = setTimeout(() => process.exit(130), 20_000);
      hardStop.unref();
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** Runs a benchmark's main function, cleans up whatever happens, and sets the exit code. */
export function runMain(main: () => Promise<void>): void {
  main()
    .catch((err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 1;
    })
    .finally(async () => {
      await cleanupAll();
    });
}
