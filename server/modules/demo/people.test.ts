import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, isValidIdNumber, isValidPhone } from '../../platform/crypto/pii.js';
import { PeopleFactory, type HouseholdDraft } from './people.js';
import { Random } from './random.js';

const NOW = new Date('2026-03-01T04:00:00Z');

function households(seed: number, n: number): HouseholdDraft[] {
  const factory = new PeopleFactory(new Random(seed), NOW);
  return Array.from({ length: n }, (_, i) => factory.household({ unit: '1单元', room: String(101 + i) }, 80));
}

describe('PeopleFactory', () => {
  it('issues valid, unique identity numbers that match birth date and sex', () => {
    const people = households(5, 3000).flatMap((h) => h.members);
    const ids = people.map((p) => p.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of people) {
      expect(isValidIdNumber(p.idNumber), p.idNumber).toBe(true);
      expect(birthDateFromIdNumber(p.idNumber)).toBe(p.birthDate);
      expect(Number(p.idNumber[16]) % 2 === 1).toBe(p.gender === 'male');
      expect(new Date(p.birthDate).getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (p.phone) expect(isValidPhone(p.phone) && /^1[3-9]\d{9}$/.test(p.phone)).toBe(true);
    }
  });

  it('builds families that hang together, head first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        for (const h of households(seed, 40)) {
          expect(h.members[0]!.relationship).toBe('head');
          expect(h.members.filter((m) => m.relationship === 'head')).toHaveLength(1);
          expect(h.members.length).toBeGreaterThanOrEqual(1);
          expect(h.members.length).toBeLessThanOrEqual(5);
          const head = h.members[0]!;
          for (const m of h.members) {
            if (m.relationship === 'child') expect(m.age).toBeLessThan(head.age);
            if (m.relationship === 'parent') expect(m.age).toBeGreaterThan(head.age);
            if (m.relationship === 'spouse') expect(m.gender).not.toBe(head.gender);
          }
          const area = Number(h.areaM2);
          expect(area >= 40 && area <= 160 && /^\d+\.\d{2}$/.test(h.areaM2)).toBe(true);
          if (h.tags.includes('elderly_alone')) expect(h.members).toHaveLength(1);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('keeps care tags rare and about one resident in twelve a Party member', () => {
    const all = households(11, 4000);
    const people = all.flatMap((h) => h.members);
    const share = (n: number, of: number) => n / of;
    expect(share(people.filter((p) => p.politicalStatus === 'cpc_member').length, people.length)).toBeGreaterThan(0.06);
    expect(share(people.filter((p) => p.politicalStatus === 'cpc_member').length, people.length)).toBeLessThan(0.11);
    for (const tag of ['elderly_alone', 'low_income', 'disabled', 'special_needs', 'key_care']) {
      expect(share(all.filter((h) => h.tags.includes(tag)).length, all.length), tag).toBeLessThan(0.08);
    }
    expect(people.length / all.length).toBeGreaterThan(2.3);
    expect(people.length / all.length).toBeLessThan(2.7);
  });

  it('is the same people for the same seed and day', () => {
    expect(households(9, 200)).toEqual(households(9, 200));
  });
});
