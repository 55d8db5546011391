import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { RATE_FORMULAS } from '../cases/rates/formulas.js';
import { TOP_RULE, topByVolume } from '../cases/rates/list-top-units.js';
import { dayRange } from '../cases/rates/period.js';
import { sumCounters } from '../cases/rates/repository.js';
import { childKind, resolveAreaUnit, type UnitParam } from './access.js';
import { WARNING_RULE } from './early-warning.js';
import { addDays } from './periods.js';
import { presentCategory, presentWarning } from './present.js';
import { raiseWarnings } from './raise-warnings.js';
import { categoryNames, childNodes, receivedByDayAndCategory, warningsUnder } from './repository.js';

export const SAME_WEEKDAYS = 4;
export const HOT_CATEGORY_LIMIT = 10;
const WARNING_LIMIT = 200;

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * 日分析 of an area unit for one local day: its volume against the same weekday of the previous
 * four weeks, the hot categories, the busiest units one level down (top 10), and that day's early
 * warnings (raised now if nobody has asked yet). Reads the roll-ups only.
 */
export async function readDailyAnalysis(db: Executor, actor: Actor, q: { date: string; unit: UnitParam }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  const weeksBack = Array.from({ length: SAME_WEEKDAYS }, (_, i) => addDays(q.date, -7 * (i + 1)));
  const rows = await receivedByDayAndCategory(db, unit, [q.date, ...weeksBack]);
  const total = (day: string) => rows.filter((r) => r.day === day).reduce((n, r) => n + r.received, 0);
  const sameWeekday = weeksBack.map((day) => ({ date: day, received: total(day) }));
  const baseline = mean(sameWeekday.map((d) => d.received));
  const today = total(q.date);

  const names = await categoryNames(db, rows.map((r) => r.category_id));
  const hotCategories = rows
    .filter((r) => r.day === q.date)
    .map((r) => {
      const before = weeksBack.map((day) => rows.find((x) => x.day === day && x.category_id === r.category_id)?.received ?? 0);
      const m = mean(before);
      return { category: presentCategory(names, r.category_id), received: r.received, sameWeekday: before, sameWeekdayMean: m, change: r.received - m, changeRatio: m === 0 ? null : (r.received - m) / m };
    })
    .sort((a, b) => b.received - a.received || b.change - a.change || a.category.id - b.category.id)
    .slice(0, HOT_CATEGORY_LIMIT);

  const below = childKind(unit.kind);
  const children = below ? (await childNodes(db, unit.id, below)).map((c) => ({ kind: below, id: c.id, name: c.name })) : [];
  const sums = await sumCounters(db, { kind: below ?? unit.kind, unitIds: children.map((c) => c.id), range: dayRange(q.date), streets: null });

  await raiseWarnings(db, { unit, day: q.date });
  const stored = await warningsUnder(db, { path: unit.path, from: q.date, to: q.date, limit: WARNING_LIMIT });
  const warningNames = await categoryNames(db, stored.map((w) => w.category_id));

  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    date: q.date,
    volume: {
      received: today,
      sameWeekday,
      sameWeekdayMean: baseline,
      change: today - baseline,
      changeRatio: baseline === 0 ? null : (today - baseline) / baseline,
    },
    hotCategories,
    topUnits: { unitKind: below, rule: TOP_RULE, formulas: RATE_FORMULAS, items: topByVolume(children, sums) },
    warnings: { rule: WARNING_RULE, items: stored.map((w) => presentWarning(w, warningNames)) },
  };
}
