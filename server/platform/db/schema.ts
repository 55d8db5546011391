import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AnalysisTables } from './schema-analysis.js';
import type { CaseTables } from './schema-cases.js';

/** Table types for Kysely, kept in step with migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type OrgKind = 'district' | 'street' | 'community' | 'grid' | 'building';
export type OrganisationKind = 'department' | 'property_company' | 'partner_unit' | 'social_org';
export type PartyOrgKind = 'committee' | 'branch' | 'group';
export type RoleName =
  | 'street_admin'
  | 'community_staff'
  | 'party_secretary'
  | 'grid_worker'
  | 'building_head'
  | 'department_handler'
  | 'property_handler'
  | 'owners_committee_member'
  | 'resident'
  | 'auditor';
export type StaffKind = 'committee_member' | 'grid_worker' | 'building_head';
export type Housing = 'owned' | 'rented' | 'public' | 'other';
export type Gender = 'male' | 'female' | 'unknown';
export type PoliticalStatus = 'cpc_member' | 'cpc_probationary' | 'cyl_member' | 'democratic_party' | 'masses';
export type Relationship =
  | 'head'
  | 'spouse'
  | 'child'
  | 'parent'
  | 'grandchild'
  | 'grandparent'
  | 'sibling'
  | 'child_in_law'
  | 'tenant'
  | 'other';
export type VisitMethod = 'home' | 'phone' | 'online' | 'other';
export type ImportKind = 'households' | 'residents';
/** What an import job brings in: the household archive, or 12345 hotline work orders as cases. */
export type ImportJobKind = ImportKind | 'hotline_cases';
export type ImportStatus = 'validating' | 'importing' | 'rejected' | 'done' | 'failed';

export interface OrgNodeTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: OrgKind;
  code: string;
  name: string;
  path: string;
  street_id: number | null;
  estate_id: number | null;
  address: string | null;
  boundary: Json | null;
  point: Json | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EstateTable {
  id: Generated<number>;
  community_id: number;
  street_id: number;
  org_path: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrganisationTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  org_node_id: number;
  street_id: number | null;
  org_path: string;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: CreatedAt;
}

export interface PropertyServiceTable {
  organisation_id: number;
  estate_id: number;
  since: string | null;
}

export interface PartyOrgTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: PartyOrgKind;
  name: string;
  org_node_id: number;
  street_id: number | null;
  org_path: string;
  secretary: string | null;
  member_count: Generated<number>;
  created_at: CreatedAt;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  is_demo: Generated<boolean>;
  resident_id: number | null;
  organisation_id: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  disabled_at: Date | null;
  created_at: CreatedAt;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role: RoleName;
  org_node_id: number;
}

export interface StaffTable {
  id: Generated<number>;
  kind: StaffKind;
  employment: 'full_time' | 'part_time' | null;
  name: string;
  title: string | null;
  org_node_id: number;
  street_id: number | null;
  org_path: string;
  user_id: number | null;
  created_at: CreatedAt;
}

export interface SessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain: number;
  /** The chain's lane (migration 008): each lane of a street is a hash chain of its own. */
  lane: Generated<number>;
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Generated<Date>;
}

