import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPLEX_RESOLUTION_MINUTES, DEFAULT_CATALOGUE, DEFAULT_PRIORITY_LIMITS, defaultLimits } from './default-catalogue.js';
import type { CatalogueEntry } from './schema.js';
import { leafEntries, validateCatalogue, type CatalogueProblemKind } from './validate-catalogue.js';

function entry(overrides: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'code'>): CatalogueEntry {
  return {
    parentCode: null,
    nameZh: '测试',
    nameEn: 'Test',
    handlerKind: 'grid',
    priority: 'normal',
    responseMinutes: 60,
    resolutionMinutes: 600,
    keywords: ['测试'],
    ...overrides,
  };
}

const parent = (code: string, overrides: Partial<CatalogueEntry> = {}) => entry({ code, responseMinutes: 0, resolutionMinutes: 0, keywords: [], ...overrides });

const kinds = (entries: CatalogueEntry[]) => validateCatalogue(entries).map((problem) => problem.kind);

describe('the default catalogue', () => {
  const leaves = leafEntries(DEFAULT_CATALOGUE);
  const byCode = new Map(DEFAULT_CATALOGUE.map((e) => [e.code, e]));

  it('is valid', () => {
    expect(validateCatalogue(DEFAULT_CATALOGUE)).toEqual([]);
  });

  it('has at least 40 leaves under about ten to twenty parents', () => {
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    const parents = DEFAULT_CATALOGUE.filter((e) => e.parentCode === null);
    expect(parents.length).toBeGreaterThanOrEqual(10);
    expect(parents.length).toBeLessThanOrEqual(20);
    for (const leaf of leaves) expect(leaf.parentCode).not.toBeNull();
  });

  it('covers the items the hotline receives most', () => {
    for (const code of [
      'property.elevator',
      'property.corridor_light',
      'property.roof_leak',
      'property.sewer_blockage',
      'property.access_control',
      'environment.garbage_collection',
      'environment.garbage_sorting',
      'environment.dirty_spot',
      'environment.greening',
      'noise.construction',
      'noise.shop',
      'noise.neighbour',
      'urban.illegal_construction',
      'urban.street_vending',
      'parking.illegal',
      'parking.abandoned',
      'parking.ev_charging',
      'water.outage',
      'water.low_pressure',
      'water.quality',
      'power.outage',
      'power.aging_wiring',
      'gas.leak',
      'heating.insufficient',
      'heating.leak',
      'welfare.elderly_care',
      'welfare.subsistence',
      'dispute.neighbour',
      'municipal.street_light',
      'municipal.manhole',
      'municipal.road_damage',
      'pets.dog_walking',
      'safety.fire_lane',
      'safety.flying_wire',
      'housing.group_rental',
      'market.food_safety',
      'community.certificate',
      'community.policy',
    ]) {
      expect(byCode.get(code), code).toBeDefined();
    }
  });

  it('gives each leaf 5 to 15 distinct Chinese keywords', () => {
    for (const leaf of leaves) {
      expect(leaf.keywords.length, leaf.code).toBeGreaterThanOrEqual(5);
      expect(leaf.keywords.length, leaf.code).toBeLessThanOrEqual(15);
      expect(new Set(leaf.keywords).size, leaf.code).toBe(leaf.keywords.length);
    }
  });

  it('follows the DESIGN §4 time limits', () => {
    expect(DEFAULT_PRIORITY_LIMITS.emergency).toEqual({ responseMinutes: 30, resolutionMinutes: 120 });
    expect(DEFAULT_PRIORITY_LIMITS.high).toEqual({ responseMinutes: 120, resolutionMinutes: 24 * 60 });
    expect(DEFAULT_PRIORITY_LIMITS.normal).toEqual({ responseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 });
    expect(COMPLEX_RESOLUTION_MINUTES).toBe(15 * 24 * 60);
    for (const leaf of leaves) {
      const { responseMinutes, resolutionMinutes } = defaultLimits(leaf.priority, leaf.complex);
      expect({ code: leaf.code, responseMinutes: leaf.responseMinutes, resolutionMinutes: leaf.resolutionMinutes }).toEqual({ code: leaf.code, responseMinutes, resolutionMinutes });
    }
    // Emergencies: gas leak, fire lane blocked, person in danger. Utilities: round the clock, 24 h.
    for (const code of ['gas.leak', 'safety.fire_lane', 'welfare.person_in_danger']) expect(byCode.get(code)?.resolutionMinutes).toBe(120);
    for (const leaf of leaves.filter((e) => /^(water|power|gas|heating)\./.test(e.code) && e.code !== 'gas.leak')) expect(leaf.resolutionMinutes, leaf.code).toBe(24 * 60);
    for (const code of ['urban.illegal_construction', 'housing.group_rental', 'dispute.neighbour']) {
      expect(byCode.get(code)?.complex).toBe(true);
      expect(byCode.get(code)?.resolutionMinutes).toBe(15 * 24 * 60);
    }
  });

  it('sends utilities and enforcement to the right departments', () => {
    expect(byCode.get('gas.leak')).toMatchObject({ handlerKind: 'department', department: '燃气公司' });
    expect(byCode.get('water.outage')).toMatchObject({ handlerKind: 'department', department: '供水公司' });
    expect(byCode.get('heating.insufficient')).toMatchObject({ handlerKind: 'department', department: '热力公司' });
    expect(byCode.get('urban.street_vending')).toMatchObject({ handlerKind: 'department', department: '城管执法队' });
    expect(byCode.get('property.elevator')).toMatchObject({ handlerKind: 'property_company' });
    expect(byCode.get('property.elevator')?.department).toBeUndefined();
  });
});

