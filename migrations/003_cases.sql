-- 接诉即办: categories, cases, their timeline, attachments, deadlines, whistles, rate counters,
-- notifications and the outbox, idempotency keys and Open311 API keys.

create table case_category (
  id            bigint generated always as identity primary key,
  parent_id     bigint references case_category(id),
  code          text not null unique check (code ~ '^[a-z0-9_.-]{2,80}$'),
  name_zh       text not null,
  name_en       text not null,
  handler_kind  text check (handler_kind in ('grid', 'residents_committee', 'property_company', 'department')),
  department    text,
  priority      text not null default 'normal' check (priority in ('emergency', 'high', 'normal', 'low')),
  response_minutes   integer check (response_minutes > 0),
  resolution_minutes integer check (resolution_minutes > 0),
  keywords      text[] not null default '{}',
  -- Open311 service-definition attributes: [{code, datatype, required, description, values?}]
  attributes    jsonb not null default '[]'::jsonb,
  active        boolean not null default true,
  sort_order    integer not null default 0,
  updated_at    timestamptz not null default now(),
  check (response_minutes is null or resolution_minutes is null or response_minutes <= resolution_minutes),
  check ((handler_kind = 'department') = (department is not null))
);

-- Limits per category and priority override the category's own; a null category sets the
-- default for a priority.
create table case_time_limit (
  id            bigint generated always as identity primary key,
  category_id   bigint references case_category(id) on delete cascade,
  priority      text not null check (priority in ('emergency', 'high', 'normal', 'low')),
  response_minutes   integer not null check (response_minutes > 0),
  resolution_minutes integer not null check (resolution_minutes > 0),
  check (response_minutes <= resolution_minutes)
);
create unique index case_time_limit_uq on case_time_limit (coalesce(category_id, 0), priority);

