import { BASELINE_DAYS, MIN_COUNT, P_THRESHOLD } from './early-warning.js';
import type { categoryNames, warningsUnder } from './repository.js';

type Names = Awaited<ReturnType<typeof categoryNames>>;

export function presentCategory(names: Names, id: number) {
  const c = names.get(id);
  return { id, code: c?.code ?? '', nameZh: c?.nameZh ?? '', nameEn: c?.nameEn ?? '' };
}

/** A stored warning with the figures that made it fire and the sentence that says so. */
export function presentWarning(w: Awaited<ReturnType<typeof warningsUnder>>[number], names: Names) {
  const category = presentCategory(names, w.category_id);
  const p = w.p_value.toExponential(2);
  return {
    id: w.id,
    day: w.day,
    grid: { id: w.grid_id, name: w.grid_name },
    category,
    count: w.count,
    baseline: w.baseline,
    baselineDays: w.baseline_days,
    pValue: w.p_value,
    threshold: { pValue: P_THRESHOLD, minCount: MIN_COUNT, baselineDays: BASELINE_DAYS },
    rule: w.rule,
    raisedAt: w.created_at.toISOString(),
    why: {
      zh: `${w.grid_name}「${category.nameZh}」${w.day} 收到 ${w.count} 件（≥ ${MIN_COUNT}），前 ${w.baseline_days} 天日均 ${w.baseline.toFixed(2)} 件；按泊松分布出现不少于 ${w.count} 件的概率 p = ${p} < ${P_THRESHOLD}`,
      en: `${w.grid_name} received ${w.count} "${category.nameEn}" cases on ${w.day} (≥ ${MIN_COUNT}) against a mean of ${w.baseline.toFixed(2)} a day over the previous ${w.baseline_days} days; a Poisson count that high or higher has p = ${p} < ${P_THRESHOLD}`,
    },
  };
}
