import { findClassProblems } from '../../server/modules/analysis/find-class-problems.js';
import { addDays, isoWeekRange, periodOf } from '../../server/modules/analysis/periods.js';
import { findAreaNode, openOverdueByGrid, openOverdueCases } from '../../server/modules/analysis/repository.js';
import { readDashboard, trendDays } from '../../server/modules/analysis/read-dashboard.js';
import { localDay } from '../../server/modules/cases/time-limits.js';
import { readDailyAnalysis } from '../../server/modules/analysis/read-daily-analysis.js';
import { readMonthlyAnalysis } from '../../server/modules/analysis/read-monthly-analysis.js';
import { readWeeklyAnalysis, OVERDUE_LIST_LIMIT } from '../../server/modules/analysis/read-weekly-analysis.js';
import { ZERO, type Counters, type Ratio } from '../../server/modules/cases/rates/formulas.js';
import { dayRange, monthRange, previousMonth } from '../../server/modules/cases/rates/period.js';
import { rankUnitsForMonth } from '../../server/modules/cases/rates/rank-units.js';
import { readUnitRates } from '../../server/modules/cases/rates/read-unit-rates.js';
import type { Executor } from '../../server/platform/db/transaction.js';
import type { Actor } from '../../server/platform/permissions/scope.js';
import type { City, CityUnit } from './city-cases.js';
import { assertSameCounters, naiveCounters, naiveReceivedByDayAndCategory } from './city-naive.js';

/**
 * The dashboard queries the app runs, each through the product's use case, beside its naive
 * equivalent: the same view with every roll-up read replaced by a GROUP BY over cases (the parts
 * that read cases in the product, the overdue list and class problems, are the same calls in
 * both). `check` compares the numbers the view shows with the naive ones and throws on the first
 * difference.
 */

export interface Params {
  street: CityUnit;
  streetActor: Actor;
  cityActor: Actor;
  /** A local day with four same weekdays before it inside the year. */
  date: string;
  /** The ISO week holding `date`. */
  week: string;
  /** A whole month whose previous month is inside the year too. */
  month: string;
}

