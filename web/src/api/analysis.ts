// 民情分析: the daily, weekly and monthly views of an area unit, and hot words (server/modules/analysis).
import { request } from './client';
import type { BilingualText, Ranking, RateName, Ratio, TopUnits } from './rates';

export type AreaKind = 'street' | 'community' | 'grid';

export interface AreaUnit {
  kind: AreaKind;
  id: number;
  name: string;
}

/** A unit as the API names it: `street:12`, `community:34`, `grid:56`. */
export const unitParam = (unit: { kind: AreaKind; id: number }) => `${unit.kind}:${unit.id}`;

export interface AnalysisCategory {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface EarlyWarning {
  id: number;
  day: string;
  grid: { id: number; name: string };
  category: AnalysisCategory;
  count: number;
  baseline: number;
  baselineDays: number;
  pValue: number;
  threshold: { pValue: number; minCount: number; baselineDays: number };
  rule: string;
  raisedAt: string;
  why: BilingualText;
}

export interface DailyAnalysis {
  unit: AreaUnit;
  date: string;
  volume: {
    received: number;
    sameWeekday: { date: string; received: number }[];
    sameWeekdayMean: number;
    change: number;
    changeRatio: number | null;
  };
  hotCategories: {
    category: AnalysisCategory;
    received: number;
    sameWeekday: number[];
    sameWeekdayMean: number;
    change: number;
    changeRatio: number | null;
  }[];
  topUnits: { unitKind: AreaKind | null; rule: BilingualText; formulas: TopUnits['formulas']; items: TopUnits['items'] };
  warnings: { rule: BilingualText; items: EarlyWarning[] };
}

export interface ClassProblem {
  place: { kind: string; id: number; name: string };
  category: AnalysisCategory;
  count: number;
  firstAt: string;
  lastAt: string;
  publicIds: string[];
}

export interface OverdueCase {
  id: number;
  publicId: string;
  categoryId: number;
  gridId: number | null;
  status: string;
  receivedAt: string;
  dueAt: string;
  supervisionLevel: number;
  handlerKind: string | null;
  handlerOrgId: number | null;
}

export interface FallingBehind {
  unit: AreaUnit;
  rate: RateName;
  value: Ratio;
  streetValue: Ratio;
  gap: number;
}

export interface WeeklyAnalysis {
  unit: AreaUnit;
  week: string;
  from: string;
  to: string;
  overdue: { asOf: string; total: number; limit: number; items: OverdueCase[] };
  classProblems: { rule: BilingualText; from: string; to: string; items: ClassProblem[] };
  fallingBehind: {
    rule: BilingualText;
    formulas: TopUnits['formulas'];
    street: Record<RateName, Ratio>;
    items: FallingBehind[];
  };
}

export interface MonthlyAnalysis {
  unit: AreaUnit;
  month: string;
  from: string;
  to: string;
  ranking: Ranking;
  priorityCandidates: { rule: BilingualText; classProblemRule: BilingualText; items: ClassProblem[] };
}

export type HotWordTrend = 'new' | 'rising' | 'steady' | 'falling';

export interface HotWord {
  term: string;
  count: number;
  share: number;
  previousCount: number;
  previousShare: number;
  change: number;
  trend: HotWordTrend;
}

interface HotWordPeriod {
  from: string;
  to: string;
  received: number;
  read: number;
}

export interface HotWords {
  unit: AreaUnit;
  current: HotWordPeriod;
  previous: HotWordPeriod;
  sample: { limit: number; truncated: boolean; note: BilingualText };
  trendRule: BilingualText;
  items: HotWord[];
}

/** Hot words cover at most this many local days. */
export const MAX_HOT_WORD_DAYS = 92;

type UnitRef = { kind: AreaKind; id: number };

/** 日分析 of a local day (YYYY-MM-DD). */
export const getDailyAnalysis = (unit: UnitRef, date: string, signal?: AbortSignal) =>
  request<DailyAnalysis>('/analysis/daily', { query: { date, unit: unitParam(unit) }, signal });

/** 周调度 of an ISO week (YYYY-Www). */
export const getWeeklyAnalysis = (unit: UnitRef, week: string, signal?: AbortSignal) =>
  request<WeeklyAnalysis>('/analysis/weekly', { query: { week, unit: unitParam(unit) }, signal });

/** 月点评 of a month (YYYY-MM); the ranking is of communities unless told otherwise. */
export const getMonthlyAnalysis = (unit: UnitRef, month: string, signal?: AbortSignal, unitKind?: string) =>
  request<MonthlyAnalysis>('/analysis/monthly', {
    query: { month, unit: unitParam(unit), ...(unitKind ? { unitKind } : {}) },
    signal,
  });

/** Hot words of local days from..to, against the previous period of the same length. */
export const getHotWords = (unit: UnitRef, from: string, to: string, signal?: AbortSignal) =>
  request<HotWords>('/analysis/hot-words', { query: { from, to, unit: unitParam(unit) }, signal });

/** The weekly and monthly views as .xlsx downloads (a plain link: the session cookie signs it). */
export const weeklyReportUrl = (unit: UnitRef, week: string) =>
  `/api/analysis/reports/weekly.xlsx?${new URLSearchParams({ week, unit: unitParam(unit) })}`;
export const monthlyReportUrl = (unit: UnitRef, month: string, unitKind?: string) =>
  `/api/analysis/reports/monthly.xlsx?${new URLSearchParams({ month, unit: unitParam(unit), ...(unitKind ? { unitKind } : {}) })}`;

export type ReportKind = 'weekly' | 'monthly';
export type ReportFormat = 'pdf' | 'xlsx';
export type ReportStatus = 'queued' | 'running' | 'done' | 'failed';

/** A kept 周报/月报 (server/modules/analysis/reports): made in the background, downloadable when done. */
export interface AnalysisReport {
  id: number;
  unit: AreaUnit;
  kind: ReportKind;
  period: string;
  formats: ReportFormat[];
  lang: 'zh' | 'en';
  status: ReportStatus;
  progress: number;
  source: 'request' | 'schedule';
  requestedBy: { id: number | null; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The files made; each url is a plain link (the session cookie signs it). */
  files: { format: ReportFormat; bytes: number; url: string }[];
}

/** The unit's kept reports, newest first. */
export const listReports = (unit: UnitRef, signal?: AbortSignal) =>
  request<{ items: AnalysisReport[] }>('/analysis/reports', { query: { unit: unitParam(unit) }, signal });

/** Asks for a report (PDF and Excel) in the UI's language; the server answers at once with the queued report. */
export const requestReport = (unit: UnitRef, kind: ReportKind, period: string, idempotencyKey: string) =>
  request<AnalysisReport>('/analysis/reports', { method: 'POST', body: { kind, period, unit: unitParam(unit), format: 'both' }, idempotencyKey });
