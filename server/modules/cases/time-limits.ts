import { anyId } from '../../platform/db/any.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { Priority } from '../../platform/db/schema-cases.js';

export interface Limits {
  responseMinutes: number;
  resolutionMinutes: number;
}

/** Shipped defaults per priority when neither the category nor a rule says otherwise. */
export const FALLBACK_LIMITS: Record<Priority, Limits> = {
  emergency: { responseMinutes: 30, resolutionMinutes: 120 },
  high: { responseMinutes: 120, resolutionMinutes: 24 * 60 },
  normal: { responseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
  low: { responseMinutes: 24 * 60, resolutionMinutes: 15 * 24 * 60 },
};

/** A category as intake needs it, with the time-limit rules that may apply to it. */
export interface CategoryLimits {
  category: { id: number; code: string; name_zh: string; name_en: string; priority: Priority; active: boolean; response_minutes: number | null; resolution_minutes: number | null };
  /**
   * Limits at a priority: a rule for (category, priority), else the category's own limits, else
   * a rule for the priority, else the shipped fallback.
   */
  limitsFor(priority: Priority): Limits;
}

/** The category and every rule for it or for all categories, in one query; undefined when there is no such category. */
export async function loadCategoryLimits(db: Executor, categoryId: number): Promise<CategoryLimits | undefined> {
  return (await loadCategoriesLimits(db, [categoryId])).get(categoryId);
}

/** loadCategoryLimits for several categories in one query, by id; a missing id has no entry. */
export async function loadCategoriesLimits(db: Executor, categoryIds: readonly number[]): Promise<Map<number, CategoryLimits>> {
  const ids = [...new Set(categoryIds)];
  const found = new Map<number, CategoryLimits>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_time_limit as r', (join) => join.on((eb) => eb.or([eb('r.category_id', '=', eb.ref('c.id')), eb('r.category_id', 'is', null)])))
    .select(['c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.priority', 'c.active', 'c.response_minutes as own_response', 'c.resolution_minutes as own_resolution'])
    .select(['r.category_id', 'r.priority as rule_priority', 'r.response_minutes', 'r.resolution_minutes'])
    .where('c.id', '=', anyId(ids))
    .execute();
  for (const id of ids) {
    const own = rows.filter((r) => r.id === id);
    const c = own[0];
    if (!c) continue;
    const category = { id: c.id, code: c.code, name_zh: c.name_zh, name_en: c.name_en, priority: c.priority, active: c.active, response_minutes: c.own_response, resolution_minutes: c.own_resolution };
    found.set(id, {
      category,
      limitsFor(priority) {
        const rules = own.filter((r) => r.rule_priority === priority && r.response_minutes !== null && r.resolution_minutes !== null);
        const rule = (forCategory: number | null) => rules.find((r) => r.category_id === forCategory);
        const specific = rule(id);
        if (specific) return { responseMinutes: specific.response_minutes!, resolutionMinutes: specific.resolution_minutes! };
        if (category.response_minutes && category.resolution_minutes) {
          return { responseMinutes: category.response_minutes, resolutionMinutes: category.resolution_minutes };
        }
        const general = rule(null);
        if (general) return { responseMinutes: general.response_minutes!, resolutionMinutes: general.resolution_minutes! };
        return FALLBACK_LIMITS[priority];
      },
    });
  }
  return found;
}

/** Limits for a category at a priority (see CategoryLimits.limitsFor). */
export async function resolveLimits(db: Executor, categoryId: number, priority: Priority): Promise<Limits> {
  return (await loadCategoryLimits(db, categoryId))?.limitsFor(priority) ?? FALLBACK_LIMITS[priority];
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Local calendar day (Asia/Shanghai, UTC+8 all year) of an instant, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
