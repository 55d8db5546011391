import type { VoteChoice, VoteMatter, VoteRule } from '../../../platform/db/schema.js';

/*
 * Owners' votes (业主表决): the rules of Civil Code of the PRC, art. 278, implemented exactly.
 *
 * 1. Participation (参与表决). A vote is valid only if the owners taking part hold at least 2/3 of
 *    the total exclusive-part area (专有部分面积占比三分之二以上) AND are at least 2/3 of all owners
 *    (人数占比三分之二以上). "以上" includes the bound (Civil Code art. 1259), so exactly 2/3 passes.
 *    Every ballot takes part, abstentions included.
 * 2. Special matters — art. 278 items 6–8: raising maintenance funds (筹集维修资金), rebuilding or
 *    reconstructing buildings and their facilities (改建、重建), changing the use of common parts or
 *    using them for business (改变共有部分用途或者利用共有部分从事经营活动) — pass when owners voting
 *    for hold at least 3/4 of the participating area AND are at least 3/4 of the participating owners.
 * 3. Every other matter — items 1–5 and 9: rules of procedure, management statute, electing or
 *    replacing the owners' committee, hiring or dismissing the property company, using the
 *    maintenance fund, other important matters — passes when owners voting for hold MORE than half
 *    of the participating area AND are MORE than half of the participating owners (过半数): exactly
 *    one half does not pass.
 * 4. Headcount follows the judicial interpretation on building ownership disputes (法释〔2009〕7号,
 *    art. 9): an owner of several units counts once; the units the developer has not sold count
 *    together as one owner. The roll (see roll.ts) is snapshotted when the vote opens.
 *
 * Arithmetic is exact: areas are integer hundredths of a square metre (numeric(10,2) → cents) and
 * fractions are compared by cross-multiplication of BigInts. No floating point anywhere.
 */

export const SPECIAL_MATTERS: readonly VoteMatter[] = ['maintenance_fund_raising', 'building_reconstruction', 'common_parts_use_change'];

export function ruleFor(matter: VoteMatter): VoteRule {
  return SPECIAL_MATTERS.includes(matter) ? 'civil_code_278_special' : 'civil_code_278_ordinary';
}

export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const frac = (numerator: bigint, denominator: bigint): Fraction => ({ numerator, denominator });
export const TWO_THIRDS = frac(2n, 3n);
export const THREE_QUARTERS = frac(3n, 4n);
export const ONE_HALF = frac(1n, 2n);

/** value ≥ threshold, for positive denominators: a/b ≥ c/d ⇔ a·d ≥ c·b. */
export function atLeast(value: Fraction, threshold: Fraction): boolean {
  return value.numerator * threshold.denominator >= threshold.numerator * value.denominator;
}

/** value > threshold, for positive denominators: a/b > c/d ⇔ a·d > c·b. */
export function moreThan(value: Fraction, threshold: Fraction): boolean {
  return value.numerator * threshold.denominator > threshold.numerator * value.denominator;
}

const show = (f: Fraction) => `${f.numerator}/${f.denominator}`;