create table cases (
  id              bigint generated always as identity primary key,
  public_id       text not null unique,
  street_id       bigint not null references org_node(id),
  community_id    bigint references org_node(id),
  grid_id         bigint references org_node(id),
  building_id     bigint references org_node(id),
  household_id    bigint references household(id),
  org_path        text not null,
  category_id     bigint not null references case_category(id),
  priority        text not null check (priority in ('emergency', 'high', 'normal', 'low')),
  channel         text not null check (channel in ('resident_app', 'phone', 'visit', 'patrol', 'hotline', 'open311', 'owners_committee')),
  description     text not null,
  address         text,
  lat             double precision check (lat between -90 and 90),
  lon             double precision check (lon between -180 and 180),
  reporter_resident_id bigint references resident(id),
  reporter_user_id     bigint references app_user(id),
  reporter_name   text,
  reporter_phone_enc  text,
  reporter_phone_hash text,
  reporter_phone_mask text,
  reporter_hidden boolean not null default false,
  external_ref    text,
  -- answers to the category's attributes, by attribute code
  attributes      jsonb not null default '{}'::jsonb,
  status          text not null check (status in (
                    'submitted', 'accepted', 'dispatched', 'in_progress', 'replied', 'reopened',
                    'closed', 'merged', 'withdrawn')),
  -- 首接负责: the first unit to receive the case owns it until it closes.
  owner_node_id   bigint references org_node(id),
  handler_kind    text check (handler_kind in ('grid', 'residents_committee', 'property_company', 'department')),
  handler_node_id bigint references org_node(id),
  handler_org_id  bigint references organisation(id),
  received_at     timestamptz not null,
  due_response_at timestamptz not null,
  responded_at    timestamptz,
  dispatched_at   timestamptz,
  due_at          timestamptz,
  replied_at      timestamptz,
  closed_at       timestamptz,
  overdue         boolean not null default false,
  supervision_level integer not null default 0,
  reopen_count    integer not null default 0,
  resolution      text check (resolution in ('resolved', 'unresolved')),
  rated_resolved  boolean,
  satisfaction    text check (satisfaction in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  rated_at        timestamptz,
  merged_into_id  bigint references cases(id),
  close_reason    text,
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  check ((status = 'merged') = (merged_into_id is not null))
);
create index cases_path_idx on cases (org_path text_pattern_ops);
create index cases_status_idx on cases (status) where status not in ('closed', 'merged', 'withdrawn');
create index cases_handler_org_idx on cases (handler_org_id, status);
create index cases_grid_category_idx on cases (grid_id, category_id, received_at desc);
create index cases_reporter_resident_idx on cases (reporter_resident_id);
create index cases_reporter_user_idx on cases (reporter_user_id);
create index cases_received_idx on cases (street_id, received_at desc);
create unique index cases_external_ref_uq on cases (channel, external_ref) where external_ref is not null;

-- The timeline: every transition and note. `internal` rows are hidden from the resident.
create table case_event (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references cases(id) on delete cascade,
  at          timestamptz not null default now(),
  actor_id    bigint references app_user(id),
  actor_name  text not null,
  action      text not null,
  from_status text,
  to_status   text,
  note        text,
  internal    boolean not null default false,
  data        jsonb not null default '{}'::jsonb
);
create index case_event_case_idx on case_event (case_id, id);

create table case_attachment (
  id           bigint generated always as identity primary key,
  case_id      bigint not null references cases(id) on delete cascade,
  event_id     bigint references case_event(id),
  file_name    text not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes   integer not null check (size_bytes > 0),
  sha256       text not null,
  data         bytea not null,
  uploaded_by  bigint references app_user(id),
  created_at   timestamptz not null default now()
);
create index case_attachment_case_idx on case_attachment (case_id);

-- Time-driven work claimed with FOR UPDATE SKIP LOCKED: reminders, overdue marking, escalation.
create table case_deadline_job (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references cases(id) on delete cascade,
  kind        text not null check (kind in ('response_reminder', 'response_overdue', 'reminder', 'overdue', 'escalate')),
  run_at      timestamptz not null,
  -- the due time this job was computed from; a changed due time makes the job stale
  due_at      timestamptz not null,
  done_at     timestamptz,
  outcome     text,
  attempts    integer not null default 0,
  unique (case_id, kind, due_at)
);
create index case_deadline_job_due_idx on case_deadline_job (run_at) where done_at is null;

create table case_supervision (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references cases(id) on delete cascade,
  level       integer not null check (level >= 0),
  kind        text not null check (kind in ('reminder', 'overdue', 'escalated', 'manual')),
  org_node_id bigint references org_node(id),
  at          timestamptz not null default now(),
  by_user_id  bigint references app_user(id),
  note        text
);
create index case_supervision_case_idx on case_supervision (case_id);

-- 吹哨报到
create table whistle (
  id            bigint generated always as identity primary key,
  street_id     bigint not null references org_node(id),
  org_node_id   bigint not null references org_node(id),
  org_path      text not null,
  case_id       bigint references cases(id),
  place         text,
  kind          text not null check (kind in ('routine', 'tough', 'emergency')),
  reason        text not null,
  blown_by      bigint not null references app_user(id),
  blown_at      timestamptz not null default now(),
  checkin_due_at timestamptz not null,
  status        text not null default 'open' check (status in ('open', 'closed')),
  closed_at     timestamptz,
  closed_by     bigint references app_user(id),
  summary       text,
  check (case_id is not null or place is not null),
  check ((status = 'closed') = (closed_at is not null))
);
create index whistle_path_idx on whistle (org_path text_pattern_ops, status);

create table whistle_summons (
  whistle_id     bigint not null references whistle(id) on delete cascade,
  department_id  bigint not null references organisation(id),
  checked_in_at  timestamptz,
  checked_in_by  bigint references app_user(id),
  people_sent    text,
  on_time        boolean,
  rating         integer check (rating between 1 and 5),
  rating_comment text,
  rated_at       timestamptz,
  rated_by       bigint references app_user(id),
  primary key (whistle_id, department_id),
  check ((checked_in_at is null) = (on_time is null))
);
create index whistle_summons_department_idx on whistle_summons (department_id);

create table whistle_time_limit (
  kind            text primary key check (kind in ('routine', 'tough', 'emergency')),
  checkin_minutes integer not null check (checkin_minutes > 0)
);
insert into whistle_time_limit (kind, checkin_minutes) values ('routine', 1440), ('tough', 240), ('emergency', 30);

-- The three rates, kept incrementally: one row per day and unit, updated as cases move.
-- Response counts sit on the day the case was received (so the numerator is a subset of the
-- denominator); rating counts on the day of the rating.
create table case_rate_daily (
  day             date not null,
  unit_kind       text not null check (unit_kind in ('street', 'community', 'grid', 'department', 'property_company')),
  unit_id         bigint not null,
  street_id       bigint not null,
  received        integer not null default 0,
  responded_in_time integer not null default 0,
  rated           integer not null default 0,
  rated_resolved  integer not null default 0,
  rated_satisfied integer not null default 0,
  overdue         integer not null default 0,
  reopened        integer not null default 0,
  -- street_id is part of the key: a district-level department serves several streets
  primary key (day, unit_kind, unit_id, street_id)
);
create index case_rate_daily_street_idx on case_rate_daily (street_id, day);

-- In-app inbox for staff and residents.
create table notification (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references app_user(id) on delete cascade,
  kind        text not null,
  title       text not null,
  body        text not null default '',
  case_id     bigint references cases(id) on delete cascade,
  created_at  timestamptz not null default now(),
  read_at     timestamptz
);
create index notification_user_idx on notification (user_id, id desc);

-- Deliveries leave through the outbox after commit: log, signed webhook, SMS, WeChat.
create table outbox (
  id          bigint generated always as identity primary key,
  channel     text not null check (channel in ('log', 'webhook', 'sms', 'wechat')),
  topic       text not null,
  payload     jsonb not null,
  created_at  timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  attempts    integer not null default 0,
  delivered_at timestamptz,
  last_error  text
);
create index outbox_pending_idx on outbox (next_attempt_at) where delivered_at is null;

create table webhook_subscription (
  id          bigint generated always as identity primary key,
  url         text not null,
  secret      text not null,
  topics      text[] not null default '{}',
  active      boolean not null default true,
  created_at  timestamptz not null default now()
);

-- Retried submissions return the first answer.
create table idempotency_key (
  principal   text not null,
  key         text not null check (length(key) between 1 and 200),
  request_hash text not null,
  status_code integer not null,
  response    jsonb not null,
  created_at  timestamptz not null default now(),
  primary key (principal, key)
);

-- Each key acts through a service account (no roles), so every case and event names who wrote it.
create table open311_api_key (
  id          bigint generated always as identity primary key,
  key_hash    text not null unique,
  name        text not null,
  user_id     bigint not null references app_user(id),
  street_id   bigint not null references org_node(id),
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz
);

create sequence case_public_seq;
