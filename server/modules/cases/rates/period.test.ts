import { describe, expect, it } from 'vitest';
import { splitByMonth } from './period.js';

describe('splitByMonth', () => {
  it('reads whole months as months and the rest as days', () => {
    expect(splitByMonth({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ months: ['2025-03-01'], days: [] });
    expect(splitByMonth({ from: '2024-12-01', to: '2025-02-28' })).toEqual({ months: ['2024-12-01', '2025-01-01', '2025-02-01'], days: [] });
    expect(splitByMonth({ from: '2025-02-27', to: '2025-04-02' })).toEqual({
      months: ['2025-03-01'],
      days: [
        { from: '2025-02-27', to: '2025-02-28' },
        { from: '2025-04-01', to: '2025-04-02' },
      ],
    });
    expect(splitByMonth({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ months: ['2024-02-01'], days: [] });
  });

  it('leaves a range without a whole month to the days', () => {
    for (const range of [{ from: '2025-03-01', to: '2025-03-30' }, { from: '2025-03-02', to: '2025-03-31' }, { from: '2025-02-28', to: '2025-03-01' }, { from: '2025-03-05', to: '2025-03-05' }, { from: '2024-02-01', to: '2024-02-28' }]) {
      expect(splitByMonth(range)).toEqual({ months: [], days: [range] });
    }
  });
});
