import { describe, expect, it } from 'vitest';
import { ZERO, composite, inNameOrder, nameOrder, rankInNameOrder, rankUnits, threeRates, type Counters } from './formulas.js';

/** Seeded counters: small numbers, so that zero denominators and ties are common. */
function counters(seed: number): Counters {
  let x = seed * 2654435761;
  const next = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0) % n);
  const received = next(6);
  const rated = next(5);
  return { ...ZERO, received, responded_in_time: next(received + 1), rated, rated_resolved: next(rated + 1), rated_satisfied: next(rated + 1) };
}

describe('composite and the ranking rule', () => {
  it('composite is the mean of the rates that have a value', () => {
    for (let i = 0; i < 500; i++) {
      const c = counters(i);
      const r = threeRates(c);
      const values = [r.responseRate.value, r.resolutionRate.value, r.satisfactionRate.value].filter((v): v is number => v !== null);
      expect(composite(c)).toBe(values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
    }
    expect(composite(ZERO)).toBeNull();
  });

  it('ranks by composite, then received, then name; equal units share a rank; units without data come last', () => {
    const names = ['朝阳', '安定', '北新', '东四', '西城', '安定'];
    const units = Array.from({ length: 300 }, (_, i) => ({ id: 300 - i, name: `${names[i % names.length]}${i % 7}`, counters: counters(i) }));
    const ranked = rankUnits(units);
    expect(ranked.map((r) => r.id).sort((a, b) => a - b)).toEqual(units.map((u) => u.id).sort((a, b) => a - b));
    expect(rankInNameOrder(inNameOrder(units))).toEqual(ranked);
    const withData = ranked.filter((r) => r.rank !== null);
    expect(ranked.slice(withData.length).every((r) => r.composite === null && r.rank === null)).toBe(true);
    withData.forEach((r, i) => {
      if (i === 0) return expect(r.rank).toBe(1);
      const prev = withData[i - 1]!;
      expect(r.composite!).toBeLessThanOrEqual(prev.composite! + 1e-9);
      const tied = Math.abs(r.composite! - prev.composite!) < 1e-9 && r.counters.received === prev.counters.received;
      if (tied) expect(r.rank).toBe(prev.rank);
      else expect(r.rank).toBe(i + 1);
      if (Math.abs(r.composite! - prev.composite!) < 1e-9) expect(r.counters.received).toBeLessThanOrEqual(prev.counters.received);
    });
  });

  it('a remembered name order is used only for the same units with the same names', () => {
    const units = [
      { id: 3, name: '西城' },
      { id: 1, name: '朝阳' },
      { id: 2, name: '安定' },
    ];
    const names = (us: { id: number; name: string }[]) => Array.from(nameOrder(us), (i) => us[i]!.name);
    expect(names(units)).toEqual(['安定', '朝阳', '西城']);
    expect(names(units.map((u) => ({ ...u })))).toEqual(['安定', '朝阳', '西城']);
    expect(names(units.map((u) => (u.id === 2 ? { ...u, name: '紫竹' } : u)))).toEqual(['朝阳', '西城', '紫竹']);
    expect(names([...units, { id: 4, name: '北新' }])).toEqual(['安定', '北新', '朝阳', '西城']);
    expect(names(units.slice(1))).toEqual(['安定', '朝阳']);
    expect(names(units)).toEqual(['安定', '朝阳', '西城']);
  });
});
