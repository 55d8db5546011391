/**
 * 动态预警: when is one grid's count of one category on one day "too many"? Pure statistics, no
 * database. The rule: under the baseline the day's count is Poisson with mean λ, the mean daily
 * count of the previous BASELINE_DAYS days; it fires when the count is at least MIN_COUNT and the
 * chance of a count that high or higher, P(X ≥ count | λ), is below P_THRESHOLD. A series with no
 * history gets λ = FLOOR_EVENTS / BASELINE_DAYS (half an event in the window), so three cases of
 * something never seen before fire, while one or two never do.
 */

export const BASELINE_DAYS = 28;
export const MIN_COUNT = 3;
export const P_THRESHOLD = 0.01;
const FLOOR_EVENTS = 0.5;

export const WARNING_RULE = {
  zh: `当日某网格某类诉求数 ≥ ${MIN_COUNT}，且按前 ${BASELINE_DAYS} 天日均数为均值的泊松分布，出现不少于该数的概率 p < ${P_THRESHOLD} 时预警（无历史的类别按 ${BASELINE_DAYS} 天内 ${FLOOR_EVENTS} 件计均值）`,
  en: `Fires when a grid's count of a category on a day is at least ${MIN_COUNT} and, under a Poisson law whose mean is the daily mean of the previous ${BASELINE_DAYS} days, a count that high or higher has probability p < ${P_THRESHOLD} (a category with no history counts as ${FLOOR_EVENTS} events in ${BASELINE_DAYS} days)`,
} as const;

/** ln(k!) by summation: counts here are small (a grid's cases of one category in a day). */
function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** P(X ≥ k) for X ~ Poisson(λ), accurate in the far tail (no 1 − CDF cancellation there). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, got ${k}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`λ must be finite and ≥ 0, got ${lambda}`);
  if (k === 0) return 1;
  if (lambda === 0) return 0;
  if (k <= lambda) {
    // The body of the distribution: 1 − P(X < k), the lower sum being short and well away from 1.
    let term = Math.exp(-lambda);
    let below = term;
    for (let i = 1; i < k; i++) {
      term *= lambda / i;
      below += term;
    }
    return Math.min(1, Math.max(0, 1 - below));
  }
  // The tail: sum the terms from k up; they shrink at least geometrically once i > λ.
  let term = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
  let sum = 0;
  for (let i = k; term > sum * 1e-17 && i < k + 10_000; i++) {
    sum += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, sum);
}

export interface Judgement {
  fired: boolean;
  count: number;
  /** Mean daily count over the baseline window. */
  baseline: number;
  baselineDays: number;
  /** The Poisson mean the count was judged against (the baseline, or the floor without history). */
  expected: number;
  pValue: number;
}

/** Judges a day's count against the total of the `baselineDays` days before it. */
export function judgeCount(input: { count: number; priorTotal: number; baselineDays?: number }): Judgement {
  const baselineDays = input.baselineDays ?? BASELINE_DAYS;
  const baseline = input.priorTotal / baselineDays;
  const expected = Math.max(baseline, FLOOR_EVENTS / baselineDays);
  const pValue = poissonUpperTail(input.count, expected);
  return { fired: input.count >= MIN_COUNT && pValue < P_THRESHOLD, count: input.count, baseline, baselineDays, expected, pValue };
}

/** Judges every day of a daily series that has a full baseline window before it. */
export function judgeSeries(counts: readonly number[], baselineDays = BASELINE_DAYS): { day: number; judgement: Judgement }[] {
  const out: { day: number; judgement: Judgement }[] = [];
  let window = counts.slice(0, baselineDays).reduce((a, b) => a + b, 0);
  for (let day = baselineDays; day < counts.length; day++) {
    out.push({ day, judgement: judgeCount({ count: counts[day]!, priorTotal: window, baselineDays }) });
    window += counts[day]! - counts[day - baselineDays]!;
  }
  return out;
}
