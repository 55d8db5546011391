import type { CaseStatus, Satisfaction } from '../../../platform/db/schema-cases.js';
import type { HandlerUnit } from '../../cases/handler-resolution.js';
import { OPEN_STATUSES } from '../../cases/state-machine.js';
import { callingHours, HOUR, MINUTE, officeHours } from './calendar.js';
import { handlerPerson, Life, manager, type CaseDraft, type CaseSeed, type LifeContext } from './life.js';
import { FIX_NOTES, isFixable, NO_HANDLER_REASON, REOPEN_REASONS, REPLIES, RETURN_REASONS, UNRESOLVED_REASONS, WITHDRAW_REASONS } from './mix.js';

/**
 * The story of one case from intake to its end, with the odds of a real street: most answered in
 * time and rated satisfied; some late (reminded, overdue, escalated), returned and sent elsewhere,
 * reopened after a dissatisfied rating, merged as duplicates, withdrawn, fixed on the spot, or
 * honestly closed unresolved — and none of it after `now`.
 */
export function live(ctx: LifeContext, seed: CaseSeed): CaseDraft {
  const life = new Life(ctx, seed);
  story(life);
  return life.finish();
}

const urgent = (seed: CaseSeed) => seed.priority === 'emergency' || seed.priority === 'high';

