import type { Kysely } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.js';
import type { PiiCipher } from '../../platform/crypto/pii.js';
import type { DB } from '../../platform/db/schema.js';
import type { CaseStatus, WhistleKind } from '../../platform/db/schema-cases.js';
import { AppError } from '../../platform/errors.js';
import { rebuildCaseRates } from '../cases/rollups/rebuild-case-rates.js';
import { DAY } from './history/calendar.js';
import type { CaseDraft, LifeContext } from './history/life.js';
import { live } from './history/lifecycle.js';
import { planCases } from './history/plan.js';
import { lockHistory, whistleLimits } from './history/repository.js';
import { toSeed } from './history/seeds.js';
import { loadStreet } from './history/street.js';
import { planWhistles } from './history/whistles.js';
import { rowsToWrite, writeHistory, type Written } from './history/write.js';
import { Random } from './random.js';
import { setSetting } from './repository.js';

export const DEFAULT_HISTORY_CASES = 50_000;
export const DEFAULT_HISTORY_SEED = 20_250_101;

export interface SeedHistoryOptions {
  db: Kysely<DB>;
  cipher: PiiCipher;
  /** Cases received over the period (default 50,000). */
  cases?: number;
  /** Length of the period in months, ending at `now` (default 12). */
  months?: number;
  /** PRNG seed: the same seed, street and `now` give the same history. */
  seed?: number;
  now?: Date;
  /** ESCALATE_AFTER_SHARE the scheduler would have used (default 0.25). */
  escalateShare?: number;
  /** Called as rows are written: done and total rows. */
  onProgress?: (done: number, total: number) => void;
}

export interface HistorySummary extends Written {
  seed: number;
  streetId: number;
  byStatus: Partial<Record<CaseStatus, number>>;
  rateRows: number;
  durationMs: number;
  phasesMs: Record<string, number>;
}

/**
 * A year of cases on the seeded demo street (after seedDemo and seedDemoCases): received with
 * the calendar's rhythm and the hotline's mix, each taken to a realistic end by the people whose
 * job each step is, with the timeline, supervision and jobs the workflow would have left; recent
 * ones still open. Also the year's whistles. Written in bulk in one transaction; the three-rate
 * roll-ups are then rebuilt from the cases, so they agree by construction.
 *
 * This is synthetic history, so it writes one audit row for the whole of it ('demo.case_history')
 * and none per case: the audit log records what people did in this system, not invented pasts.
 */
export async function seedCaseHistory(options: SeedHistoryOptions): Promise<HistorySummary> {
  const total = options.cases ?? DEFAULT_HISTORY_CASES;
  const months = options.months ?? 12;
  if (!Number.isInteger(total) || total < 0) throw new AppError('VALIDATION_FAILED', { cases: total }, `cases must be a whole number ≥ 0, got ${total}`);
  if (!(months > 0 && months <= 60)) throw new AppError('VALIDATION_FAILED', { months }, `months must lie in (0, 60], got ${months}`);
  const seed = options.seed ?? DEFAULT_HISTORY_SEED;
  const now = (options.now ?? new Date()).getTime();
  const from = now - Math.round(months * 30.436875 * DAY);
  const started = performance.now();
  const phasesMs: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const t = performance.now();
    phasesMs[name] = Math.round(t - mark);
    mark = t;
  };

  const rng = new Random(seed);
  const street = await loadStreet(options.db, rng);
  const plans = planCases(rng, street, from, now, total);
  const ctx: LifeContext = { rng, now, street, escalateShare: options.escalateShare ?? 0.25 };
  const drafts: CaseDraft[] = [];
  // Recent cases by grid and category: where a duplicate finds the case it repeats.
  const recent = new Map<string, CaseDraft[]>();
  for (const plan of plans) {
    const key = `${plan.building.gridId}:${plan.category.id}`;
    const earlier = recent.get(key) ?? [];
    const candidates = rng.chance(plan.duplicate) ? earlier.filter((d) => plan.at - d.seed.receivedAt < 3 * DAY && !d.state.mergedInto) : [];
    const draft = live(ctx, toSeed(rng, street, plan, await street.handlerOf(plan.category.id, plan.building), candidates.at(-1) ?? null));
    drafts.push(draft);
    recent.set(key, [...earlier.slice(-5), draft]);
  }
  const limits = new Map((await whistleLimits(options.db)).map((l) => [l.kind as WhistleKind, l.checkin_minutes]));
  const whistles = planWhistles(rng, street, from, now, Math.max(total > 0 ? 3 : 0, Math.round(total * 0.003)), limits);
  phase('plan');

  const totalRows = rowsToWrite(drafts, whistles) + 1;
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    options.onProgress?.(Math.min(done, totalRows - 1), totalRows);
  };
  const result = await options.db.transaction().execute(async (tx) => {
    if (await lockHistory(tx)) throw new AppError('CONFLICT', {}, 'The demo case history has already been seeded.');
    const written = await writeHistory(tx, { street, cipher: options.cipher, drafts, whistles, progress });
    phase('write');
    const rates = await rebuildCaseRates(tx, { streetId: street.id });
    phase('rates');
    const byStatus: Partial<Record<CaseStatus, number>> = {};
    for (const d of drafts) byStatus[d.state.status] = (byStatus[d.state.status] ?? 0) + 1;
    const summary = { seed, months, from: new Date(from).toISOString(), to: new Date(now).toISOString(), ...written, byStatus, rateRows: rates.inserted };
    await setSetting(tx, 'demo.case_history', summary);
    await appendAudit(tx, { actor: { id: null, name: 'system' }, action: 'demo.case_history', targetType: 'street', targetId: street.id, summary, streetId: street.id });
    return { ...written, byStatus, rateRows: rates.inserted };
  });
  phase('commit');
  options.onProgress?.(totalRows, totalRows);
  return { ...result, seed, streetId: street.id, durationMs: Math.round(performance.now() - started), phasesMs };
}
