import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { notifyUsers } from '../../platform/notifications/notify.js';
import { BASELINE_DAYS, MIN_COUNT, P_THRESHOLD, judgeCount } from './early-warning.js';
import { categoryNames, gridCategoryCounts, gridsUnder, insertWarnings, subscriberIds, type AreaNode } from './repository.js';

/** The rule a stored warning was raised by, so a later change of rule does not rewrite history. */
export const RULE_ID = `poisson:p<${P_THRESHOLD}:min${MIN_COUNT}:baseline${BASELINE_DAYS}d`;

/**
 * 动态预警: judges every grid × category count of a local day in the unit's subtree against its
 * baseline (early-warning.ts) and stores what fires, once per grid, category and day whoever asks
 * first; each newly stored warning notifies the staff subscribed to a unit above (or at) the grid,
 * for that category or all, in the same transaction. Returns how many were new.
 */
export async function raiseWarnings(db: Executor, options: { unit: AreaNode; day: string }): Promise<number> {
  return inTransaction(db, async (tx) => {
    const grids = await gridsUnder(tx, options.unit.path);
    const counts = await gridCategoryCounts(tx, { gridIds: grids.map((g) => g.id), day: options.day, baselineDays: BASELINE_DAYS, minCount: MIN_COUNT });
    const byId = new Map(grids.map((g) => [g.id, g]));
    const fired = counts
      .map((c) => ({ c, grid: byId.get(c.grid_id)!, j: judgeCount({ count: c.count, priorTotal: c.prior_total, baselineDays: BASELINE_DAYS }) }))
      .filter((x) => x.j.fired);
    const stored = await insertWarnings(
      tx,
      fired.map(({ c, grid, j }) => ({
        street_id: grid.street_id ?? options.unit.streetId,
        grid_id: grid.id,
        grid_path: grid.path,
        category_id: c.category_id,
        day: options.day,
        count: j.count,
        baseline: j.baseline,
        baseline_days: j.baselineDays,
        p_value: j.pValue,
        rule: RULE_ID,
      })),
    );
    const names = await categoryNames(tx, stored.map((w) => w.category_id));
    for (const w of stored) {
      const category = names.get(w.category_id)?.nameZh ?? String(w.category_id);
      await notifyUsers(tx, await subscriberIds(tx, { gridPath: w.grid_path, categoryId: w.category_id }), {
        kind: 'analysis.warning',
        title: `预警：${byId.get(w.grid_id)!.name}「${category}」${w.day} 已有 ${w.count} 件`,
        body: `前 ${BASELINE_DAYS} 天日均 ${w.baseline.toFixed(2)} 件；按泊松分布，出现不少于 ${w.count} 件的概率 p = ${w.p_value.toExponential(2)} < ${P_THRESHOLD}`,
      });
    }
    return stored.length;
  });
}