function story(life: Life): void {
  const { rng } = life;
  const { seed } = life;
  const { street } = life.ctx;
  const t0 = seed.receivedAt;
  const staff = () => manager(rng, street, seed.building);
  const work = (at: number) => (urgent(seed) ? at : officeHours(rng, at));

  if (seed.channel === 'patrol' && isFixable(seed.category.code) && rng.chance(0.6)) {
    life.fixOnSpot(t0 + rng.int(60, 240) * 1000, seed.submitter, rng.pick(FIX_NOTES));
    return;
  }
  if (seed.duplicateOf && merge(life, seed.duplicateOf)) return;

  // First contact: within the response limit for most, late for some (then overdue and escalated).
  const R = seed.category.limits.responseMinutes * MINUTE;
  const acceptAt = work(t0 + Math.max(MINUTE, within(rng, R, 0.96)));
  const reporter = seed.reporter.residentId !== null || seed.reporter.userId !== null;
  if (reporter && rng.chance(0.012)) {
    const at = t0 + Math.round((acceptAt - t0) * rng.between(0.2, 0.9));
    if (life.watch('response', t0, life.draft.dueResponseAt, at)) withdraw(life, at);
    return;
  }
  if (!life.watch('response', t0, life.draft.dueResponseAt, acceptAt)) return;
  const inTime = acceptAt <= life.draft.dueResponseAt;
  if (!life.transition(acceptAt, staff(), 'accept', 'manager', 'accepted', { data: { inTime }, patch: { respondedAt: acceptAt, ownerNodeId: seed.building.communityId } })) return;
  if (!seed.handler) {
    closeUnresolved(life, work(acceptAt + rng.int(10, 120) * MINUTE), NO_HANDLER_REASON);
    return;
  }

  let unit: HandlerUnit = seed.handler;
  let prev = acceptAt;
  const L = seed.category.limits.resolutionMinutes * MINUTE;
  for (let round = 0; ; round++) {
    const reopened = life.state.status === 'reopened';
    const dispatchAt = work(prev + (reopened ? rng.between(0.5, 24) * HOUR : urgent(seed) ? rng.int(1, 15) * MINUTE : rng.int(3, 150) * MINUTE));
    if (!life.dispatch(dispatchAt, staff(), unit)) return;
    const due = dispatchAt + L;
    const handler = handlerPerson(rng, street, seed.building, unit);
    const takeAt = Math.min(work(dispatchAt + Math.max(MINUTE, within(rng, R, 0.9))), dispatchAt + L / 2);
    if (reporter && round === 0 && rng.chance(0.004)) {
      const at = dispatchAt + Math.round((takeAt - dispatchAt) * rng.between(0.1, 0.9));
      if (life.watch('resolution', dispatchAt, due, at)) withdraw(life, at);
      return;
    }
    // 退单: the unit finds it is not theirs; the owner sends it to another unit.
    if (round === 0 && rng.chance(0.05)) {
      if (rng.chance(0.5) && !take(life, takeAt, handler, unit, dispatchAt)) return;
      const at = work(takeAt + rng.int(10, 300) * MINUTE);
      if (!life.watch('resolution', dispatchAt, due, at)) return;
      const returnedBy = { kind: unit.kind, nodeId: unit.nodeId, orgId: unit.orgId };
      const patch = { handler: null, dispatchedAt: null, dueAt: null };
      if (!life.transition(at, handler, 'return', 'handler', 'accepted', { note: rng.pick(RETURN_REASONS), internal: true, data: { returnedBy }, patch })) return;
      unit = unit.kind === 'grid' ? { kind: 'residents_committee', nodeId: seed.building.communityId, orgId: null } : { kind: 'grid', nodeId: seed.building.gridId, orgId: null };
      prev = at;
      continue;
    }
    if (!take(life, takeAt, handler, unit, dispatchAt)) return;
    const onTime = rng.chance({ grid: 0.96, residents_committee: 0.95, property_company: 0.93, department: 0.91 }[unit.kind]);
    const replyAt = Math.max(takeAt + 10 * MINUTE, work(onTime ? dispatchAt + L * (0.05 + 0.8 * rng.float() ** 1.5) : due + L * rng.between(0.02, 0.8)));
    if (!life.watch('resolution', dispatchAt, due, replyAt)) return;
    if (rng.chance(0.012)) {
      closeUnresolved(life, replyAt, rng.pick(UNRESOLVED_REASONS));
      return;
    }
    if (!life.transition(replyAt, handler, 'reply', 'handler', 'replied', { note: rng.pick(REPLIES[unit.kind]), patch: { repliedAt: replyAt } })) return;

    // 回访 and rating: a resident of the app rates it; others are called back by the community.
    const byResident = seed.channel === 'resident_app';
    const rateAt = byResident ? replyAt + rng.between(0.5, 48) * HOUR : callingHours(rng, replyAt + rng.between(2, 72) * HOUR);
    const satisfaction = rate(life, round, replyAt <= due);
    const resolved = rng.chance({ satisfied: 0.97, basically_satisfied: 0.8, dissatisfied: 0.15 }[satisfaction]);
    const again = satisfaction === 'dissatisfied';
    const rater = byResident ? { userId: seed.reporter.userId, name: `居民 ${seed.reporter.name ?? ''}`.trim() } : staff();
    const common = { ratedResolved: resolved, satisfaction, ratedAt: rateAt };
    const patch = again ? { ...common, reopenCount: life.state.reopenCount + 1 } : { ...common, closedAt: rateAt, resolution: resolved ? ('resolved' as const) : ('unresolved' as const) };
    const data = { resolved, satisfaction, via: byResident ? 'resident' : 'revisit' };
    if (!life.transition(rateAt, rater, 'rate', byResident ? 'reporter' : 'manager', again ? 'reopened' : 'closed', { data, patch })) return;
    prev = rateAt;
    if (again) {
      if (round < 2) continue;
      closeUnresolved(life, work(rateAt + rng.between(1, 48) * HOUR), rng.pick(UNRESOLVED_REASONS));
      return;
    }
    // Now and then the problem comes back after a closed case (重办 on request).
    if (round === 0 && rng.chance(0.008)) {
      const at = callingHours(rng, rateAt + rng.between(3, 20) * 24 * HOUR);
      const patch2 = { reopenCount: life.state.reopenCount + 1, closedAt: null, resolution: null };
      if (!life.transition(at, rater, 'reopen', byResident ? 'reporter' : 'manager', 'reopened', { note: rng.pick(REOPEN_REASONS), patch: patch2 })) return;
      prev = at;
      continue;
    }
    return;
  }
}

