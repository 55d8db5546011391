import type { ColumnType, Generated } from 'kysely';
import type { CaseChannel, CaseRateDailyTable } from './schema-cases.js';

/** Table types of the analysis module (migrations/007_analysis.sql). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** case_rate_daily's key and counters, by category and channel too. */
export interface CaseRollupDailyTable extends CaseRateDailyTable {
  category_id: number;
  channel: CaseChannel;
}

/**
 * A roll-up change a transition appended, not folded yet (migration 015): the finest key and what
 * to add. Also the rows of case_rollup_daily_live, which reads the folded rows and these alike.
 */
export type CaseRollupDeltaTable = Omit<CaseRollupDailyTable, 'lane'>;

export interface AnalysisWarningTable {
  id: Generated<number>;
  street_id: number;
  grid_id: number;
  grid_path: string;
  category_id: number;
  day: string;
  count: number;
  baseline: number;
  baseline_days: number;
  p_value: number;
  rule: string;
  created_at: CreatedAt;
}

export interface AnalysisSubscriptionTable {
  id: Generated<number>;
  user_id: number;
  unit_kind: 'street' | 'community' | 'grid';
  unit_id: number;
  unit_path: string;
  category_id: number | null;
  created_at: CreatedAt;
}

export type ReportKind = 'weekly' | 'monthly';
export type ReportFormat = 'pdf' | 'xlsx';
export type ReportStatus = 'queued' | 'running' | 'done' | 'failed';

/** A kept 周报/月报 and its files (migrations/009_analysis_reports.sql). */
export interface AnalysisReportTable {
  id: Generated<number>;
  street_id: number;
  unit_kind: 'street' | 'community' | 'grid';
  unit_id: number;
  unit_path: string;
  kind: ReportKind;
  period: string;
  formats: ReportFormat[];
  lang: 'zh' | 'en';
  status: Generated<ReportStatus>;
  progress: Generated<number>;
  source: 'request' | 'schedule';
  requested_by_user_id: number | null;
  requested_by_name: string | null;
  attempts: Generated<number>;
  worker: string | null;
  error: string | null;
  pdf: Buffer | Uint8Array | null;
  xlsx: Buffer | Uint8Array | null;
  created_at: CreatedAt;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

export interface AnalysisTables {
  case_rollup_daily: CaseRollupDailyTable;
  case_rollup_delta: CaseRollupDeltaTable;
  case_rollup_daily_live: CaseRollupDeltaTable;
  analysis_warning: AnalysisWarningTable;
  analysis_subscription: AnalysisSubscriptionTable;
  analysis_report: AnalysisReportTable;
}
