import type { Executor } from '../../platform/db/transaction.js';
import { addDays } from './periods.js';
import { presentCategory } from './present.js';
import { categoryNames, classProblems, type AreaNode } from './repository.js';

export const CLASS_PROBLEM_MIN = 3;
export const CLASS_PROBLEM_DAYS = 30;
export const CLASS_PROBLEM_LIMIT = 50;

export const CLASS_PROBLEM_RULE = {
  zh: `同一地点（楼栋；无楼栋时为网格）同一类别的诉求在统计期内（周调度为截至周日的 ${CLASS_PROBLEM_DAYS} 天，月点评为当月）出现 ${CLASS_PROBLEM_MIN} 次及以上，即为类问题（合并的重复诉求不计），次数多者在前`,
  en: `The same place (the building, or the grid when no building is known) and category ${CLASS_PROBLEM_MIN} or more times in the period (weekly: the ${CLASS_PROBLEM_DAYS} days ending on the Sunday; monthly: the month) is a class problem (merged duplicates do not count); most frequent first`,
} as const;

/**
 * 类问题 of a unit's subtree over the local days `from`..`to` (by default the 30 days ending on
 * `to`), most frequent first, at most `limit`.
 */
export async function findClassProblems(db: Executor, q: { unit: AreaNode; to: string; from?: string; limit?: number }) {
  const from = q.from ?? addDays(q.to, -(CLASS_PROBLEM_DAYS - 1));
  const rows = await classProblems(db, { streetId: q.unit.streetId, path: q.unit.path, from, to: q.to, minCount: CLASS_PROBLEM_MIN, limit: q.limit ?? CLASS_PROBLEM_LIMIT });
  const names = await categoryNames(db, rows.map((r) => r.category_id));
  return {
    rule: CLASS_PROBLEM_RULE,
    from,
    to: q.to,
    items: rows.map((r) => ({
      place: { kind: r.place_kind, id: r.place_id, name: r.place_name },
      category: presentCategory(names, r.category_id),
      count: r.count,
      firstAt: new Date(r.first_at).toISOString(),
      lastAt: new Date(r.last_at).toISOString(),
      publicIds: r.public_ids,
    })),
  };
}
