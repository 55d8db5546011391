import { listCases, OPEN_STATUSES } from '../../api/cases';
import { mapLimit } from '../cases/mapLimit';
import type { GridRef } from '../cases/grids';

export interface GridCounts {
  open: number;
  overdue: number;
}

const READ_AT_ONCE = 200;

/**
 * Open and overdue cases per grid. One request reads up to 200 open cases and counts them here;
 * when the scope holds more, each grid is asked for its two totals (page size 1), four grids at a time.
 */
export async function loadGridCounts(grids: readonly GridRef[], signal: AbortSignal): Promise<Map<number, GridCounts>> {
  const counts = new Map<number, GridCounts>(grids.map((g) => [g.id, { open: 0, overdue: 0 }]));
  const first = await listCases({ status: OPEN_STATUSES, page: 1, pageSize: READ_AT_ONCE }, signal);
  if (first.total <= first.items.length) {
    for (const c of first.items) {
      const entry = c.gridId === null ? undefined : counts.get(c.gridId);
      if (!entry) continue;
      entry.open += 1;
      if (c.overdue) entry.overdue += 1;
    }
    return counts;
  }
  await mapLimit(grids, 4, async (grid) => {
    const [open, overdue] = await Promise.all([
      listCases({ status: OPEN_STATUSES, gridId: grid.id, page: 1, pageSize: 1 }, signal),
      listCases({ status: OPEN_STATUSES, gridId: grid.id, overdue: true, page: 1, pageSize: 1 }, signal),
    ]);
    counts.set(grid.id, { open: open.total, overdue: overdue.total });
  });
  return counts;
}

export type Measure = keyof GridCounts;

// Sequential scales from light to dark; the darkest steps pass 3:1 against white.
export const SCALES: Record<Measure, readonly string[]> = {
  open: ['#f5f5f5', '#bae0ff', '#69b1ff', '#1677ff', '#003eb3'],
  overdue: ['#f5f5f5', '#ffccc7', '#ff7875', '#f5222d', '#a8071a'],
};

export interface LegendStep {
  colour: string;
  from: number;
  to: number | null;
}

/** Five classes of a five-colour scale: none, then four equal steps up to the largest count. */
export function colourScale(scale: readonly string[], max: number): { steps: LegendStep[]; colourOf(count: number): string } {
  const zero = scale[0] ?? '#f5f5f5';
  if (max <= 0) return { steps: [{ colour: zero, from: 0, to: 0 }], colourOf: () => zero };
  const size = Math.max(1, Math.ceil(max / 4));
  const steps: LegendStep[] = [{ colour: zero, from: 0, to: 0 }];
  for (let i = 0; i < 4 && i * size + 1 <= max; i++) {
    const from = i * size + 1;
    const to = Math.min(max, (i + 1) * size);
    steps.push({ colour: scale[i + 1] ?? zero, from, to: i === 3 ? null : to });
  }
  return {
    steps,
    colourOf: (count) => (count <= 0 ? zero : (scale[Math.min(4, Math.ceil(count / size))] ?? zero)),
  };
}
