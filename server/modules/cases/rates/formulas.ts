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
 * Units in the ranking's last tie-break order: by name (zh-CN collation), then id. A ranking of
 * two months sorts once (~3 ms for a city's ~7,000 communities) and hands the order to
 * rankInNameOrder for each.
 */
export function inNameOrder<T extends { id: number; name: string }>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => zhCollator.compare(a.name, b.name) || a.id - b.id);
}

/** Orders units by the ranking rule and gives each its rank (null for units without data). */
export function rankUnits(units: RankInput[]): Ranked[] {
  return rankInNameOrder(inNameOrder(units));
}

// Written out, not spread: spreading each unit took V8 ~2 µs here, 15–25 ms of a city's
// two-month community ranking; written out, ~1 ms.
const rankedOf = (u: RankInput, composite: number | null, rank: number | null): Ranked => ({ id: u.id, name: u.name, counters: u.counters, composite, rank });

/** rankUnits of units already inNameOrder. */
export function rankInNameOrder(byName: readonly RankInput[]): Ranked[] {
  // The ranking's ties (a city's ~7,000 communities tie ~40,000 times) compare the positions in
  // name order, numbers held on each entry, not the names again.
  const scored = byName.map((unit, order) => ({ unit, order, composite: composite(unit.counters) }));
  const withData = scored
    .filter((s) => s.composite !== null)
    .sort((a, b) => (same(a.composite!, b.composite!) ? b.unit.counters.received - a.unit.counters.received || a.order - b.order : b.composite! - a.composite!));
  const ranked: Ranked[] = [];
  withData.forEach((s, i) => {
    const prev = ranked[i - 1];
    const tied = prev && same(prev.composite!, s.composite!) && prev.counters.received === s.unit.counters.received;
    ranked.push(rankedOf(s.unit, s.composite, tied ? prev.rank : i + 1));
  });
  for (const s of scored) if (s.composite === null) ranked.push(rankedOf(s.unit, null, null));
  return ranked;
}

export const delta = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before);
