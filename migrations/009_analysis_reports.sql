-- 民情分析 周报/月报 kept as files: asked for by staff or made by the schedule after each week and
-- month ends, generated in the background by whichever app process claims the row first.
create table analysis_report (
  id              bigint generated always as identity primary key,
  street_id       bigint not null references org_node(id),
  unit_kind       text not null check (unit_kind in ('street', 'community', 'grid')),
  unit_id         bigint not null references org_node(id),
  unit_path       text not null,
  kind            text not null check (kind in ('weekly', 'monthly')),
  -- an ISO week YYYY-Www for weekly reports, a month YYYY-MM for monthly ones
  period          text not null check (
    (kind = 'weekly' and period ~ '^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$') or
    (kind = 'monthly' and period ~ '^\d{4}-(0[1-9]|1[0-2])$')),
  formats         text[] not null check (cardinality(formats) between 1 and 2 and formats <@ array['pdf', 'xlsx']),
  lang            text not null check (lang in ('zh', 'en')),
  status          text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress        smallint not null default 0 check (progress between 0 and 100),
  -- who asked: a user (name kept should the account go), or the schedule
  source          text not null check (source in ('request', 'schedule')),
  requested_by_user_id bigint references app_user(id) on delete set null,
  requested_by_name text,
  -- the claim: each claim adds one, and a worker writes only while the count is still its own
  attempts        integer not null default 0 check (attempts >= 0),
  worker          text,
  error           text,
  pdf             bytea,
  xlsx            bytea,
  created_at      timestamptz not null default now(),
  started_at      timestamptz,
  heartbeat_at    timestamptz,
  finished_at     timestamptz,
  check ((source = 'schedule') = (requested_by_name is null)),
  check (status <> 'done' or (
    progress = 100 and finished_at is not null
    and (pdf is not null) = ('pdf' = any(formats))
    and (xlsx is not null) = ('xlsx' = any(formats)))),
  check (status <> 'failed' or error is not null)
);
-- The schedule makes one report per unit, kind and period, however many processes run it.
create unique index analysis_report_schedule_uq on analysis_report (unit_id, kind, period) where source = 'schedule';
-- Workers look only at unfinished rows.
create index analysis_report_queue_idx on analysis_report (id) where status in ('queued', 'running');
create index analysis_report_unit_idx on analysis_report (unit_id, created_at desc);
