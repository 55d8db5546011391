import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VoteChoice, VoteMatter } from '../server/platform/db/schema.js';
import { buildOwnerRoll, DEVELOPER_OWNER_NAME } from '../server/modules/deliberation/owners-votes/roll.js';
import { atLeast, centsOf, moreThan, ruleFor, squareMetres, tallyVote, type TallyBallot, type TallyOwner } from '../server/modules/deliberation/owners-votes/tally.js';

const ORDINARY: VoteMatter = 'property_service_hiring';
const SPECIAL: VoteMatter = 'maintenance_fund_raising';

/** Owners 1..n with the given areas in cents. */
const roll = (...areas: number[]): TallyOwner[] => areas.map((a, i) => ({ ownerId: i + 1, areaCents: BigInt(a) }));
/** Ballots by owner number: `{ 1: 'for', 3: 'against' }`. */
const cast = (choices: Record<number, VoteChoice>): TallyBallot[] => Object.entries(choices).map(([id, choice]) => ({ ownerId: Number(id), choice }));
const allFor = (...ids: number[]) => cast(Object.fromEntries(ids.map((id) => [id, 'for' as const])));

describe('Civil Code art. 278: participation (≥ 2/3 of area AND ≥ 2/3 of owners)', () => {
  it('is valid at exactly 2/3 of the area and exactly 2/3 of the owners', () => {
    const t = tallyVote({ matter: ORDINARY, owners: roll(10_000, 10_000, 10_000), ballots: allFor(1, 2) });
    expect(t.participation.area).toEqual({ measure: 'area', fraction: '20000/30000', threshold: '2/3', comparison: 'at_least', passed: true });
    expect(t.participation.owners).toEqual({ measure: 'owners', fraction: '2/3', threshold: '2/3', comparison: 'at_least', passed: true });
    expect(t.participation.passed).toBe(true);
    expect(t.outcome).toBe('passed');
  });

  it('is invalid one cent short of 2/3 of the area, valid one cent over', () => {
    const short = tallyVote({ matter: ORDINARY, owners: roll(9_999, 10_000, 10_001), ballots: allFor(1, 2) });
    expect(short.participation.area).toMatchObject({ fraction: '19999/30000', passed: false });
    expect(short.participation.owners.passed).toBe(true);
    expect(short.outcome).toBe('invalid');
    expect(short.approval).toBeNull();
    const over = tallyVote({ matter: ORDINARY, owners: roll(9_999, 10_000, 10_001), ballots: allFor(2, 3) });
    expect(over.participation.area).toMatchObject({ fraction: '20001/30000', passed: true });
    expect(over.outcome).toBe('passed');
  });

  it('is invalid one owner short of 2/3 of the owners even with most of the area', () => {
    const owners = roll(50_000, 10_000, 10_000, 10_000, 10_000, 10_000);
    const short = tallyVote({ matter: ORDINARY, owners, ballots: allFor(1, 2, 3) });
    expect(short.participation.area).toMatchObject({ fraction: '70000/100000', passed: true });
    expect(short.participation.owners).toMatchObject({ fraction: '3/6', passed: false });
    expect(short.outcome).toBe('invalid');
    const enough = tallyVote({ matter: ORDINARY, owners, ballots: allFor(1, 2, 3, 4) });
    expect(enough.participation.owners).toMatchObject({ fraction: '4/6', passed: true });
    expect(enough.outcome).toBe('passed');
  });

  it('is invalid with 2/3 of the owners but too little area', () => {
    const t = tallyVote({ matter: ORDINARY, owners: roll(50_000, 10_000, 10_000, 10_000, 10_000, 10_000), ballots: allFor(2, 3, 4, 5) });
    expect(t.participation.owners.passed).toBe(true);
    expect(t.participation.area).toMatchObject({ fraction: '40000/100000', passed: false });
    expect(t.outcome).toBe('invalid');
  });

  it('counts abstentions as taking part but not as voting for', () => {
    const t = tallyVote({ matter: ORDINARY, owners: roll(100, 100, 100), ballots: cast({ 1: 'for', 2: 'abstain', 3: 'abstain' }) });
    expect(t.participation.passed).toBe(true);
    expect(t.approval!.owners.fraction).toBe('1/3');
    expect(t.outcome).toBe('failed');
  });
});