/** '88.5' or '88.50' or '88' (numeric(10,2) text) → 8850n, without going through a float. */
export function centsOf(area: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) throw new Error(`not an area: ${area}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function squareMetres(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

export interface TallyOwner {
  ownerId: number;
  areaCents: bigint;
}

export interface TallyBallot {
  ownerId: number;
  choice: VoteChoice;
}

export interface ThresholdTest {
  measure: 'area' | 'owners';
  /** e.g. "133400/200000" (cents of m²) or "8/12" (owners), never reduced. */
  fraction: string;
  threshold: string;
  comparison: 'at_least' | 'more_than';
  passed: boolean;
}

export interface Share {
  owners: number;
  areaCents: string;
  areaM2: string;
}

export interface VoteTally {
  law: string;
  rule: VoteRule;
  matter: VoteMatter;
  explanation: { zh: string; en: string };
  totals: Share;
  participating: Share;
  choices: Record<VoteChoice, Share>;
  participation: { passed: boolean; area: ThresholdTest; owners: ThresholdTest };
  approval: { passed: boolean; area: ThresholdTest; owners: ThresholdTest } | null;
  outcome: 'passed' | 'failed' | 'invalid';
}

const EXPLANATION: Record<VoteRule, { zh: string; en: string }> = {
  civil_code_278_special: {
    zh: '《民法典》第二百七十八条：应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决；第六项至第八项事项应当经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意。一人拥有数套专有部分按一人计算，建设单位未出售的部分按一人计算。',
    en: 'Civil Code art. 278: owners holding at least 2/3 of the exclusive-part area and at least 2/3 of all owners must take part; a matter of items 6–8 passes when owners holding at least 3/4 of the participating area and at least 3/4 of the participating owners vote for. An owner of several units counts once; the unsold units of the developer count as one owner.',
  },
  civil_code_278_ordinary: {
    zh: '《民法典》第二百七十八条：应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决；其他事项应当经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意（恰好一半不通过）。一人拥有数套专有部分按一人计算，建设单位未出售的部分按一人计算。',
    en: 'Civil Code art. 278: owners holding at least 2/3 of the exclusive-part area and at least 2/3 of all owners must take part; the matter passes when owners holding more than half of the participating area and more than half of the participating owners vote for (exactly half does not pass). An owner of several units counts once; the unsold units of the developer count as one owner.',
  },
};

function test(measure: 'area' | 'owners', value: Fraction, threshold: Fraction, comparison: 'at_least' | 'more_than'): ThresholdTest {
  const passed = comparison === 'at_least' ? atLeast(value, threshold) : moreThan(value, threshold);
  return { measure, fraction: show(value), threshold: show(threshold), comparison, passed };
}

const share = (owners: number, areaCents: bigint): Share => ({ owners, areaCents: String(areaCents), areaM2: squareMetres(areaCents) });

/** The tally of a vote from its roll and its ballots; the same function closes and recounts. */
export function tallyVote(input: { matter: VoteMatter; owners: readonly TallyOwner[]; ballots: readonly TallyBallot[] }): VoteTally {
  const rule = ruleFor(input.matter);
  const area = new Map<number, bigint>();
  for (const o of input.owners) {
    if (o.areaCents <= 0n) throw new Error(`owner ${o.ownerId} has no area`);
    area.set(o.ownerId, o.areaCents);
  }
  if (area.size === 0) throw new Error('a vote needs at least one owner');
  const totalArea = [...area.values()].reduce((a, b) => a + b, 0n);
  const counts = { for: { owners: 0, area: 0n }, against: { owners: 0, area: 0n }, abstain: { owners: 0, area: 0n } };
  const seen = new Set<number>();
  for (const b of input.ballots) {
    const ownerArea = area.get(b.ownerId);
    if (ownerArea === undefined) throw new Error(`ballot of owner ${b.ownerId} who is not on the roll`);
    if (seen.has(b.ownerId)) throw new Error(`second ballot of owner ${b.ownerId}`);
    seen.add(b.ownerId);
    counts[b.choice].owners += 1;
    counts[b.choice].area += ownerArea;
  }
  const votedOwners = seen.size;
  const votedArea = counts.for.area + counts.against.area + counts.abstain.area;
  const totalOwners = BigInt(area.size);

  const participationArea = test('area', frac(votedArea, totalArea), TWO_THIRDS, 'at_least');
  const participationOwners = test('owners', frac(BigInt(votedOwners), totalOwners), TWO_THIRDS, 'at_least');
  const participation = { passed: participationArea.passed && participationOwners.passed, area: participationArea, owners: participationOwners };

  let approval: VoteTally['approval'] = null;
  if (participation.passed) {
    // Participation ≥ 2/3 of a non-empty roll means at least one ballot: the denominators are positive.
    const [threshold, comparison] = rule === 'civil_code_278_special' ? [THREE_QUARTERS, 'at_least' as const] : [ONE_HALF, 'more_than' as const];
    const byArea = test('area', frac(counts.for.area, votedArea), threshold, comparison);
    const byOwners = test('owners', frac(BigInt(counts.for.owners), BigInt(votedOwners)), threshold, comparison);
    approval = { passed: byArea.passed && byOwners.passed, area: byArea, owners: byOwners };
  }

  return {
    law: 'Civil Code of the PRC, art. 278; SPC interpretation on building ownership disputes, art. 9',
    rule,
    matter: input.matter,
    explanation: EXPLANATION[rule],
    totals: share(area.size, totalArea),
    participating: share(votedOwners, votedArea),
    choices: {
      for: share(counts.for.owners, counts.for.area),
      against: share(counts.against.owners, counts.against.area),
      abstain: share(counts.abstain.owners, counts.abstain.area),
    },
    participation,
    approval,
    outcome: !participation.passed ? 'invalid' : approval!.passed ? 'passed' : 'failed',
  };
}
