import { describe, expect, it } from 'vitest';
import { compareTerms, countTerms, termsOf } from './hot-terms.js';

describe('hot terms', () => {
  it('keeps the words a complaint is about and drops stop words and boilerplate', () => {
    const terms = termsOf('您好，我们小区的电梯又坏了，希望尽快处理电梯问题');
    expect(terms).toContain('电梯');
    for (const stop of ['您好', '我们', '小区', '希望', '尽快', '处理', '问题', '的']) expect(terms).not.toContain(stop);
    expect(terms.filter((t) => t === '电梯')).toHaveLength(1);
  });

  it('counts a term once per text', () => {
    const counts = countTerms(['电梯 电梯 电梯坏了', '噪音扰民', '电梯停运']);
    expect(counts.get('电梯')).toBe(2);
    expect(counts.get('噪音')).toBe(1);
  });

  it('compares shares with the previous period', () => {
    const now = { counts: new Map([['电梯', 10], ['噪音', 4], ['停车', 2]]), read: 20 };
    const before = { counts: new Map([['电梯', 2], ['噪音', 8], ['停车', 2]]), read: 20 };
    const items = compareTerms(now, { ...before, counts: new Map([...before.counts, ['漏水', 5]]) }, 10);
    expect(items.map((i) => [i.term, i.trend])).toEqual([['电梯', 'rising'], ['噪音', 'falling'], ['停车', 'steady']]);
    expect(items[0]).toMatchObject({ count: 10, share: 0.5, previousCount: 2, previousShare: 0.1, change: 8 });
    expect(compareTerms({ counts: new Map([['漏水', 1]]), read: 1 }, { counts: new Map(), read: 0 }, 10)[0]!.trend).toBe('new');
    expect(compareTerms(now, before, 1)).toHaveLength(1);
  });
});