export interface TagTable {
  code: string;
  applies_to: 'household' | 'resident' | 'both';
  name_zh: string;
  name_en: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface HouseholdTable {
  id: Generated<number>;
  building_id: number;
  grid_id: number;
  community_id: number;
  street_id: number;
  org_path: string;
  unit: Generated<string>;
  room: string;
  address: string;
  housing: Housing;
  area_m2: string | null;
  tags: Generated<string[]>;
  notes: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ResidentTable {
  id: Generated<number>;
  street_id: number;
  name: string;
  gender: Gender;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  political_status: Generated<PoliticalStatus>;
  tags: Generated<string[]>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface HouseholdMemberTable {
  id: Generated<number>;
  household_id: number;
  resident_id: number;
  relationship: Relationship;
  since: string | null;
  until: string | null;
}

export interface VisitTable {
  id: Generated<number>;
  household_id: number;
  street_id: number;
  org_path: string;
  visitor_id: number | null;
  visitor_name: string;
  visited_at: Date;
  method: VisitMethod;
  notes: Generated<string>;
  follow_up: string | null;
  follow_up_due: string | null;
  follow_up_done_at: Date | null;
  created_at: CreatedAt;
}

export interface ImportJobTable {
  id: Generated<number>;
  kind: ImportJobKind;
  status: ImportStatus;
  file_name: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  errors: Json<ImportRowError[]>;
  summary: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

export interface DB extends CaseTables, AnalysisTables {
  org_node: OrgNodeTable;
  estate: EstateTable;
  organisation: OrganisationTable;
  property_service: PropertyServiceTable;
  party_org: PartyOrgTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  staff: StaffTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
  tag: TagTable;
  household: HouseholdTable;
  resident: ResidentTable;
  household_member: HouseholdMemberTable;
  visit: VisitTable;
  import_job: ImportJobTable;
  deliberation_setting: DeliberationSettingTable;
  topic: TopicTable;
  topic_support: TopicSupportTable;
  meeting: MeetingTable;
  meeting_agenda_item: MeetingAgendaItemTable;
  meeting_invitation: MeetingInvitationTable;
  meeting_registration: MeetingRegistrationTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_comment: MeetingCommentTable;
  resolution: ResolutionTable;
  resolution_task: ResolutionTaskTable;
  resolution_task_note: ResolutionTaskNoteTable;
  deliberation_outcome: DeliberationOutcomeTable;
  owners_vote: OwnersVoteTable;
  vote_developer_unit: VoteDeveloperUnitTable;
  vote_owner: VoteOwnerTable;
  vote_owner_unit: VoteOwnerUnitTable;
  vote_proxy: VoteProxyTable;
  vote_ballot: VoteBallotTable;
}

export type OrgNode = Selectable<OrgNodeTable>;
export type Household = Selectable<HouseholdTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type HouseholdUpdate = Updateable<HouseholdTable>;
export type Resident = Selectable<ResidentTable>;
export type NewResident = Insertable<ResidentTable>;
export type AppUser = Selectable<AppUserTable>;

// Deliberation (协商议事) and owners' votes (业主表决): migrations/004_deliberation.sql.
export type TopicSource = 'resident' | 'case' | 'staff';
export type TopicStatus = 'collecting' | 'vetting' | 'accepted' | 'merged' | 'declined' | 'deliberated' | 'concluded';
export type MeetingKind = 'council' | 'joint' | 'hearing' | 'heart_to_heart';
export type TaskStatus = 'open' | 'in_progress' | 'done';
export type VoteMatter =
  | 'rules_of_procedure'
  | 'management_statute'
  | 'owners_committee_election'
  | 'property_service_hiring'
  | 'maintenance_fund_use'
  | 'maintenance_fund_raising'
  | 'building_reconstruction'
  | 'common_parts_use_change'
  | 'other_important';
export type VoteRule = 'civil_code_278_special' | 'civil_code_278_ordinary';
export type VoteChoice = 'for' | 'against' | 'abstain';

export interface DeliberationSettingTable {
  community_id: number;
  street_id: number;
  org_path: string;
  support_threshold: number;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface TopicTable {
  id: Generated<number>;
  community_id: number;
  street_id: number;
  org_path: string;
  source: TopicSource;
  case_id: number | null;
  title: string;
  description: string;
  proposer_id: number;
  proposer_resident_id: number | null;
  status: TopicStatus;
  support_count: Generated<number>;
  merged_into_id: number | null;
  decline_reason: string | null;
  vet_note: string | null;
  vetted_by: number | null;
  vetted_at: Date | null;
  feedback: string | null;
  feedback_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface TopicSupportTable {
  topic_id: number;
  resident_id: number;
  user_id: number;
  created_at: CreatedAt;
}

export interface MeetingTable {
  id: Generated<number>;
  community_id: number;
  street_id: number;
  org_path: string;
  kind: MeetingKind;
  title: string;
  location: string;
  starts_at: Date;
  ends_at: Date | null;
  capacity: number;
  registered_count: Generated<number>;
  comment_opens_at: Date | null;
  comment_closes_at: Date | null;
  checkin_secret: string;
  status: Generated<'scheduled' | 'closed'>;
  minutes: string | null;
  minutes_at: Date | null;
  closed_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface MeetingAgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  topic_id: number | null;
  title: string;
}

export interface MeetingInvitationTable {
  id: Generated<number>;
  meeting_id: number;
  name: string;
  capacity_as: string | null;
  user_id: number | null;
  organisation_id: number | null;
  party_org_id: number | null;
  created_at: CreatedAt;
}

export interface MeetingRegistrationTable {
  meeting_id: number;
  user_id: number;
  created_at: CreatedAt;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  user_id: number;
  checked_in_at: Generated<Date>;
}

export interface MeetingCommentTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: number;
  body: string;
  created_at: CreatedAt;
}

export interface ResolutionTable {
  id: Generated<number>;
  meeting_id: number;
  topic_id: number | null;
  community_id: number;
  street_id: number;
  org_path: string;
  title: string;
  content: string;
  owner_name: string;
  owner_user_id: number | null;
  due_date: string;
  status: Generated<'open' | 'done'>;
  done_at: Date | null;
  created_at: CreatedAt;
}

export interface ResolutionTaskTable {
  id: Generated<number>;
  resolution_id: number;
  title: string;
  assignee_name: string;
  due_date: string | null;
  status: Generated<TaskStatus>;
  done_at: Date | null;
  created_at: CreatedAt;
}

export interface ResolutionTaskNoteTable {
  id: Generated<number>;
  task_id: number;
  author_id: number | null;
  author_name: string;
  note: string;
  evidence: string | null;
  status_after: TaskStatus;
  created_at: CreatedAt;
}

export interface DeliberationOutcomeTable {
  id: Generated<number>;
  topic_id: number;
  street_id: number;
  feedback: string;
  recorded_by: number | null;
  created_at: CreatedAt;
  notified_at: Date | null;
}

export interface OwnersVoteTable {
  id: Generated<number>;
  estate_id: number;
  community_id: number;
  street_id: number;
  org_path: string;
  title: string;
  description: string;
  matter: VoteMatter;
  rule: VoteRule;
  status: Generated<'draft' | 'open' | 'closed'>;
  total_owners: number | null;
  total_area_cents: number | null;
  closes_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  result: Json<Record<string, unknown>> | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface VoteDeveloperUnitTable {
  vote_id: number;
  household_id: number;
}

export interface VoteOwnerTable {
  id: Generated<number>;
  vote_id: number;
  owner_key: string;
  resident_id: number | null;
  display_name: string;
  area_cents: number;
  unit_count: number;
  is_developer: Generated<boolean>;
}

export interface VoteOwnerUnitTable {
  vote_id: number;
  owner_id: number;
  household_id: number;
  area_cents: number;
}

export interface VoteProxyTable {
  id: Generated<number>;
  vote_id: number;
  owner_id: number;
  proxy_name: string;
  proxy_resident_id: number | null;
  authorization_ref: string;
  recorded_by: number | null;
  created_at: CreatedAt;
}

export interface VoteBallotTable {
  id: Generated<number>;
  vote_id: number;
  owner_id: number;
  choice: VoteChoice;
  channel: 'online' | 'paper';
  paper_reference: string | null;
  proxy_id: number | null;
  cast_by: number;
  created_at: CreatedAt;
}
