import type { ColumnType, Generated } from 'kysely';

/** Table types of the case module (migrations/003_cases.sql). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type Priority = 'emergency' | 'high' | 'normal' | 'low';
export type HandlerKind = 'grid' | 'residents_committee' | 'property_company' | 'department';
export type CaseChannel = 'resident_app' | 'phone' | 'visit' | 'patrol' | 'hotline' | 'open311' | 'owners_committee';
export type CaseStatus = 'submitted' | 'accepted' | 'dispatched' | 'in_progress' | 'replied' | 'reopened' | 'closed' | 'merged' | 'withdrawn';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type WhistleKind = 'routine' | 'tough' | 'emergency';
export type RateUnitKind = 'street' | 'community' | 'grid' | 'department' | 'property_company';
export type DeadlineJobKind = 'response_reminder' | 'response_overdue' | 'reminder' | 'overdue' | 'escalate';

/** An Open311 service-definition attribute of a category. */
export interface ServiceAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  order: number;
  values?: { key: string; name: string }[];
}

export interface CaseCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name_zh: string;
  name_en: string;
  handler_kind: HandlerKind | null;
  department: string | null;
  priority: Generated<Priority>;
  response_minutes: number | null;
  resolution_minutes: number | null;
  keywords: Generated<string[]>;
  attributes: ColumnType<ServiceAttribute[], string | undefined, string>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CaseTimeLimitTable {
  id: Generated<number>;
  category_id: number | null;
  priority: Priority;
  response_minutes: number;
  resolution_minutes: number;
}

export interface CasesTable {
  id: Generated<number>;
  public_id: string;
  street_id: number;
  community_id: number | null;
  grid_id: number | null;
  building_id: number | null;
  household_id: number | null;
  org_path: string;
  category_id: number;
  priority: Priority;
  channel: CaseChannel;
  description: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  reporter_resident_id: number | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_hash: string | null;
  reporter_phone_mask: string | null;
  reporter_hidden: Generated<boolean>;
  external_ref: string | null;
  attributes: ColumnType<Record<string, string>, string | undefined, string>;
  status: CaseStatus;
  owner_node_id: number | null;
  handler_kind: HandlerKind | null;
  handler_node_id: number | null;
  handler_org_id: number | null;
  received_at: Date;
  due_response_at: Date;
  responded_at: Date | null;
  dispatched_at: Date | null;
  due_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  overdue: Generated<boolean>;
  supervision_level: Generated<number>;
  reopen_count: Generated<number>;
  resolution: 'resolved' | 'unresolved' | null;
  rated_resolved: boolean | null;
  satisfaction: Satisfaction | null;
  rated_at: Date | null;
  merged_into_id: number | null;
  close_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: number;
  at: Generated<Date>;
  actor_id: number | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  internal: Generated<boolean>;
  data: Json<Record<string, unknown>>;
}

export interface CaseAttachmentTable {
  id: Generated<number>;
  case_id: number;
  event_id: number | null;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  data: Buffer | Uint8Array;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface CaseDeadlineJobTable {
  id: Generated<number>;
  case_id: number;
  kind: DeadlineJobKind;
  run_at: Date;
  due_at: Date;
  done_at: Date | null;
  outcome: string | null;
  attempts: Generated<number>;
}

export interface CaseSupervisionTable {
  id: Generated<number>;
  case_id: number;
  level: number;
  kind: 'reminder' | 'overdue' | 'escalated' | 'manual';
  org_node_id: number | null;
  at: Generated<Date>;
  by_user_id: number | null;
  note: string | null;
}

export interface WhistleTable {
  id: Generated<number>;
  street_id: number;
  org_node_id: number;
  org_path: string;
  case_id: number | null;
  place: string | null;
  kind: WhistleKind;
  reason: string;
  blown_by: number;
  blown_at: Generated<Date>;
  checkin_due_at: Date;
  status: Generated<'open' | 'closed'>;
  closed_at: Date | null;
  closed_by: number | null;
  summary: string | null;
}

export interface WhistleSummonsTable {
  whistle_id: number;
  department_id: number;
  checked_in_at: Date | null;
  checked_in_by: number | null;
  people_sent: string | null;
  on_time: boolean | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Date | null;
  rated_by: number | null;
}

export interface WhistleTimeLimitTable {
  kind: WhistleKind;
  checkin_minutes: number;
}

export interface CaseRateDailyTable {
  day: string;
  unit_kind: RateUnitKind;
  unit_id: number;
  street_id: number;
  /** A counter is the sum of its lanes (migration 008); the rebuild writes lane 0. */
  lane: Generated<number>;
  received: Generated<number>;
  responded_in_time: Generated<number>;
  rated: Generated<number>;
  rated_resolved: Generated<number>;
  rated_satisfied: Generated<number>;
  overdue: Generated<number>;
  reopened: Generated<number>;
}

/** case_rate_daily's counters by local month (migration 012); `month` is the month's first day. */
export interface CaseRateMonthlyTable extends Omit<CaseRateDailyTable, 'day'> {
  month: string;
}

/** The rows the *_live views read (migration 015): the folded counters and those not folded yet, without lanes. */
export type CaseRateDailyLive = Omit<CaseRateDailyTable, 'lane'>;
export type CaseRateMonthlyLive = Omit<CaseRateMonthlyTable, 'lane'>;

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  case_id: number | null;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: 'log' | 'webhook' | 'sms' | 'wechat';
  topic: string;
  payload: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  next_attempt_at: Generated<Date>;
  attempts: Generated<number>;
  delivered_at: Date | null;
  last_error: string | null;
}

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  url: string;
  secret: string;
  topics: Generated<string[]>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface IdempotencyKeyTable {
  principal: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: CreatedAt;
}

export interface Open311ApiKeyTable {
  id: Generated<number>;
  key_hash: string;
  name: string;
  user_id: number;
  street_id: number;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface CaseTables {
  case_category: CaseCategoryTable;
  case_time_limit: CaseTimeLimitTable;
  cases: CasesTable;
  case_event: CaseEventTable;
  case_attachment: CaseAttachmentTable;
  case_deadline_job: CaseDeadlineJobTable;
  case_supervision: CaseSupervisionTable;
  whistle: WhistleTable;
  whistle_summons: WhistleSummonsTable;
  whistle_time_limit: WhistleTimeLimitTable;
  case_rate_daily: CaseRateDailyTable;
  case_rate_monthly: CaseRateMonthlyTable;
  case_rate_daily_live: CaseRateDailyLive;
  case_rate_monthly_live: CaseRateMonthlyLive;
  notification: NotificationTable;
  outbox: OutboxTable;
  webhook_subscription: WebhookSubscriptionTable;
  idempotency_key: IdempotencyKeyTable;
  open311_api_key: Open311ApiKeyTable;
}
