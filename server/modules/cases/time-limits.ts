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
  // One query: the category's own limits, with the rules for its priority (its own and the general one) beside them.
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_time_limit as r', (join) =>
      join.on('r.priority', '=', priority).on((eb) => eb.or([eb('r.category_id', '=', eb.ref('c.id')), eb('r.category_id', 'is', null)])),
    )
    .select(['c.response_minutes as own_response', 'c.resolution_minutes as own_resolution', 'r.category_id', 'r.response_minutes', 'r.resolution_minutes'])
    .where('c.id', '=', categoryId)
    .execute();
  const rules = rows.filter((r) => r.response_minutes !== null && r.resolution_minutes !== null);
  const specific = rules.find((r) => r.category_id === categoryId);
  if (specific) return { responseMinutes: specific.response_minutes!, resolutionMinutes: specific.resolution_minutes! };
  const category = rows[0];
  if (category?.own_response && category.own_resolution) {
    return { responseMinutes: category.own_response, resolutionMinutes: category.own_resolution };
  }
  const general = rules.find((r) => r.category_id === null);
  if (general) return { responseMinutes: general.response_minutes!, resolutionMinutes: general.resolution_minutes! };
  return FALLBACK_LIMITS[priority];
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Local calendar day (Asia/Shanghai, UTC+8 all year) of an instant, as YYYY-MM-DD. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