/** A delay within `limit` with probability `p` (mostly early), else late by up to 150%. */
function within(rng: Life['rng'], limit: number, p: number): number {
  return rng.chance(p) ? limit * (0.02 + 0.75 * rng.float() ** 2) : limit * rng.between(1.05, 2.5);
}

/** 接单; a department or property company responds by taking it within the response limit of the dispatch. */
function take(life: Life, at: number, handler: Parameters<Life['transition']>[1], unit: HandlerUnit, dispatchAt: number): boolean {
  const counts = unit.kind === 'department' || unit.kind === 'property_company';
  const inTime = at <= dispatchAt + life.seed.category.limits.responseMinutes * MINUTE;
  return life.transition(at, handler, 'take', 'handler', 'in_progress', counts ? { data: { inTime } } : {});
}

function rate(life: Life, round: number, onTime: boolean): Satisfaction {
  const odds: [Satisfaction, number][] =
    round >= 2 ? [['satisfied', 70], ['basically_satisfied', 30]]
    : round === 1 ? [['satisfied', 62], ['basically_satisfied', 28], ['dissatisfied', 10]]
    : onTime ? [['satisfied', 77], ['basically_satisfied', 15], ['dissatisfied', 8]]
    : [['satisfied', 58], ['basically_satisfied', 20], ['dissatisfied', 22]];
  return life.rng.weighted(odds);
}

function withdraw(life: Life, at: number): boolean {
  const reason = life.rng.pick(WITHDRAW_REASONS);
  const actor = { userId: life.seed.reporter.userId, name: `居民 ${life.seed.reporter.name ?? ''}`.trim() };
  return life.transition(at, actor, 'withdraw', 'reporter', 'withdrawn', { note: reason, patch: { closedAt: at, closeReason: reason } });
}

/** Closed honestly without a fix, with the reason kept. */
function closeUnresolved(life: Life, at: number, reason: string): boolean {
  const patch = { closedAt: at, resolution: 'unresolved' as const, closeReason: reason };
  return life.transition(at, manager(life.rng, life.ctx.street, life.seed.building), 'close_unresolved', 'manager', 'closed', { note: reason, patch });
}

/** The status of a case at an instant: the latest timeline entry that set one. */
export function statusAt(draft: CaseDraft, at: number): CaseStatus | null {
  let status: CaseStatus | null = null;
  for (const e of draft.events) {
    if (e.at > at) break;
    if (e.to) status = e.to as CaseStatus;
  }
  return status;
}

/** A duplicate is merged into the earlier case while that one is still open; false when it no longer is. */
function merge(life: Life, target: CaseDraft): boolean {
  const { rng, seed } = life;
  const staff = manager(rng, life.ctx.street, seed.building);
  const acceptFirst = rng.chance(0.3);
  const acceptAt = officeHours(rng, seed.receivedAt + rng.int(5, 90) * MINUTE);
  const mergeAt = (acceptFirst ? acceptAt : seed.receivedAt) + rng.int(5, 240) * MINUTE;
  const open = statusAt(target, mergeAt);
  if (!open || !OPEN_STATUSES.includes(open) || target.state.mergedInto) return false;
  if (acceptFirst) {
    if (!life.watch('response', seed.receivedAt, life.draft.dueResponseAt, acceptAt)) return true;
    const inTime = acceptAt <= life.draft.dueResponseAt;
    if (!life.transition(acceptAt, staff, 'accept', 'manager', 'accepted', { data: { inTime }, patch: { respondedAt: acceptAt, ownerNodeId: seed.building.communityId } })) return true;
  } else if (!life.watch('response', seed.receivedAt, life.draft.dueResponseAt, mergeAt)) return true;
  // intoCaseId and intoPublicId are filled in when the target's id is known.
  life.transition(mergeAt, staff, 'merge', 'manager', 'merged', { data: { intoCaseId: null, intoPublicId: null }, patch: { mergedInto: target, closedAt: mergeAt } });
  return true;
}
