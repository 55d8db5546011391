import type { Executor } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/permissions/scope.js';
import { sumCounters } from '../cases/rates/repository.js';
import { resolveAreaUnit, type UnitParam } from './access.js';
import { TREND_RULE, compareTerms, countTerms } from './hot-terms.js';
import { addDays, daysBetween } from './periods.js';
import { recentDescriptions } from './repository.js';

/** Texts read per period: the most recent ones, so the cost is bounded whatever the volume. */
export const HOT_WORDS_TEXT_LIMIT = 2000;
export const HOT_WORDS_TERM_LIMIT = 30;

/**
 * 热词 of an area unit over local days `from`..`to`: the terms of the case descriptions with how
 * many texts hold them, against the previous period of equal length. Reads at most
 * HOT_WORDS_TEXT_LIMIT texts per period (the most recent) and says how many it read of how many
 * cases were received (from the roll-up).
 */
export async function readHotWords(db: Executor, actor: Actor, q: { from: string; to: string; unit: UnitParam }) {
  const unit = await resolveAreaUnit(db, actor, q.unit);
  const length = daysBetween(q.from, q.to) + 1;
  const previous = { from: addDays(q.from, -length), to: addDays(q.from, -1) };
  const period = async (range: { from: string; to: string }) => {
    const [texts, sums] = await Promise.all([
      recentDescriptions(db, { streetId: unit.streetId, path: unit.path, ...range, limit: HOT_WORDS_TEXT_LIMIT }),
      sumCounters(db, { kind: unit.kind, unitIds: [unit.id], range, streets: null }),
    ]);
    return { ...range, received: sums.get(unit.id)!.received, read: texts.length, counts: countTerms(texts) };
  };
  const now = await period(q);
  const before = await period(previous);
  const describe = ({ counts: _, ...p }: typeof now) => p;
  return {
    unit: { kind: unit.kind, id: unit.id, name: unit.name },
    current: describe(now),
    previous: describe(before),
    sample: {
      limit: HOT_WORDS_TEXT_LIMIT,
      truncated: now.read < now.received || before.read < before.received,
      note: {
        zh: `每期最多读取最近的 ${HOT_WORDS_TEXT_LIMIT} 条诉求描述（合并的重复诉求不读）；本期读取 ${now.read} 条，接收 ${now.received} 件`,
        en: `At most the ${HOT_WORDS_TEXT_LIMIT} most recent case descriptions are read per period (merged duplicates are skipped); this period ${now.read} read of ${now.received} received`,
      },
    },
    trendRule: TREND_RULE,
    items: now.read === 0 ? [] : compareTerms(now, before, HOT_WORDS_TERM_LIMIT),
  };
}
