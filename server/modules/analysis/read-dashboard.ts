import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { can, inScope, type Actor } from '../../platform/permissions/scope.js';
import { RANKING_RULE, RATE_FORMULAS, ZERO, rankUnits, ratio, threeRates } from '../cases/rates/formulas.js';
import { countersByDay, sumCounters } from '../cases/rates/repository.js';
import { summonsVisibility, whistleVisibility } from '../cases/whistle/access.js';
import { DEPARTMENT_FORMULAS } from '../cases/whistle/assess-departments.js';
import { departmentStatsRows, listWhistles, openWhistlesByKind } from '../cases/whistle/repository.js';
import { childKind, resolveAreaUnit } from './access.js';
import { localDay } from '../cases/time-limits.js';
import { addDays, type Period } from './periods.js';
import { childNodes, findAreaKind, gridsWithBoundaries, openOverdueByGrid, type AreaNode } from './repository.js';

/** A day alone is no trend: the trend of a day shows the week ending on it. */
export const TREND_MIN_DAYS = 7;
export const RECENT_WHISTLES = 8;
const WHISTLE_KINDS = ['routine', 'tough', 'emergency'] as const;

export const DASHBOARD_RULES = {
  grids: {
    zh: '接收量、超期数为所选期间内各网格的累计（超期数记在时限到期当日）；当前超期未办结为此刻仍未办结且已超期的诉求数。',
    en: 'Received and overdue are each grid’s totals over the period (a case counts as overdue on the day its limit passed); open overdue now counts the cases still open past their limit at this moment.',
  },
  trend: {
    zh: '每日接收量、评价为"已解决"的次数（记在评价当日）与到期超期数；显示所选期间截至今日的各天，不足 7 天时向前补足 7 天。',
    en: 'Per day: cases received, ratings saying "resolved" (on the day of the rating) and limits that passed (overdue); the days of the period up to today, and at least the 7 days ending on the last of them.',
  },
  whistles: {
    zh: '在办哨为此刻未结束的吹哨；报到时效统计所选期间内吹响的哨。',
    en: 'Open whistles are those not yet ended at this moment; check-in timeliness counts the whistles blown in the period.',
  },
} as const;

/** The trend's days: the period's up to today, and at least the TREND_MIN_DAYS ending on the last of them. */
export function trendDays(range: { from: string; to: string }, today: string) {
  const to = range.from <= today && today < range.to ? today : range.to;
  const earliest = addDays(to, 1 - TREND_MIN_DAYS);
  return { from: earliest < range.from ? earliest : range.from, to };
}

const underPath = (column: string, unit: AreaNode) => inScope(column, { paths: [unit.path] });
const both = (a: ReturnType<typeof inScope>, b: ReturnType<typeof inScope>) => sql<SqlBool>`(${a} and ${b})`;

/**
 * 驾驶舱 of a street, community or grid for a day, ISO week or month: its grids with their volume
 * and overdue counts (for the map), the daily trend, its three rates, the units one level down
 * ranked, and the whistles. Every count comes from the roll-ups (case_rate_daily), the open
 * overdue index or the whistle tables; no query reads all cases.
 */
