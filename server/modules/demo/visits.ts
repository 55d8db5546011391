import type { VisitMethod } from '../../platform/db/schema.js';
import { VISIT_NOTES } from './catalogue.js';
import type { Random } from './random.js';

/**
 * Home visits (走访) over the last fourteen months. Each grid reaches its own share of households
 * within the last twelve months (most above 90%, a few below); households that need care are
 * visited more often and are almost never missed.
 */

export interface VisitDraft {
  visitedAt: Date;
  method: VisitMethod;
  notes: string;
  followUp: string | null;
  followUpDue: string | null;
  followUpDoneAt: Date | null;
}

const DAY_MS = 86_400_000;
const CARE_TAGS = new Set(['elderly_alone', 'key_care', 'low_income', 'disabled', 'special_needs']);

/** The share of its households a grid visited in the last twelve months. */
export function gridCoverage(rng: Random): number {
  return rng.chance(0.15) ? rng.between(0.84, 0.89) : rng.between(0.92, 0.985);
}

export function draftVisits(rng: Random, now: Date, coverage: number, householdTags: readonly string[]): VisitDraft[] {
  const needsCare = householdTags.some((t) => CARE_TAGS.has(t));
  const visits: VisitDraft[] = [];
  if (rng.chance(needsCare ? Math.max(coverage, 0.97) : coverage)) {
    const count = needsCare ? rng.int(3, 8) : rng.weighted([[1, 55], [2, 30], [3, 15]] as const);
    for (let i = 0; i < count; i++) visits.push(visit(rng, now, rng.between(0.5, 360), needsCare));
    if (rng.chance(0.3)) visits.push(visit(rng, now, rng.between(367, 425), needsCare));
  } else if (rng.chance(0.6)) {
    // Visited last year, not yet this year.
    visits.push(visit(rng, now, rng.between(367, 425), needsCare));
  }
  return visits.sort((a, b) => a.visitedAt.getTime() - b.visitedAt.getTime());
}

function visit(rng: Random, now: Date, daysAgo: number, care: boolean): VisitDraft {
  // Working hours in Beijing (UTC+8): 09:00–18:00 is 01:00–10:00 UTC.
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  const visitedAt = new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(1, 9), rng.int(0, 59)),
  );
  if (visitedAt > now) visitedAt.setTime(now.getTime() - DAY_MS);
  const method = rng.weighted<VisitMethod>([['home', 82], ['phone', 12], ['online', 4], ['other', 2]]);
  if (rng.chance(0.07)) {
    const [notes, followUp] = rng.pick(VISIT_NOTES.followUp);
    const due = new Date(visitedAt.getTime() + 7 * DAY_MS);
    // Both drawn whatever the date, so the PRNG stays in step however `now` moves.
    const doneInTime = rng.chance(0.85);
    const doneAfterDays = rng.int(1, 7);
    const done = due < now && doneInTime ? new Date(visitedAt.getTime() + doneAfterDays * DAY_MS) : null;
    return { visitedAt, method, notes, followUp, followUpDue: due.toISOString().slice(0, 10), followUpDoneAt: done };
  }
  const notes = rng.pick(care && rng.chance(0.7) ? VISIT_NOTES.care : VISIT_NOTES.routine);
  return { visitedAt, method, notes, followUp: null, followUpDue: null, followUpDoneAt: null };
}
