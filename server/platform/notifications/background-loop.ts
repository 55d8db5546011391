import type { Logger } from 'pino';

export interface LoopOptions {
  name: string;
  intervalMs: number;
  log: Logger;
  /** One round of work; returns true when it stopped at its batch limit, so more may be waiting. */
  tick: () => Promise<boolean>;
}

/**
 * Runs `tick` every `intervalMs`, never two rounds at once, and at once again when a round was
 * full. An error is logged and the loop carries on at the next interval (a database restart must
 * not stop the time-driven work). Returns a stop function that waits for the round in flight.
 */
export function startLoop(options: LoopOptions): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round();
    }, delay);
    timer.unref?.();
  };

  const round = async () => {
    let more = false;
    try {
      more = await options.tick();
    } catch (err) {
      options.log.error({ err, loop: options.name }, 'background loop round failed');
    }
    schedule(more ? 0 : options.intervalMs);
  };

  schedule(0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
