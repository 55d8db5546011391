/**
 * The three rates (三率) and the ranking rule, as pure functions over the summed counters of
 * case_rate_daily. Every figure is shown with its numerator and denominator; a rate with nothing
 * to divide by has no value (null), never 0 or 100%.
 */

export interface Counters {
  received: number;
  responded_in_time: number;
  rated: number;
  rated_resolved: number;
  rated_satisfied: number;
  overdue: number;
  reopened: number;
}

export const ZERO: Counters = { received: 0, responded_in_time: 0, rated: 0, rated_resolved: 0, rated_satisfied: 0, overdue: 0, reopened: 0 };

export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export const RATE_FORMULAS = {
  responseRate: {
    zh: '响应率 = 在响应时限内受理（首次联系居民）的诉求数 ÷ 接收的诉求数。两者都记在诉求接收当日；职能部门、物业按派单当日记为接收。',
    en: 'response rate = cases first answered within the response limit ÷ cases received. Both count on the day the case was received; departments and property companies receive a case on the day it is dispatched to them.',
  },
  resolutionRate: {
    zh: '解决率 = 评价为"已解决"的评价次数 ÷ 评价次数。记在评价当日；不满意重办后再次评价另计一次。',
    en: 'resolution rate = ratings saying "resolved" ÷ ratings. Counted on the day of the rating; a case reopened after a dissatisfied rating counts again when rated again.',
  },
  satisfactionRate: {
    zh: '满意率 = 评价为"满意"或"基本满意"的评价次数 ÷ 评价次数。记在评价当日。',
    en: 'satisfaction rate = ratings of "satisfied" or "basically satisfied" ÷ ratings. Counted on the day of the rating.',
  },
} as const;

export const RANKING_RULE = {
  zh: '综合得分 = 有数据的各率（分母不为 0）的算术平均；按综合得分从高到低排名，得分相同时接收量多者在前，得分与接收量都相同则并列同名次；三率均无数据的单位不参与排名，列在最后。名次变化 = 上月名次 − 本月名次（正数为上升）；各率变化 = 本月值 − 上月值。',
  en: 'composite = mean of those of the three rates that have data (a non-zero denominator); units rank by composite, highest first; on equal composite the unit with more cases received ranks first, and units equal on both share the rank. Units with no data for any rate are not ranked and come last. Rank change = last month\'s rank − this month\'s (positive means up); each rate\'s change = this month\'s value − last month\'s.',
} as const;

export function threeRates(c: Counters) {
  return {
    responseRate: ratio(c.responded_in_time, c.received),
    resolutionRate: ratio(c.rated_resolved, c.rated),
    satisfactionRate: ratio(c.rated_satisfied, c.rated),
    counts: { received: c.received, rated: c.rated, overdue: c.overdue, reopened: c.reopened },
  };
}

/** Mean of the rates that have a value; null when none has. (Ranking a city's ~7,000 units calls it for each: no objects made.) */
export function composite(c: Counters): number | null {
  let sum = 0;
  let n = 0;
  if (c.received !== 0) {
    sum += c.responded_in_time / c.received;
    n += 1;
  }
  if (c.rated !== 0) {
    sum += c.rated_resolved / c.rated;
    sum += c.rated_satisfied / c.rated;
    n += 2;
  }
  return n === 0 ? null : sum / n;
}

export interface RankInput {
  id: number;
  name: string;
  counters: Counters;
}

export interface Ranked extends RankInput {
  rank: number | null;
  composite: number | null;
}

// Composites are means of fractions; compare them at a precision far finer than any real difference.
const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * One collator for every comparison: localeCompare with a locale builds one per call, which made
 * sorting a city's ~7,000 communities take ~200 ms.
 */
const zhCollator = new Intl.Collator('zh-CN');

/**
 * Name orders already worked out, newest first: a ranking asked again over the same units (the
 * same ids and names in the same order) reuses the order instead of collating again, which for a
 * city's ~7,000 communities is ~10 ms of every ranking. Each is checked against the units in
 * full before use, so a renamed, added or removed unit is sorted afresh.
 */