describe('special matters (items 6–8): ≥ 3/4 of the participating area AND owners', () => {
  it('names the special rule for items 6–8 only', () => {
    expect(['maintenance_fund_raising', 'building_reconstruction', 'common_parts_use_change'].map((m) => ruleFor(m as VoteMatter))).toEqual(
      Array(3).fill('civil_code_278_special'),
    );
    const others: VoteMatter[] = ['rules_of_procedure', 'management_statute', 'owners_committee_election', 'property_service_hiring', 'maintenance_fund_use', 'other_important'];
    expect(others.map(ruleFor)).toEqual(Array(6).fill('civil_code_278_ordinary'));
  });

  it('passes at exactly 3/4 of both', () => {
    const t = tallyVote({ matter: SPECIAL, owners: roll(10_000, 10_000, 10_000, 10_000), ballots: cast({ 1: 'for', 2: 'for', 3: 'for', 4: 'against' }) });
    expect(t.rule).toBe('civil_code_278_special');
    expect(t.approval!.area).toEqual({ measure: 'area', fraction: '30000/40000', threshold: '3/4', comparison: 'at_least', passed: true });
    expect(t.approval!.owners).toMatchObject({ fraction: '3/4', threshold: '3/4', passed: true });
    expect(t.outcome).toBe('passed');
  });

  it('fails one cent under 3/4 of the area', () => {
    const t = tallyVote({ matter: SPECIAL, owners: roll(10_000, 10_000, 10_000, 10_001), ballots: cast({ 1: 'for', 2: 'for', 3: 'for', 4: 'against' }) });
    expect(t.approval!.area).toMatchObject({ fraction: '30000/40001', passed: false });
    expect(t.approval!.owners.passed).toBe(true);
    expect(t.outcome).toBe('failed');
  });

  it('fails under 3/4 of the owners though the area is there', () => {
    const t = tallyVote({
      matter: SPECIAL,
      owners: roll(100_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000),
      ballots: cast({ 1: 'for', 2: 'for', 3: 'for', 4: 'for', 5: 'for', 6: 'against', 7: 'against' }),
    });
    expect(t.approval!.area).toMatchObject({ fraction: '104000/106000', passed: true });
    expect(t.approval!.owners).toMatchObject({ fraction: '5/7', passed: false });
    expect(t.outcome).toBe('failed');
  });
});

describe('other matters: MORE than 1/2 of the participating area AND owners', () => {
  it('does not pass at exactly one half', () => {
    const t = tallyVote({ matter: ORDINARY, owners: roll(10_000, 10_000, 10_000, 10_000), ballots: cast({ 1: 'for', 2: 'for', 3: 'against', 4: 'against' }) });
    expect(t.approval!.area).toEqual({ measure: 'area', fraction: '20000/40000', threshold: '1/2', comparison: 'more_than', passed: false });
    expect(t.approval!.owners).toMatchObject({ fraction: '2/4', passed: false });
    expect(t.outcome).toBe('failed');
  });

  it('passes one cent over half of the area with more than half of the owners', () => {
    const over = tallyVote({ matter: ORDINARY, owners: roll(10_001, 10_000, 20_000), ballots: cast({ 1: 'for', 2: 'for', 3: 'against' }) });
    expect(over.approval!.area).toMatchObject({ fraction: '20001/40001', passed: true });
    expect(over.approval!.owners).toMatchObject({ fraction: '2/3', passed: true });
    expect(over.outcome).toBe('passed');
    const exact = tallyVote({ matter: ORDINARY, owners: roll(10_000, 10_000, 20_000), ballots: cast({ 1: 'for', 2: 'for', 3: 'against' }) });
    expect(exact.approval!.area).toMatchObject({ fraction: '20000/40000', passed: false });
    expect(exact.outcome).toBe('failed');
  });

  it('fails at exactly half of the owners though the area is well over half', () => {
    const t = tallyVote({ matter: ORDINARY, owners: roll(30_000, 10_000, 10_000, 10_000), ballots: cast({ 1: 'for', 2: 'for', 3: 'against', 4: 'against' }) });
    expect(t.approval!.area).toMatchObject({ fraction: '40000/60000', passed: true });
    expect(t.approval!.owners).toMatchObject({ fraction: '2/4', passed: false });
    expect(t.outcome).toBe('failed');
  });
});

describe('exact arithmetic', () => {
  it('compares fractions by cross-multiplication', () => {
    const f = (n: bigint, d: bigint) => ({ numerator: n, denominator: d });
    expect(atLeast(f(2n, 3n), f(2n, 3n))).toBe(true);
    expect(moreThan(f(1n, 2n), f(1n, 2n))).toBe(false);
    // Far past float precision: (10^20 + 1) / (2·10^20) is more than a half, by 1 in 2·10^20.
    expect(moreThan(f(10n ** 20n + 1n, 2n * 10n ** 20n), f(1n, 2n))).toBe(true);
  });

  it('reads numeric(10,2) areas as cents without floats', () => {
    expect(centsOf('88.5')).toBe(8850n);
    expect(centsOf('88.50')).toBe(8850n);
    expect(centsOf('88')).toBe(8800n);
    expect(centsOf('0.01')).toBe(1n);
    expect(centsOf('99999999.99')).toBe(9_999_999_999n);
    expect(squareMetres(8805n)).toBe('88.05');
  });
});

