import { idCheckChar } from '../../platform/crypto/pii.js';
import type { Gender, Housing, PoliticalStatus, Relationship } from '../../platform/db/schema.js';
import { familyNameOf, personName, surname } from './names.js';
import type { Random } from './random.js';
import type { Flat } from './street-plan.js';

/**
 * Synthetic households and the people in them: family shapes, ages, names, identity numbers
 * and phones that look and validate like the real thing, and the care tags a grid worker
 * would record, at realistic low frequencies.
 */

export interface PersonDraft {
  relationship: Relationship;
  name: string;
  gender: Exclude<Gender, 'unknown'>;
  age: number;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  politicalStatus: PoliticalStatus;
  tags: string[];
}

export interface HouseholdDraft {
  unit: string;
  room: string;
  housing: Housing;
  areaM2: string;
  tags: string[];
  /** The head comes first. */
  members: PersonDraft[];
}

/** The area code of the demo district (示范区), a fictional code under Beijing (11). */
export const DEMO_AREA_CODE = '110199';

const DAY_MS = 86_400_000;
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156',
  '157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '185', '186', '187', '188',
  '189', '191', '198', '199',
];

type Sex = PersonDraft['gender'];
const other = (g: Sex): Sex => (g === 'male' ? 'female' : 'male');

export class PeopleFactory {
  private readonly idSerials = new Map<string, { start: number; issued: number }>();
  private readonly phones = new Set<string>();
  private readonly today: { y: number; m: number; d: number };

  constructor(
    private readonly rng: Random,
    now: Date,
    private readonly areaCode = DEMO_AREA_CODE,
  ) {
    this.today = { y: now.getUTCFullYear(), m: now.getUTCMonth(), d: now.getUTCDate() };
  }

  household(flat: Flat, typicalArea: number): HouseholdDraft {
    const rng = this.rng;
    const members = this.family(rng.weighted([[1, 22], [2, 32], [3, 27], [4, 12], [5, 7]] as const));
    const housing = rng.weighted<Housing>([['owned', 76], ['rented', 16], ['public', 6], ['other', 2]]);
    const area = Math.min(160, Math.max(40, typicalArea * rng.between(0.85, 1.2)));

    const head = members[0]!;
    const elderlyAlone = members.length === 1 && head.age >= 65;
    const anyDisabled = members.some((m) => m.tags.includes('disabled'));
    const lowIncome = rng.chance(elderlyAlone || anyDisabled ? 0.08 : 0.018);
    for (const m of members) {
      if (elderlyAlone) m.tags.push('elderly_alone');
      if (lowIncome) m.tags.push('low_income');
      const keyCare =
        (elderlyAlone && (m.age >= 80 || m.tags.includes('disabled'))) ||
        (lowIncome && m.tags.includes('disabled')) ||
        (m.tags.includes('special_needs') && rng.chance(0.5));
      if (keyCare) m.tags.push('key_care');
    }

    const tags = new Set<string>();
    for (const m of members) for (const t of m.tags) if (t !== 'volunteer') tags.add(t);
    if (members.length === 2 && members.every((m) => m.age >= 60) && members[1]!.relationship === 'spouse') {
      tags.add('empty_nest');
    }
    if (housing === 'rented' && rng.chance(0.9)) tags.add('rented_out');
    return { ...flat, housing, areaM2: area.toFixed(2), tags: sortTags([...tags]), members };
  }

  /** A family of `size` people, head first, with ages that fit together. */
  private family(size: 1 | 2 | 3 | 4 | 5): PersonDraft[] {
    const rng = this.rng;
    if (size === 1) {
      const elderly = rng.chance(0.25);
      const gender: Sex = elderly ? (rng.chance(0.65) ? 'female' : 'male') : rng.chance(0.5) ? 'male' : 'female';
      return [this.person('head', gender, elderly ? rng.int(65, 93) : rng.int(22, 62))];
    }
    if (size === 2 && rng.chance(0.18)) {
      // A single parent with a child.
      const head = this.person('head', rng.chance(0.65) ? 'female' : 'male', rng.int(35, 82));
      return [head, this.child(head, null)];
    }
    const threeGenerations = size === 5 && rng.chance(0.5);
    const withParent = (size === 3 && rng.chance(0.15)) || (size === 4 && rng.chance(0.4)) || (size === 5 && !threeGenerations);
    const headAge: readonly [number, number] =
      size === 2
        ? rng.weighted([[[24, 34], 18], [[35, 49], 17], [[50, 59], 20], [[60, 74], 30], [[75, 90], 15]] as const)
        : threeGenerations
          ? [52, 72]
          : withParent
            ? [30, 55]
            : [27, 62];
    const head = this.person('head', rng.chance(0.72) ? 'male' : 'female', rng.int(headAge[0], headAge[1]));
    const spouseAge = Math.max(20, head.age + (head.gender === 'male' ? -rng.int(0, 5) : rng.int(0, 5)));
    const spouse = this.person('spouse', other(head.gender), spouseAge);
    const family = [head, spouse];
    const childCount = size - 2 - (withParent ? 1 : 0) - (threeGenerations ? 3 : 0);
    let lastChild: PersonDraft | undefined;
    for (let i = 0; i < childCount; i++) {
      lastChild = this.child(head, spouse, lastChild);
      family.push(lastChild);
    }
    if (withParent) {
      const parentGender: Sex = rng.chance(0.6) ? 'female' : 'male';
      const age = Math.min(99, head.age + rng.int(24, 34));
      // The head's father shares the head's surname; a mother keeps her own.
      const familyName = parentGender === 'male' ? familyNameOf(head.name) : surname(rng);
      family.push(this.person('parent', parentGender, age, familyName));
    }
    if (threeGenerations) {
      const child = this.child(head, spouse);
      const inLaw = this.person('child_in_law', other(child.gender), Math.max(20, child.age + rng.int(-3, 3)));
      const father = child.gender === 'male' ? child : inLaw;
      const mother = child.gender === 'male' ? inLaw : child;
      const age = Math.max(0, Math.min(father.age, mother.age) - rng.int(23, 33));
      const grandchild = this.person('grandchild', rng.chance(0.5) ? 'male' : 'female', age, familyNameOf(father.name));
      family.push(child, inLaw, grandchild);
    }
    return family;
  }