const nameOrders: { ids: number[]; names: string[]; order: Int32Array }[] = [];
const NAME_ORDERS_KEPT = 8;

/**
 * The positions of units (indices into `units`) in the ranking's last tie-break order: by name
 * (zh-CN collation), then id.
 */
export function nameOrder(units: readonly { id: number; name: string }[]): Int32Array {
  const n = units.length;
  const at = nameOrders.findIndex(({ ids, names }) => {
    if (ids.length !== n) return false;
    for (let i = 0; i < n; i++) if (ids[i] !== units[i]!.id || names[i] !== units[i]!.name) return false;
    return true;
  });
  if (at >= 0) {
    const [hit] = nameOrders.splice(at, 1);
    nameOrders.unshift(hit!);
    return hit!.order;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => zhCollator.compare(units[a]!.name, units[b]!.name) || units[a]!.id - units[b]!.id);
  nameOrders.unshift({ ids: units.map((u) => u.id), names: units.map((u) => u.name), order });
  nameOrders.length = Math.min(nameOrders.length, NAME_ORDERS_KEPT);
  return order;
}

/** Units in the ranking's last tie-break order: by name (zh-CN collation), then id. */
export function inNameOrder<T extends { id: number; name: string }>(units: readonly T[]): T[] {
  return Array.from(nameOrder(units), (i) => units[i]!);
}

/** Orders units by the ranking rule and gives each its rank (null for units without data). */
export function rankUnits(units: RankInput[]): Ranked[] {
  return rankInNameOrder(inNameOrder(units));
}

/**
 * A ranking by position: `order` holds the positions of the input (units' counters in name
 * order) in rank order, those without data last in name order; `rank` and `composite` are by
 * position (0 and NaN where a unit has no data). Numbers in typed arrays, no object a unit: a
 * city's two-month community ranking ranks ~14,000 units.
 */
export interface RankOrder {
  order: Int32Array;
  rank: Int32Array;
  composite: Float64Array;
}

/** Ranks units whose counters are given in name order (see nameOrder) by the ranking rule. */
export function rankPositions(byName: readonly Counters[]): RankOrder {
  const n = byName.length;
  const scores = new Float64Array(n);
  const received = new Float64Array(n);
  let ranked = 0;
  for (let i = 0; i < n; i++) {
    const c = composite(byName[i]!);
    scores[i] = c ?? Number.NaN;
    received[i] = byName[i]!.received;
    if (c !== null) ranked += 1;
  }
  const order = new Int32Array(n);
  let withData = 0;
  let without = ranked;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i]!)) order[without++] = i;
    else order[withData++] = i;
  }
  // Ties (a city's ~7,000 communities tie ~40,000 times) fall back on the position in name order.
  order.subarray(0, ranked).sort((a, b) => (same(scores[a]!, scores[b]!) ? received[b]! - received[a]! || a - b : scores[b]! - scores[a]!));
  const rank = new Int32Array(n);
  for (let j = 0; j < ranked; j++) {
    const i = order[j]!;
    const prev = j === 0 ? -1 : order[j - 1]!;
    rank[i] = prev >= 0 && same(scores[prev]!, scores[i]!) && received[prev] === received[i] ? rank[prev]! : j + 1;
  }
  return { order, rank, composite: scores };
}

/** rankUnits of units already inNameOrder. */
export function rankInNameOrder(byName: readonly RankInput[]): Ranked[] {
  const { order, rank, composite: scores } = rankPositions(byName.map((u) => u.counters));
  return Array.from(order, (i) => {
    const u = byName[i]!;
    const ranked = rank[i] !== 0;
    return { id: u.id, name: u.name, counters: u.counters, composite: ranked ? scores[i]! : null, rank: ranked ? rank[i]! : null };
  });
}

export const delta = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before);
