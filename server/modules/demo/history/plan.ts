import type { CaseChannel } from '../../../platform/db/schema-cases.js';
import type { Random } from '../random.js';
import { allocate, DAY, daysBetween, HOUR, localDayOf, localMonth, MINUTE, timeOnDay, type Day } from './calendar.js';
import { categoryWeight, channelFor } from './mix.js';
import type { Building, Category, Street } from './street.js';

/**
 * When, what and where: the cases of the year before they are lived. Background demand follows
 * the calendar and the seasonal mix; on top come spikes (a burst water main, a rainstorm, a cold
 * snap, the first days of heating, a power cut) that fill a grid or the street with the same
 * complaint in hours, and recurring problems at one building (≥ 3 in 30 days) that the analysis
 * module should find as class problems.
 */

export interface CasePlan {
  at: number;
  category: Category;
  building: Building;
  channel: CaseChannel;
  /** Chance that the case repeats an open one of its grid and category (and is merged into it). */
  duplicate: number;
}

/** Categories that come back at the same building when the cause is not fixed. */
const RECURRING = [
  'property.elevator', 'property.sewer_blockage', 'property.roof_leak', 'property.corridor_light', 'property.access_control',
  'environment.garbage_collection', 'noise.neighbour', 'noise.shop', 'urban.bbq_fumes', 'parking.illegal',
  'safety.flying_wire', 'safety.corridor_clutter', 'water.low_pressure', 'heating.insufficient',
];

interface Spike {
  months: number[];
  codes: [string, number][];
  /** 'grid' or 'community' keeps the spike in one place; 'street' spreads it. */
  area: 'grid' | 'community' | 'street';
  hours: number;
  duplicate: number;
  /** First day of month the spike may start on and how many days it may start within. */
  window?: [number, number];
}

const SPIKES: Spike[] = [
  { months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], codes: [['water.outage', 3], ['water.pipe_burst', 1]], area: 'grid', hours: 6, duplicate: 0.35 },
  { months: [7, 8], codes: [['municipal.drainage', 5], ['property.roof_leak', 4], ['power.outage', 1]], area: 'street', hours: 30, duplicate: 0.1 },
  { months: [12, 1], codes: [['heating.insufficient', 1]], area: 'street', hours: 60, duplicate: 0.05 },
  { months: [11], codes: [['heating.insufficient', 4], ['heating.leak', 1]], area: 'street', hours: 96, duplicate: 0.05, window: [15, 5] },
  { months: [6, 7, 8], codes: [['power.outage', 1]], area: 'community', hours: 4, duplicate: 0.3 },
];

export function planCases(rng: Random, street: Street, from: number, to: number, total: number): CasePlan[] {
  const byCode = new Map(street.categories.map((c) => [c.code, c]));
  const days = daysBetween(rng, from, to);
  const households = street.buildings.flatMap((b) => Array<Building>(Math.max(1, b.households.length)).fill(b));
  const someBuilding = () => rng.pick(households);
  const plans: CasePlan[] = [];
  const add = (at: number, category: Category, building: Building, duplicate: number, channel = channelFor(rng, category.code)) =>
    plans.push({ at, category, building, channel, duplicate: channel === 'patrol' ? 0 : duplicate });

  // Recurring problems at one building (about 1 case in 90).
  const hotspotCases = total >= 30 ? Math.round(total * 0.011) : 0;
  while (plans.length < hotspotCases) {
    const span = rng.between(5, 28) * DAY;
    const start = rng.between(from, Math.max(from, to - span));
    const month = localMonth(start);
    const day = Number(localDayOf(start).slice(8));
    const choices = RECURRING.flatMap((code) => (byCode.has(code) && categoryWeight(code, month, day) > 0.5 ? [[byCode.get(code)!, 1] as const] : []));
    if (choices.length === 0) break;
    const category = rng.weighted(choices);
    const building = someBuilding();
    for (let k = rng.int(3, 6); k > 0; k--) add(Math.min(to - MINUTE, start + rng.float() * span), category, building, 0);
  }

  // Spikes: about 4% of the year's cases.
  const spikeCases = Math.round(total * 0.04);
  const perSpike = Math.max(8, Math.round(total / 1200));
  for (let guard = 0, made = 0; made < spikeCases && guard < 200; guard++) {
    const spike = rng.pick(SPIKES);
    const codes = spike.codes.filter(([code]) => byCode.has(code));
    const candidates = days.filter((d) => spike.months.includes(localMonth(d.start)) && d.open === 1 && inWindow(d, spike));
    if (codes.length === 0 || candidates.length === 0) continue;
    const startAt = rng.pick(candidates).start + rng.int(6, 20) * HOUR;
    const anchor = someBuilding();
    const pool = street.buildings.filter((b) => (spike.area === 'grid' ? b.gridId === anchor.gridId : spike.area === 'community' ? b.communityId === anchor.communityId : true));
    const n = Math.min(spikeCases - made, Math.round(perSpike * rng.between(0.6, 1.6)));
    for (let k = 0; k < n; k++) {
      const at = startAt + rng.float() ** 1.5 * spike.hours * HOUR;
      if (at < to) add(at, byCode.get(rng.weighted(codes))!, rng.pick(pool), spike.duplicate, rng.chance(0.7) ? 'hotline' : 'resident_app');
    }
    made += n;
  }

  // Background demand over the calendar.
  const counts = allocate(days, Math.max(0, total - plans.length));
  days.forEach((day, i) => {
    const month = localMonth(day.start);
    const dom = Number(day.day.slice(8));
    const choices = street.categories.map((c) => [c, categoryWeight(c.code, month, dom)] as const);
    for (let k = 0; k < counts[i]!; k++) {
      const category = rng.weighted(choices);
      const channel = channelFor(rng, category.code);
      add(timeOnDay(rng, day, channel, from, to), category, someBuilding(), 0.025, channel);
    }
  });
  return plans.sort((a, b) => a.at - b.at);
}

function inWindow(d: Day, spike: Spike): boolean {
  if (!spike.window) return true;
  const dom = Number(d.day.slice(8));
  return dom >= spike.window[0] && dom < spike.window[0] + spike.window[1];
}
