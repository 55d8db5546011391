import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';
import { planStreet, tile, type Rect } from './street-plan.js';

const area = (r: Rect) => (r.east - r.west) * (r.north - r.south);

describe('planStreet', () => {
  it('plans the default street at the size of a real one', () => {
    const plan = planStreet(new Random(1), 8000);
    const grids = plan.communities.flatMap((c) => c.grids);
    const buildings = grids.flatMap((g) => g.buildings);
    expect(plan.communities).toHaveLength(6);
    for (const c of plan.communities) {
      expect(c.grids.length).toBeGreaterThanOrEqual(6);
      expect(c.grids.length).toBeLessThanOrEqual(8);
      expect(c.estates.length).toBeGreaterThanOrEqual(1);
    }
    expect(buildings.length).toBeGreaterThan(270);
    expect(buildings.length).toBeLessThan(330);
    expect(buildings.reduce((n, b) => n + b.flats.length, 0)).toBe(8000);
  });

  it.each([600, 8000, 100_000])('keeps households per grid and per building realistic for %i households', (households) => {
    const plan = planStreet(new Random(households), households);
    const grids = plan.communities.flatMap((c) => c.grids);
    const perGrid = grids.map((g) => g.buildings.reduce((n, b) => n + b.flats.length, 0));
    const buildings = grids.flatMap((g) => g.buildings);
    expect(perGrid.reduce((a, b) => a + b, 0)).toBe(households);
    expect(households / grids.length).toBeGreaterThan(150);
    expect(households / grids.length).toBeLessThan(250);
    expect(households / buildings.length).toBeGreaterThan(24);
    expect(households / buildings.length).toBeLessThan(30);
    expect(Math.min(...buildings.map((b) => b.flats.length))).toBeGreaterThan(0);
  });

  it('gives unique codes and flats, and building points inside their grid', () => {
    const plan = planStreet(new Random(3), 20_000);
    const codes = plan.communities.flatMap((c) => [c.code, ...c.grids.flatMap((g) => [g.code, ...g.buildings.map((b) => b.code)])]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(plan.communities.map((c) => c.name)).size).toBe(plan.communities.length);
    for (const g of plan.communities.flatMap((c) => c.grids)) {
      for (const b of g.buildings) {
        const flats = b.flats.map((f) => `${f.unit}/${f.room}`);
        expect(new Set(flats).size).toBe(flats.length);
        const [x, y] = b.point;
        expect(x > g.rect.west && x < g.rect.east && y > g.rect.south && y < g.rect.north).toBe(true);
      }
    }
  });

  it('is the same street for the same seed', () => {
    expect(planStreet(new Random(42), 3000)).toEqual(planStreet(new Random(42), 3000));
  });
});

describe('tile', () => {
  it('cuts a rectangle into n pieces that cover it without overlapping', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (n) => {
        const outer = { west: 116.38, south: 39.89, east: 116.392, north: 39.899 };
        const rects = tile(outer, n);
        expect(rects).toHaveLength(n);
        expect(rects.reduce((a, r) => a + area(r), 0)).toBeCloseTo(area(outer), 9);
        for (const [i, a] of rects.entries()) {
          for (const b of rects.slice(i + 1)) {
            const w = Math.min(a.east, b.east) - Math.max(a.west, b.west);
            const h = Math.min(a.north, b.north) - Math.max(a.south, b.south);
            expect(w <= 1e-9 || h <= 1e-9).toBe(true);
          }
        }
      }),
    );
  });
});