describe('headcount (judicial interpretation, art. 9)', () => {
  const unit = (householdId: number, area: string, head: number | null, developerHeld = false) => ({
    householdId,
    areaCents: centsOf(area),
    address: `单元${householdId}`,
    headResidentId: head,
    headName: head === null ? null : `业主${head}`,
    developerHeld,
  });

  it('counts an owner of several units once, with the summed area', () => {
    const owners = buildOwnerRoll([unit(1, '88.50', 7), unit(2, '60.25', 7), unit(3, '100', 8)]);
    expect(owners).toHaveLength(2);
    expect(owners[0]).toMatchObject({ ownerKey: 'resident:7', residentId: 7, areaCents: 14_875n });
    expect(owners[0]!.units.map((u) => u.householdId)).toEqual([1, 2]);
  });

  it('counts all developer-held units as one owner, whoever is registered in them', () => {
    const owners = buildOwnerRoll([unit(1, '50', null, true), unit(2, '50', 9, true), unit(3, '70', null, true), unit(4, '90', 9)]);
    const developer = owners.find((o) => o.isDeveloper)!;
    expect(owners).toHaveLength(2);
    expect(developer).toMatchObject({ ownerKey: 'developer', residentId: null, displayName: DEVELOPER_OWNER_NAME, areaCents: 17_000n });
    expect(owners.find((o) => !o.isDeveloper)).toMatchObject({ ownerKey: 'resident:9', areaCents: 9_000n });
  });

  it('keeps an owned unit without a recorded head as an owner of its own', () => {
    const owners = buildOwnerRoll([unit(1, '50', null), unit(2, '50', null)]);
    expect(owners.map((o) => o.ownerKey)).toEqual(['household:1', 'household:2']);
  });
});

describe('the tally equals the ballots (property)', () => {
  const choice = fc.constantFrom<VoteChoice | null>(null, 'for', 'against', 'abstain');
  const electorate = fc.array(fc.record({ area: fc.integer({ min: 1, max: 100_000_000 }), choice }), { minLength: 1, maxLength: 60 });

  it('matches a straightforward recount for any owners, areas and choices', () => {
    fc.assert(
      fc.property(electorate, fc.constantFrom<VoteMatter>(ORDINARY, SPECIAL, 'building_reconstruction', 'rules_of_procedure'), (people, matter) => {
        const owners = people.map((p, i) => ({ ownerId: i + 1, areaCents: BigInt(p.area) }));
        const ballots = people.flatMap((p, i) => (p.choice ? [{ ownerId: i + 1, choice: p.choice }] : []));
        const t = tallyVote({ matter, owners, ballots });

        // The independent recount: plain loops, integers (all sums stay below 2^53).
        let totalArea = 0;
        let votedArea = 0;
        let voted = 0;
        const forSide = { area: 0, owners: 0 };
        for (const p of people) {
          totalArea += p.area;
          if (p.choice === null) continue;
          voted += 1;
          votedArea += p.area;
          if (p.choice === 'for') {
            forSide.area += p.area;
            forSide.owners += 1;
          }
        }
        const valid = 3 * votedArea >= 2 * totalArea && 3 * voted >= 2 * people.length;
        const special = matter === SPECIAL || matter === 'building_reconstruction';
        const approved = special
          ? 4 * forSide.area >= 3 * votedArea && 4 * forSide.owners >= 3 * voted
          : 2 * forSide.area > votedArea && 2 * forSide.owners > voted;

        expect(t.totals).toMatchObject({ owners: people.length, areaCents: String(totalArea) });
        expect(t.participating).toMatchObject({ owners: voted, areaCents: String(votedArea) });
        expect(t.choices.for).toMatchObject({ owners: forSide.owners, areaCents: String(forSide.area) });
        expect(t.choices.for.owners + t.choices.against.owners + t.choices.abstain.owners).toBe(voted);
        expect(t.participation.area.fraction).toBe(`${votedArea}/${totalArea}`);
        expect(t.outcome).toBe(!valid ? 'invalid' : approved ? 'passed' : 'failed');
      }),
      { numRuns: 2000 },
    );
  });
});