describe('validateCatalogue', () => {
  const valid = [parent('a'), entry({ code: 'a.one', parentCode: 'a' }), entry({ code: 'a.two', parentCode: 'a' })];

  it('accepts a small valid catalogue', () => {
    expect(validateCatalogue(valid)).toEqual([]);
  });

  it.each<[string, CatalogueEntry[], CatalogueProblemKind]>([
    ['a duplicate code', [...valid, entry({ code: 'a.one', parentCode: 'a' })], 'duplicate_code'],
    ['a missing parent', [...valid, entry({ code: 'b.one', parentCode: 'b' })], 'missing_parent'],
    ['a cycle of two', [...valid, parent('x', { parentCode: 'y' }), parent('y', { parentCode: 'x' }), entry({ code: 'x.leaf', parentCode: 'x' })], 'cycle'],
    ['an entry that is its own parent', [...valid, parent('self', { parentCode: 'self' })], 'cycle'],
    ['a leaf without limits', [...valid, entry({ code: 'a.three', parentCode: 'a', responseMinutes: 0 })], 'invalid_limits'],
    ['a leaf with negative limits', [...valid, entry({ code: 'a.three', parentCode: 'a', resolutionMinutes: -5 })], 'invalid_limits'],
    ['a leaf with fractional limits', [...valid, entry({ code: 'a.three', parentCode: 'a', responseMinutes: 1.5 })], 'invalid_limits'],
    ['a response limit longer than the resolution limit', [...valid, entry({ code: 'a.three', parentCode: 'a', responseMinutes: 700, resolutionMinutes: 600 })], 'invalid_limits'],
    ['a parent with limits', [parent('a', { responseMinutes: 30, resolutionMinutes: 120 }), entry({ code: 'a.one', parentCode: 'a' })], 'parent_has_limits'],
    ['a department handler without a department', [...valid, entry({ code: 'a.three', parentCode: 'a', handlerKind: 'department' })], 'department_mismatch'],
    ['a blank department', [...valid, entry({ code: 'a.three', parentCode: 'a', handlerKind: 'department', department: '  ' })], 'department_mismatch'],
    ['a department on a grid category', [...valid, entry({ code: 'a.three', parentCode: 'a', handlerKind: 'grid', department: '城管执法队' })], 'department_mismatch'],
    ['a malformed code', [...valid, entry({ code: 'A Bad Code', parentCode: 'a' })], 'invalid_entry'],
    ['an unknown priority', [...valid, entry({ code: 'a.three', parentCode: 'a', priority: 'urgent' as never })], 'invalid_entry'],
  ])('catches %s', (_, entries, kind) => {
    const problems = validateCatalogue(entries);
    expect(problems.map((p) => p.kind)).toContain(kind);
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(0);
  });

  it('names the entry at fault', () => {
    const problems = validateCatalogue([...valid, entry({ code: 'b.one', parentCode: 'b' })]);
    expect(problems).toEqual([{ code: 'b.one', kind: 'missing_parent', message: 'parent b does not exist' }]);
  });

  it('reports a cycle once, on its smallest code', () => {
    const problems = validateCatalogue([parent('q', { parentCode: 'r' }), parent('r', { parentCode: 's' }), parent('s', { parentCode: 'q' })]);
    expect(problems.filter((p) => p.kind === 'cycle')).toHaveLength(1);
    expect(problems.find((p) => p.kind === 'cycle')?.code).toBe('q');
  });

  it('reports every problem at once', () => {
    const problems = kinds([
      parent('a', { responseMinutes: 10 }),
      entry({ code: 'a.one', parentCode: 'a', handlerKind: 'department' }),
      entry({ code: 'a.one', parentCode: 'a' }),
      entry({ code: 'z.one', parentCode: 'z' }),
    ]);
    expect(new Set(problems)).toEqual(new Set(['parent_has_limits', 'department_mismatch', 'duplicate_code', 'missing_parent']));
  });

  it('finds the same problems whatever the order of the entries', () => {
    const broken = [
      ...DEFAULT_CATALOGUE.slice(0, 30),
      entry({ code: 'property.elevator', parentCode: 'property' }),
      entry({ code: 'ghost.leaf', parentCode: 'ghost' }),
      parent('loop.a', { parentCode: 'loop.b' }),
      parent('loop.b', { parentCode: 'loop.a' }),
    ];
    const expected = validateCatalogue(broken)
      .map((p) => `${p.code} ${p.kind}`)
      .sort();
    fc.assert(
      fc.property(fc.shuffledSubarray(broken, { minLength: broken.length, maxLength: broken.length }), (shuffled) => {
        const found = validateCatalogue(shuffled)
          .map((p) => `${p.code} ${p.kind}`)
          .sort();
        expect(found).toEqual(expected);
      }),
      { seed: 20240601, numRuns: 50 },
    );
  });
});
