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

/**
 * Limits for a category at a priority: a rule for (category, priority), else the category's
 * own limits, else a rule for the priority, else the shipped fallback.
 */
export async function resolveLimits(db: Executor, categoryId: number, priority: Priority): Promise<Limits> {
  const [rules, category] = await Promise.all([
    db
      .selectFrom('case_time_limit')
      .select(['category_id', 'response_minutes', 'resolution_minutes'])
      .where('priority', '=', priority)
      .where((eb) => eb.or([eb('category_id', '=', categoryId), eb('category_id', 'is', null)]))
      .execute(),
    db.selectFrom('case_category').select(['response_minutes', 'resolution_minutes']).where('id', '=', categoryId).executeTakeFirst(),
  ]);
  const specific = rules.find((r) => r.category_id === categoryId);
  if (specific) return { responseMinutes: specific.response_minutes, resolutionMinutes: specific.resolution_minutes };
  if (category?.response_minutes && category.resolution_minutes) {
    return { responseMinutes: category.response_minutes, resolutionMinutes: category.resolution_minutes };
  }
  const general = rules.find((r) => r.category_id === null);
  if (general) return { responseMinutes: general.response_minutes, resolutionMinutes: general.resolution_minutes };
  return FALLBACK_LIMITS[priority];
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Local calendar day (Asia/Shanghai, UTC+8 all year) of an instant, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