export interface Scenario {
  name: string;
  rows: (city: City) => string;
  product: (db: Executor, p: Params) => Promise<unknown>;
  naive: (db: Executor, p: Params) => Promise<unknown>;
  check: (product: any, naive: any, p: Params) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

type RatesShown = { responseRate: Ratio; resolutionRate: Ratio; satisfactionRate: Ratio; counts: { received: number; rated: number; overdue: number; reopened: number } };

/** The counters a shown set of three rates was computed from. */
function countersOf(r: RatesShown): Counters {
  return {
    received: r.responseRate.denominator,
    responded_in_time: r.responseRate.numerator,
    rated: r.resolutionRate.denominator,
    rated_resolved: r.resolutionRate.numerator,
    rated_satisfied: r.satisfactionRate.numerator,
    overdue: r.counts.overdue,
    reopened: r.counts.reopened,
  };
}

const communitiesOf = (city: City, streetId: number) => city.communities.filter((c) => c.parentId === streetId).map((c) => c.id);
const gridsOf = (city: City, streetId: number) => city.grids.filter((g) => g.streetId === streetId).map((g) => g.id);
const sameWeekdays = (date: string) => [date, ...Array.from({ length: 4 }, (_, i) => addDays(date, -7 * (i + 1)))];

function rankingCheck(what: string) {
  return (product: Awaited<ReturnType<typeof rankUnitsForMonth>>, naive: { now: Map<number, Counters>; then: Map<number, Counters> }) => {
    assertSameCounters(`${what}, this month`, new Map(product.items.map((i) => [i.unit.id, countersOf(i)])), naive.now);
    // The previous month is shown as rates only (no overdue or reopened counts).
    const before = product.items.map((i) => [i.unit.id, countersOf({ ...i.previous, counts: { received: 0, rated: 0, overdue: 0, reopened: 0 } })] as const);
    assertSameCounters(`${what}, previous month`, new Map(before), naive.then, ['received', 'responded_in_time', 'rated', 'rated_resolved', 'rated_satisfied']);
  };
}

export function scenarios(city: City): Scenario[] {
  const allStreets = city.streets.map((s) => s.id);
  const allCommunities = city.communities.map((c) => c.id);
  const monthPair = (db: Executor, kind: 'street' | 'community', ids: number[], month: string) =>
    Promise.all([naiveCounters(db, { kind, unitIds: ids, range: monthRange(month) }), naiveCounters(db, { kind, unitIds: ids, range: monthRange(previousMonth(month)) })]).then(([now, then]) => ({ now, then }));
  return [
    {
      name: '日分析 daily view of a street (readDailyAnalysis)',
      rows: () => 'street × 5 days by category; its communities for the day',
      product: (db, p) => readDailyAnalysis(db, p.streetActor, { date: p.date, unit: { kind: 'street', id: p.street.id } }),
      naive: async (db, p) => ({
        byDay: await naiveReceivedByDayAndCategory(db, { kind: 'street', id: p.street.id }, sameWeekdays(p.date)),
        children: await naiveCounters(db, { kind: 'community', unitIds: communitiesOf(city, p.street.id), range: dayRange(p.date) }),
      }),
      check: (product: Awaited<ReturnType<typeof readDailyAnalysis>>, naive: { byDay: { day: string; category_id: number; received: number }[]; children: Map<number, Counters> }, p) => {
        const total = (day: string) => naive.byDay.filter((r) => r.day === day).reduce((n, r) => n + r.received, 0);
        if (product.volume.received !== total(p.date)) throw new Error(`daily view: received ${product.volume.received} from the roll-ups, ${total(p.date)} from the cases`);
        for (const d of product.volume.sameWeekday) if (d.received !== total(d.date)) throw new Error(`daily view: ${d.date} received ${d.received} vs ${total(d.date)}`);
        for (const h of product.hotCategories) {
          const n = naive.byDay.find((r) => r.day === p.date && r.category_id === h.category.id)?.received ?? 0;
          if (h.received !== n) throw new Error(`daily view: category ${h.category.id} received ${h.received} vs ${n}`);
        }
        const shown = new Map(product.topUnits.items.map((i) => [i.unit.id, countersOf(i)]));
        const naiveTop = new Map([...naive.children].filter(([id]) => shown.has(id)));
        assertSameCounters('daily view, top communities', shown, naiveTop);
      },
    },
    {
      name: '周调度 weekly view of a street (readWeeklyAnalysis)',
      rows: () => 'street, its communities and grids for the week; overdue list; class problems',
      product: (db, p) => readWeeklyAnalysis(db, p.streetActor, { week: p.week, unit: { kind: 'street', id: p.street.id } }),
      naive: async (db, p) => {
        const range = isoWeekRange(p.week);
        const unit = await findAreaNode(db, p.street.id);
        await openOverdueCases(db, { path: unit.path, limit: OVERDUE_LIST_LIMIT });
        await findClassProblems(db, { unit, to: range.to });
        const [street, communities, grids] = await Promise.all([
          naiveCounters(db, { kind: 'street', unitIds: [p.street.id], range }),
          naiveCounters(db, { kind: 'community', unitIds: communitiesOf(city, p.street.id), range }),
          naiveCounters(db, { kind: 'grid', unitIds: gridsOf(city, p.street.id), range }),
        ]);
        return { street, units: new Map([...communities, ...grids]) };
      },
      check: (product: Awaited<ReturnType<typeof readWeeklyAnalysis>>, naive: { street: Map<number, Counters>; units: Map<number, Counters> }, p) => {
        const s = naive.street.get(p.street.id)!;
        const r = product.fallingBehind.street;
        const pairs: [Ratio, number, number][] = [
          [r.responseRate, s.responded_in_time, s.received],
          [r.resolutionRate, s.rated_resolved, s.rated],
          [r.satisfactionRate, s.rated_satisfied, s.rated],
        ];
        for (const [ratio, num, den] of pairs) if (ratio.numerator !== num || ratio.denominator !== den) throw new Error(`weekly view: street rate ${ratio.numerator}/${ratio.denominator} vs ${num}/${den}`);
        for (const item of product.fallingBehind.items) {
          const c = naive.units.get(item.unit.id)!;
          const [num, den] = item.rate === 'responseRate' ? [c.responded_in_time, c.received] : item.rate === 'resolutionRate' ? [c.rated_resolved, c.rated] : [c.rated_satisfied, c.rated];
          if (item.value.numerator !== num || item.value.denominator !== den) throw new Error(`weekly view: ${item.unit.kind} ${item.unit.id} ${item.rate} ${item.value.numerator}/${item.value.denominator} vs ${num}/${den}`);
        }
      },
    },
    {
      name: '月点评 monthly review of a street: its communities ranked (readMonthlyAnalysis)',
      rows: () => 'the street\'s communities × this and last month; class problems',
      product: (db, p) => readMonthlyAnalysis(db, p.streetActor, { month: p.month, unit: { kind: 'street', id: p.street.id }, unitKind: 'community' }),
      naive: async (db, p) => {
        const range = monthRange(p.month);
        await findClassProblems(db, { unit: await findAreaNode(db, p.street.id), from: range.from, to: range.to, limit: 5 });
        return monthPair(db, 'community', communitiesOf(city, p.street.id), p.month);
      },
      check: (product: Awaited<ReturnType<typeof readMonthlyAnalysis>>, naive) => rankingCheck('monthly review')(product.ranking, naive),
    },
    {
      name: '驾驶舱 dashboard of a street for a month (readDashboard)',
      rows: () => "the street, its grids and communities × the month; the trend's days; open overdue by grid; whistles",
      product: (db, p) => readDashboard(db, p.streetActor, { unitId: p.street.id, period: periodOf(p.month)! }),
      // The naive dashboard reads the cases for every roll-up figure; the open-overdue count per
      // grid is the same call in both (it reads the open cases in the product too). The whistle
      // panel is left out of the naive side: the benchmark's city blows no whistles.
      naive: async (db, p) => {
        const period = periodOf(p.month)!;
        const trend = trendDays(period, localDay(new Date()));
        const [street, grids, communities, days] = await Promise.all([
          naiveCounters(db, { kind: 'street', unitIds: [p.street.id], range: period }),
          naiveCounters(db, { kind: 'grid', unitIds: gridsOf(city, p.street.id), range: period }),
          naiveCounters(db, { kind: 'community', unitIds: communitiesOf(city, p.street.id), range: period }),
          naiveCounters(db, { kind: 'street', unitIds: [p.street.id], range: trend }),
          openOverdueByGrid(db, p.street.path),
        ]);
        return { street, grids, communities, trend: days.get(p.street.id)! };
      },
      check: (
        product: Awaited<ReturnType<typeof readDashboard>>,
        naive: { street: Map<number, Counters>; grids: Map<number, Counters>; communities: Map<number, Counters>; trend: Counters },
      ) => {
        assertSameCounters('dashboard, the street', new Map([[product.unit.id, countersOf(product.rates)]]), naive.street);
        for (const g of product.grids.items) {
          const n = naive.grids.get(g.id) ?? ZERO;
          if (g.received !== n.received || g.overdue !== n.overdue) throw new Error(`dashboard: grid ${g.id} received/overdue ${g.received}/${g.overdue} vs ${n.received}/${n.overdue}`);
        }
        if (product.grids.items.length !== naive.grids.size) throw new Error(`dashboard: ${product.grids.items.length} grids vs ${naive.grids.size}`);
        assertSameCounters('dashboard, communities ranked', new Map(product.ranking.items.map((i) => [i.unit.id, countersOf(i)])), naive.communities);
        const sum = (k: 'received' | 'resolved' | 'overdue') => product.trend.items.reduce((n, d) => n + d[k], 0);
        const shown = { received: sum('received'), rated_resolved: sum('resolved'), overdue: sum('overdue') };
        if (shown.received !== naive.trend.received || shown.rated_resolved !== naive.trend.rated_resolved || shown.overdue !== naive.trend.overdue)
          throw new Error(`dashboard: trend totals ${JSON.stringify(shown)} vs received ${naive.trend.received}, resolved ${naive.trend.rated_resolved}, overdue ${naive.trend.overdue}`);
      },
    },
    {
      name: 'three rates of a street for a month (readUnitRates)',
      rows: () => '1 street × 1 month',
      product: (db, p) => readUnitRates(db, p.streetActor, { unitKind: 'street', unitId: p.street.id, period: 'month', date: p.month }),
      naive: (db, p) => naiveCounters(db, { kind: 'street', unitIds: [p.street.id], range: monthRange(p.month) }),
      check: (product: Awaited<ReturnType<typeof readUnitRates>>, naive: Map<number, Counters>) => assertSameCounters('street rates', new Map([[product.unit.id, countersOf(product)]]), naive),
    },
    {
      name: 'the whole city: 343 streets ranked on the three rates for a month (rankUnitsForMonth)',
      rows: (c) => `${c.streets.length} streets × this and last month`,
      product: (db, p) => rankUnitsForMonth(db, p.cityActor, { unitKind: 'street', month: p.month }),
      naive: (db, p) => monthPair(db, 'street', allStreets, p.month),
      check: rankingCheck('343-street ranking'),
    },
    {
      name: 'the whole city: every community ranked for a month (rankUnitsForMonth)',
      rows: (c) => `${c.communities.length.toLocaleString('en-US')} communities × this and last month`,
      product: (db, p) => rankUnitsForMonth(db, p.cityActor, { unitKind: 'community', month: p.month }),
      naive: (db, p) => monthPair(db, 'community', allCommunities, p.month),
      check: rankingCheck('city-wide community ranking'),
    },
  ];
}