export async function readDashboard(db: Executor, actor: Actor, q: { unitId: number; period: Period; now?: Date }) {
  if (!can(actor, 'rates.read')) throw new AppError('FORBIDDEN', { permission: 'rates.read' });
  const now = q.now ?? new Date();
  const kind = await findAreaKind(db, q.unitId);
  if (!kind) throw new AppError('RATE_UNIT_NOT_FOUND', { unitId: q.unitId });
  const unit = await resolveAreaUnit(db, actor, { kind, id: q.unitId });
  const range = { from: q.period.from, to: q.period.to };
  const trendRange = trendDays(range, localDay(now));

  const below = childKind(unit.kind);
  const [grids, children, openOverdue, unitSums, days] = await Promise.all([
    gridsWithBoundaries(db, unit.path),
    below ? childNodes(db, unit.id, below) : Promise.resolve([]),
    openOverdueByGrid(db, unit.path),
    sumCounters(db, { kind: unit.kind, unitIds: [unit.id], range, streets: null }),
    countersByDay(db, { kind: unit.kind, unitId: unit.id, range: trendRange }),
  ]);
  const [gridSums, childSums] = await Promise.all([
    sumCounters(db, { kind: 'grid', unitIds: grids.map((g) => g.id), range, streets: null }),
    below ? sumCounters(db, { kind: below, unitIds: children.map((c) => c.id), range, streets: null }) : Promise.resolve(new Map()),
  ]);
  const rates = threeRates(unitSums.get(unit.id) ?? ZERO);

  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    period: q.period,
    asOf: now.toISOString(),
    grids: {
      rule: DASHBOARD_RULES.grids,
      items: grids.map((g) => {
        const c = gridSums.get(g.id) ?? ZERO;
        return {
          id: g.id,
          name: g.name,
          community: g.community_id === null ? null : { id: g.community_id, name: g.community_name ?? '' },
          boundary: g.boundary,
          received: c.received,
          overdue: c.overdue,
          openOverdue: openOverdue.get(g.id) ?? 0,
        };
      }),
    },
    trend: {
      ...trendRange,
      rule: DASHBOARD_RULES.trend,
      items: days.map((d) => ({ day: d.day, received: d.counters.received, resolved: d.counters.rated_resolved, overdue: d.counters.overdue })),
    },
    rates: { responseRate: rates.responseRate, resolutionRate: rates.resolutionRate, satisfactionRate: rates.satisfactionRate, counts: rates.counts, formulas: RATE_FORMULAS },
    ranking: {
      unitKind: below,
      rule: RANKING_RULE,
      items: rankUnits(children.map((c) => ({ id: c.id, name: c.name, counters: childSums.get(c.id) ?? ZERO }))).map((r) => {
        const { responseRate, resolutionRate, satisfactionRate, counts } = threeRates(r.counters);
        return { rank: r.rank, unit: { kind: below!, id: r.id, name: r.name }, composite: r.composite, responseRate, resolutionRate, satisfactionRate, counts };
      }),
    },
    whistles: can(actor, 'whistle.read') ? await readWhistles(db, actor, unit, range, now) : null,
  };
}

/** The whistles of the unit's subtree that the reader may see: open ones by kind, check-in timeliness, the board. */
async function readWhistles(db: Executor, actor: Actor, unit: AreaNode, range: { from: string; to: string }, now: Date) {
  const visible = both(whistleVisibility(actor), underPath('w.org_path', unit));
  const [open, departments, board] = await Promise.all([
    openWhistlesByKind(db, visible, now),
    departmentStatsRows(db, both(summonsVisibility(actor), underPath('w.org_path', unit)), range),
    listWhistles(db, visible, { page: 1, pageSize: RECENT_WHISTLES }),
  ]);
  const total = (key: 'summoned' | 'checkedIn' | 'onTime') => departments.reduce((n, d) => n + d[key], 0);
  return {
    rule: DASHBOARD_RULES.whistles,
    open: WHISTLE_KINDS.map((kind) => {
      const row = open.find((r) => r.kind === kind);
      return { kind, open: row?.open ?? 0, summoned: row?.summoned ?? 0, checkedIn: row?.checkedIn ?? 0, lateNotCheckedIn: row?.lateNotCheckedIn ?? 0 };
    }),
    checkIn: {
      summoned: total('summoned'),
      checkedIn: total('checkedIn'),
      onTime: total('onTime'),
      checkInRate: ratio(total('checkedIn'), total('summoned')),
      onTimeRate: ratio(total('onTime'), total('summoned')),
      formulas: { checkInRate: DEPARTMENT_FORMULAS.checkInRate, onTimeRate: DEPARTMENT_FORMULAS.onTimeRate },
    },
    recent: { total: board.total, items: board.items },
  };
}
