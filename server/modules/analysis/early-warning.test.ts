import { describe, expect, it } from 'vitest';
import { BASELINE_DAYS, MIN_COUNT, judgeCount, judgeSeries, poissonUpperTail } from './early-warning.js';

/** P(X ≥ k) the long way: 1 − Σ_{i<k} e^−λ λ^i / i!, fine where the tail is not tiny. */
function naiveTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return 1 - below;
}

describe('the Poisson upper tail', () => {
  it('matches known values', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonUpperTail(3, 0.3)).toBeCloseTo(1 - Math.exp(-0.3) * (1 + 0.3 + 0.045), 12);
    expect(poissonUpperTail(5, 0)).toBe(0);
  });

  it('agrees with 1 − CDF across the body and keeps precision far in the tail', () => {
    for (const lambda of [0.05, 0.5, 1, 3.7, 10, 40]) {
      for (let k = 0; k <= 60; k++) {
        const expected = naiveTail(k, lambda);
        if (expected > 1e-6) expect(poissonUpperTail(k, lambda), `k=${k} λ=${lambda}`).toBeCloseTo(expected, 9);
      }
    }
    // P(X ≥ 20 | 1) = e^−1 Σ_{i≥20} 1/i! ≈ e^−1/20! · (1 + 1/21 + …)
    const p = poissonUpperTail(20, 1);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p / (Math.exp(-1) / 2.43290200817664e18) - 1.0500)).toBeLessThan(0.001);
  });

  it('falls as the count rises and rises with the mean', () => {
    for (let k = 1; k < 30; k++) expect(poissonUpperTail(k + 1, 2.5)).toBeLessThan(poissonUpperTail(k, 2.5));
    expect(poissonUpperTail(6, 2)).toBeLessThan(poissonUpperTail(6, 3));
  });

  it('refuses nonsense', () => {
    expect(() => poissonUpperTail(-1, 1)).toThrow(RangeError);
    expect(() => poissonUpperTail(1.5, 1)).toThrow(RangeError);
    expect(() => poissonUpperTail(2, Number.NaN)).toThrow(RangeError);
  });
});

describe('judging a day', () => {
  it('needs the minimum count however unlikely a smaller one is', () => {
    const two = judgeCount({ count: MIN_COUNT - 1, priorTotal: 0 });
    expect(two.pValue).toBeLessThan(0.01);
    expect(two.fired).toBe(false);
    const three = judgeCount({ count: MIN_COUNT, priorTotal: 0 });
    expect(three).toMatchObject({ fired: true, count: 3, baseline: 0, baselineDays: BASELINE_DAYS });
    expect(three.expected).toBeGreaterThan(0);
  });

  it('fires on a count far above a busy baseline, not on an ordinary day', () => {
    const busy = 4 * BASELINE_DAYS; // four a day
    expect(judgeCount({ count: 5, priorTotal: busy }).fired).toBe(false);
    const spike = judgeCount({ count: 13, priorTotal: busy });
    expect(spike.fired).toBe(true);
    expect(spike.baseline).toBe(4);
    expect(spike.pValue).toBeCloseTo(poissonUpperTail(13, 4), 15);
  });

  it('slides a window over a series and judges only days with a full baseline', () => {
    const series = [...Array(BASELINE_DAYS).fill(1), 1, 9, 1];
    const judged = judgeSeries(series);
    expect(judged.map((j) => j.day)).toEqual([BASELINE_DAYS, BASELINE_DAYS + 1, BASELINE_DAYS + 2]);
    expect(judged.map((j) => j.judgement.fired)).toEqual([false, true, false]);
    expect(judged[2]!.judgement.baseline).toBeCloseTo((BASELINE_DAYS - 1 + 9) / BASELINE_DAYS, 12);
  });
});
