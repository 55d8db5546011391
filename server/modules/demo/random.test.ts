import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, Random } from './random.js';

describe('Random', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('spreads a total into parts that add up exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(), (total, parts, jitter, seed) => {
        const out = new Random(seed).spread(total, parts, jitter);
        expect(out).toHaveLength(parts);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        expect(out.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
      }),
    );
  });
});
