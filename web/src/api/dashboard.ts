// 驾驶舱 (big screen): one request for everything the full-screen dashboard shows (server/modules/analysis/read-dashboard.ts).
import type { AreaKind, AreaUnit } from './analysis';
import { request } from './client';
import type { BilingualText, RateCounts, RateName, Ratio, TopUnits } from './rates';
import type { WhistleKind, WhistleSummary } from './whistles';

export type PeriodKind = 'day' | 'week' | 'month';

export interface DashboardGrid {
  id: number;
  name: string;
  community: { id: number; name: string } | null;
  boundary: unknown;
  received: number;
  overdue: number;
  openOverdue: number;
}

export interface DashboardRankItem extends Record<RateName, Ratio> {
  rank: number | null;
  unit: AreaUnit;
  composite: number | null;
  counts: RateCounts;
}

export interface Dashboard {
  unit: AreaUnit;
  period: { kind: PeriodKind; spec: string; from: string; to: string };
  asOf: string;
  grids: { rule: BilingualText; items: DashboardGrid[] };
  trend: { from: string; to: string; rule: BilingualText; items: { day: string; received: number; resolved: number; overdue: number }[] };
  rates: Record<RateName, Ratio> & { counts: RateCounts; formulas: TopUnits['formulas'] };
  ranking: { unitKind: AreaKind | null; rule: BilingualText; items: DashboardRankItem[] };
  whistles: {
    rule: BilingualText;
    open: { kind: WhistleKind; open: number; summoned: number; checkedIn: number; lateNotCheckedIn: number }[];
    checkIn: { summoned: number; checkedIn: number; onTime: number; checkInRate: Ratio; onTimeRate: Ratio; formulas: { checkInRate: BilingualText; onTimeRate: BilingualText } };
    recent: { total: number; items: WhistleSummary[] };
  } | null;
}

/** The dashboard of a street, community or grid (its org node id) for a day YYYY-MM-DD, ISO week YYYY-Www or month YYYY-MM. */
export const getDashboard = (unitId: number, period: string, signal?: AbortSignal) =>
  request<Dashboard>('/analysis/dashboard', { query: { unit: String(unitId), period }, signal });