  private child(head: PersonDraft, spouse: PersonDraft | null, olderSibling?: PersonDraft): PersonDraft {
    const rng = this.rng;
    const mother = [head, spouse].find((p) => p?.gender === 'female') ?? head;
    const father = [head, spouse].find((p) => p?.gender === 'male');
    const age = olderSibling
      ? Math.max(0, olderSibling.age - rng.int(2, 8))
      : Math.max(0, mother.age - rng.int(22, 34));
    const familyName = familyNameOf((father ?? head).name);
    return this.person('child', rng.chance(0.51) ? 'male' : 'female', age, familyName);
  }

  private person(relationship: Relationship, gender: Sex, age: number, familyName?: string): PersonDraft {
    const rng = this.rng;
    const birth = new Date(Date.UTC(this.today.y - age, this.today.m, this.today.d) - rng.int(0, 364) * DAY_MS);
    const birthDate = birth.toISOString().slice(0, 10);
    const politicalStatus = this.politicalStatus(age);
    const tags: string[] = [];
    if (politicalStatus === 'cpc_member') tags.push('party_member');
    if (rng.chance(age >= 60 ? 0.03 : 0.01)) tags.push('disabled');
    if (gender === 'male' && age >= 35 && rng.chance(0.045)) tags.push('veteran');
    if (rng.chance(0.006)) tags.push('special_needs');
    if (age >= 18 && age <= 75 && rng.chance(politicalStatus === 'cpc_member' ? 0.3 : 0.06)) tags.push('volunteer');
    const phoneChance = age < 12 ? 0 : age < 16 ? 0.3 : age < 70 ? 0.95 : age < 85 ? 0.75 : 0.4;
    return {
      relationship,
      name: personName(rng, gender, birth.getUTCFullYear(), familyName),
      gender,
      age,
      birthDate,
      idNumber: this.idNumber(birthDate, gender),
      phone: rng.chance(phoneChance) ? this.phone() : null,
      politicalStatus,
      tags,
    };
  }

  private politicalStatus(age: number): PoliticalStatus {
    const rng = this.rng;
    if (age >= 18) {
      if (rng.chance(age < 30 ? 0.06 : age < 60 ? 0.1 : 0.13)) return 'cpc_member';
      if (age < 40 && rng.chance(0.006)) return 'cpc_probationary';
      if (age >= 30 && rng.chance(0.004)) return 'democratic_party';
    }
    if (age >= 14 && age <= 28 && rng.chance(0.4)) return 'cyl_member';
    return 'masses';
  }

  /**
   * GB 11643: area code, birth date, a three-digit serial (odd for men, even for women) and a
   * check character. Serials run from a random start per birth date and sex, so no two people
   * share a number; past 499 people born on one day the next area code down takes over.
   */
  private idNumber(birthDate: string, gender: Sex): string {
    const ymd = birthDate.replaceAll('-', '');
    const key = `${ymd}${gender}`;
    // Drawn every time, so how many numbers the PRNG yields does not depend on today's date.
    const start = this.rng.int(0, 498);
    let serial = this.idSerials.get(key);
    if (!serial) this.idSerials.set(key, (serial = { start, issued: 0 }));
    const n = serial.issued++;
    const area = String(Number(this.areaCode) - Math.floor(n / 499));
    const value = (serial.start + n) % 499;
    const first17 = `${area}${ymd}${String(value * 2 + (gender === 'male' ? 1 : 2)).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  }

  private phone(): string {
    for (;;) {
      const phone = `${this.rng.pick(MOBILE_PREFIXES)}${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }
}

const TAG_ORDER = [
  'elderly_alone', 'low_income', 'disabled', 'special_needs', 'veteran', 'party_member', 'empty_nest', 'rented_out',
  'volunteer', 'key_care',
];
function sortTags(tags: string[]): string[] {
  return tags.sort((a, b) => TAG_ORDER.indexOf(a) - TAG_ORDER.indexOf(b));
}
