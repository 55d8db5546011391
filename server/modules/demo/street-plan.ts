import type { Random } from './random.js';

/**
 * The shape of the demo street, decided before anything is written: how many communities,
 * grids and buildings, where they lie, and how many households each building holds.
 * Sizes follow the ratios of a real street: ~1,300 households a community, 6–8 grids a
 * community (150–250 households a grid), ~27 households a building.
 */

export interface Rect {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Flat {
  unit: string;
  room: string;
}

export interface PlannedBuilding {
  code: string;
  name: string;
  address: string;
  point: [number, number];
  estateIndex: number;
  /** Typical floor area of a flat in this building, m². */
  typicalArea: number;
  flats: Flat[];
}

export interface PlannedGrid {
  code: string;
  name: string;
  rect: Rect;
  buildings: PlannedBuilding[];
}

export interface PlannedCommunity {
  code: string;
  name: string;
  /** The name without 社区, used for estates and local organisations. */
  stem: string;
  rect: Rect;
  estates: string[];
  grids: PlannedGrid[];
}

export interface StreetPlan {
  district: { code: string; name: string };
  street: { code: string; name: string; rect: Rect };
  communities: PlannedCommunity[];
}

export const DISTRICT_NAME = '示范区';
export const STREET_NAME = '和平街道';
const CENTRE = { lon: 116.4, lat: 39.9 };
const COMMUNITY_SIZE = { lon: 0.012, lat: 0.009 };

const COMMUNITY_STEMS = [
  '幸福里', '和谐园', '光明', '朝阳', '翠湖', '丽景', '春晖', '锦绣', '安华', '建设', '团结', '胜利',
  '育新', '新华', '东风', '紫竹', '碧水', '枫林', '桃园', '松榆', '玉泉', '金台', '白云', '明德',
  '文华', '长青', '康乐', '永安', '阳光', '兴隆', '馨园', '清河', '百花', '龙潭', '芳园', '华林',
  '青塔', '双榆', '荷花池', '梅园',
];
const STEM_VARIANTS = ['', '东', '西', '南', '北', '中'];
const ESTATE_SUFFIXES = ['花园', '家园', '嘉园', '雅苑', '新村', '小区', '名苑', '公寓'];

export function planStreet(rng: Random, households: number): StreetPlan {
  if (!Number.isInteger(households) || households < 1) throw new Error('households must be a positive integer');
  const districtCode = 'D01';
  const streetCode = `${districtCode}-S01`;
  const communityCount = Math.max(1, Math.round(households / 1333.3));
  const cols = Math.ceil(Math.sqrt(communityCount));
  const rows = Math.ceil(communityCount / cols);
  const streetRect = centredRect(cols * COMMUNITY_SIZE.lon, rows * COMMUNITY_SIZE.lat);
  const communityRects = tile(streetRect, communityCount);
  const perCommunity = rng.spread(households, communityCount, 0.15);

  const communities = perCommunity.map((count, i): PlannedCommunity => {
    const stem = uniqueStem(i);
    const name = `${stem}社区`;
    const code = `${streetCode}-C${pad(i + 1, 2)}`;
    return planCommunity(rng, { code, name, stem, rect: communityRects[i]!, households: count });
  });
  return {
    district: { code: districtCode, name: DISTRICT_NAME },
    street: { code: streetCode, name: STREET_NAME, rect: streetRect },
    communities,
  };
}

function planCommunity(
  rng: Random,
  c: { code: string; name: string; stem: string; rect: Rect; households: number },
): PlannedCommunity {
  let gridCount = Math.max(1, Math.round(c.households / rng.between(170, 215)));
  if (c.households >= 1100) gridCount = Math.min(8, Math.max(6, gridCount));
  const gridRects = tile(c.rect, gridCount);
  let buildingNumber = 0;
  const grids = rng.spread(c.households, gridCount, 0.2).map((gridHouseholds, g): PlannedGrid => {
    const code = `${c.code}-G${pad(g + 1, 2)}`;
    const rect = gridRects[g]!;
    const buildingCount = Math.max(1, Math.round(gridHouseholds / rng.between(24, 29.5)));
    const points = scatter(rng, rect, buildingCount);
    const buildings = rng.spread(gridHouseholds, buildingCount, 0.25).map((flatCount, b): PlannedBuilding => {
      buildingNumber += 1;
      const name = `${buildingNumber}号楼`;
      return {
        code: `${code}-B${pad(b + 1, 3)}`,
        name,
        address: `${STREET_NAME}${c.name}${name}`,
        point: points[b]!,
        estateIndex: 0,
        typicalArea: rng.between(55, 115),
        flats: planFlats(rng, flatCount),
      };
    });
    return { code, name: `${c.name}第${chineseNumber(g + 1)}网格`, rect, buildings };
  });

  // Estates (小区) take runs of neighbouring buildings: usually two a community.
  const all = grids.flatMap((g) => g.buildings);
  const estateCount = all.length < 4 ? 1 : all.length >= 14 && rng.chance(0.3) ? 3 : 2;
  const suffixes = rng.shuffle(ESTATE_SUFFIXES).slice(0, estateCount);
  let next = 0;
  rng.spread(all.length, estateCount, 0.3).forEach((size, e) => {
    for (let k = 0; k < size; k++) all[next++]!.estateIndex = e;
  });
  return { code: c.code, name: c.name, stem: c.stem, rect: c.rect, estates: suffixes.map((s) => `${c.stem}${s}`), grids };
}

/** Walk-up blocks: 5–7 floors, two flats a landing; some flats stand empty. */
function planFlats(rng: Random, count: number): Flat[] {
  if (count === 0) return [];
  const floors = rng.weighted([[5, 2], [6, 6], [7, 2]] as const);
  const perLanding = 2;
  const units = Math.max(1, Math.ceil((count * rng.between(1, 1.15)) / (floors * perLanding)));
  const slots: Flat[] = [];
  for (let u = 1; u <= units; u++) {
    for (let f = 1; f <= floors; f++) {
      for (let p = 1; p <= perLanding; p++) slots.push({ unit: `${u}单元`, room: `${f}${pad(p, 2)}` });
    }
  }
  // Choose which slots are lived in, keeping them in building order.
  const chosen = new Set(rng.shuffle(slots.map((_, i) => i)).slice(0, count));
  return slots.filter((_, i) => chosen.has(i));
}

/** Cuts `rect` into `n` non-overlapping rectangles that cover it exactly, row by row from the north. */
export function tile(rect: Rect, n: number): Rect[] {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const out: Rect[] = [];
  const y = (r: number) => round6(rect.north - ((rect.north - rect.south) * r) / rows);
  for (let r = 0; r < rows; r++) {
    const cells = r < rows - 1 ? cols : n - cols * (rows - 1);
    const x = (c: number) => round6(rect.west + ((rect.east - rect.west) * c) / cells);
    for (let c = 0; c < cells; c++) out.push({ west: x(c), south: y(r + 1), east: x(c + 1), north: y(r) });
  }
  return out;
}

/** `n` points inside `rect`, one near the middle of each cell of a lattice. */
function scatter(rng: Random, rect: Rect, n: number): [number, number][] {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = (rect.east - rect.west) / cols;
  const h = (rect.north - rect.south) / rows;
  return Array.from({ length: n }, (_, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    return [
      round6(rect.west + w * (c + 0.5 + rng.between(-0.25, 0.25))),
      round6(rect.north - h * (r + 0.5 + rng.between(-0.25, 0.25))),
    ];
  });
}

export function polygon(rect: Rect): { type: 'Polygon'; coordinates: number[][][] } {
  const { west: w, south: s, east: e, north: n } = rect;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

function centredRect(width: number, height: number): Rect {
  return {
    west: round6(CENTRE.lon - width / 2),
    south: round6(CENTRE.lat - height / 2),
    east: round6(CENTRE.lon + width / 2),
    north: round6(CENTRE.lat + height / 2),
  };
}

function uniqueStem(i: number): string {
  const base = COMMUNITY_STEMS[i % COMMUNITY_STEMS.length]!;
  const round = Math.floor(i / COMMUNITY_STEMS.length);
  if (round < STEM_VARIANTS.length) return base + STEM_VARIANTS[round];
  return `${base}${round - STEM_VARIANTS.length + 2}`;
}

const DIGITS = '零一二三四五六七八九';
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
