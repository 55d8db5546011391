import type { Executor } from '../../../platform/db/transaction.js';
import type { Actor } from '../../../platform/permissions/scope.js';
import { currentMonthToDate, type DayRange } from '../rates/period.js';
import { assertMayRead, summonsVisibility } from './access.js';
import { departmentStatsRows } from './repository.js';

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

export const DEPARTMENT_FORMULAS = {
  checkInRate: { zh: '报到率 = 已报到次数 ÷ 被召集次数', en: 'check-in rate = times checked in ÷ times summoned' },
  onTimeRate: { zh: '按时报到率 = 在报到时限内报到的次数 ÷ 被召集次数', en: 'on-time rate = times checked in by the due time ÷ times summoned' },
  averageRating: { zh: '平均评分 = 评分之和 ÷ 已评分次数（1–5 分）', en: 'average rating = sum of ratings ÷ number of ratings (1–5)' },
};

/**
 * 部门考核: for each department, over the whistles blown in a range of local days (default: this
 * month so far), how often it was summoned, checked in, came on time, and how it was rated.
 * A department handler sees only their own department's line.
 */
export async function assessDepartments(db: Executor, actor: Actor, range: Partial<DayRange>) {
  assertMayRead(actor);
  const fallback = currentMonthToDate();
  const from = range.from ?? (range.to ? `${range.to.slice(0, 7)}-01` : fallback.from);
  const to = range.to ?? fallback.to;
  const rows = await departmentStatsRows(db, summonsVisibility(actor), { from, to });
  return {
    from,
    to,
    formulas: DEPARTMENT_FORMULAS,
    items: rows.map((r) => ({
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      summoned: r.summoned,
      checkedIn: r.checkedIn,
      onTime: r.onTime,
      checkInRate: ratio(r.checkedIn, r.summoned),
      onTimeRate: ratio(r.onTime, r.summoned),
      averageRating: ratio(r.ratingSum, r.rated),
    })),
  };
}
