// The three rates (响应率、解决率、满意率) by which communities, grids and units are ranked.
import { request } from './client';
import type { Id } from './types';

export const RANKED_UNIT_KINDS = ['community', 'grid', 'department', 'property_company'] as const;
export type RankedUnitKind = (typeof RANKED_UNIT_KINDS)[number];
export type RateUnitKind = 'street' | RankedUnitKind;

export const RATE_NAMES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
export type RateName = (typeof RATE_NAMES)[number];

export interface Ratio {
  numerator: number;
  denominator: number;
  /** null when the denominator is 0: no data, not 0 %. */
  value: number | null;
}

/** The same sentence in both languages, as the server words it. */
export interface BilingualText {
  zh: string;
  en: string;
}

export interface RateUnit {
  kind: RateUnitKind;
  id: number;
  name: string;
}

export interface RateCounts {
  received: number;
  rated: number;
  overdue: number;
  reopened: number;
}

export type Rates = Record<RateName, Ratio> & { counts: RateCounts };

export interface UnitRates extends Rates {
  unit: RateUnit;
  period: 'day' | 'month';
  from: string;
  to: string;
  formulas: Record<RateName, BilingualText>;
}

export interface RankingItem extends Rates {
  rank: number | null;
  unit: RateUnit;
  composite: number | null;
  previous: { rank: number | null; composite: number | null } & Record<RateName, Ratio>;
  change: { rank: number | null; composite: number | null } & Record<RateName, number | null>;
}

export interface Ranking {
  unitKind: RateUnitKind;
  month: string;
  previousMonth: string;
  rule: BilingualText;
  formulas: Record<RateName, BilingualText>;
  items: RankingItem[];
}

export interface TopUnits {
  unitKind: RateUnitKind;
  date: string;
  rule: BilingualText;
  formulas: Record<RateName, BilingualText>;
  items: (Rates & { position: number; unit: RateUnit })[];
}

export const getRanking = (unitKind: RankedUnitKind, month: string, signal?: AbortSignal) =>
  request<Ranking>('/rates/ranking', { query: { unitKind, month }, signal });

export const getTopUnits = (unitKind: RankedUnitKind, date: string, signal?: AbortSignal) =>
  request<TopUnits>('/rates/top', { query: { unitKind, date }, signal });

/** One unit's rates for a local day (YYYY-MM-DD) or month (YYYY-MM). */
export const getUnitRates = (
  unit: { kind: RateUnitKind; id: Id },
  period: 'day' | 'month',
  date: string,
  signal?: AbortSignal,
) => request<UnitRates>('/rates', { query: { unitKind: unit.kind, unitId: String(unit.id), period, date }, signal });
