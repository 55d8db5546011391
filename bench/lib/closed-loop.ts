/**
 * A closed-loop load driver: `concurrency` workers each start the next operation as soon as their
 * last one ends, until `count` operations have run or the deadline passes (then no new ones start).
 * Every operation's latency is kept; failures are counted and the first few messages kept.
 */
export interface LoopResult {
  started: number;
  ok: number;
  failed: number;
  elapsedMs: number;
  latenciesMs: number[];
  errors: string[];
  hitDeadline: boolean;
}

export async function runClosedLoop(options: {
  concurrency: number;
  count: number;
  /** Absolute time (performance.now()) after which no operation starts. */
  deadline: number;
  /** Index of the first operation, so blocks of one run number their operations apart. */
  firstIndex?: number;
  op: (index: number) => Promise<void>;
}): Promise<LoopResult> {
  const first = options.firstIndex ?? 0;
  const result: LoopResult = { started: 0, ok: 0, failed: 0, elapsedMs: 0, latenciesMs: [], errors: [], hitDeadline: false };
  const begin = performance.now();
  const worker = async () => {
    while (result.started < options.count) {
      if (performance.now() > options.deadline) {
        result.hitDeadline = true;
        return;
      }
      const index = first + result.started++;
      const t0 = performance.now();
      try {
        await options.op(index);
        result.latenciesMs.push(performance.now() - t0);
        result.ok += 1;
      } catch (err) {
        result.failed += 1;
        if (result.errors.length < 5) result.errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.count)) }, worker));
  result.elapsedMs = performance.now() - begin;
  return result;
}

/** Joins the results of several blocks of the same operation. */
export function mergeLoops(parts: readonly LoopResult[]): LoopResult {
  return {
    started: parts.reduce((a, p) => a + p.started, 0),
    ok: parts.reduce((a, p) => a + p.ok, 0),
    failed: parts.reduce((a, p) => a + p.failed, 0),
    elapsedMs: parts.reduce((a, p) => a + p.elapsedMs, 0),
    latenciesMs: parts.flatMap((p) => p.latenciesMs),
    errors: parts.flatMap((p) => p.errors).slice(0, 5),
    hitDeadline: parts.some((p) => p.hitDeadline),
  };
}
