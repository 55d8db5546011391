-- 民情分析: the analysis roll-up by category and channel, early warnings and their subscriptions.

-- The same counters as case_rate_daily, one row per day, unit, category and channel, written by
-- the same call (cases/rates.ts, bumpRates) in the same transaction as the case move. Summed over
-- category and channel it equals case_rate_daily; the rows of unit_kind 'grid' are the per grid ×
-- category × day counts the early warning reads.
create table case_rollup_daily (
  day             date not null,
  unit_kind       text not null check (unit_kind in ('street', 'community', 'grid', 'department', 'property_company')),
  unit_id         bigint not null,
  street_id       bigint not null,
  category_id     bigint not null references case_category(id),
  channel         text not null check (channel in ('resident_app', 'phone', 'visit', 'patrol', 'hotline', 'open311', 'owners_committee')),
  received        integer not null default 0,
  responded_in_time integer not null default 0,
  rated           integer not null default 0,
  rated_resolved  integer not null default 0,
  rated_satisfied integer not null default 0,
  overdue         integer not null default 0,
  reopened        integer not null default 0,
  primary key (day, unit_kind, unit_id, street_id, category_id, channel)
);
-- The views read one unit (or the units of one street) over a range of days.
create index case_rollup_daily_unit_idx on case_rollup_daily (unit_kind, unit_id, day);
create index case_rollup_daily_street_idx on case_rollup_daily (street_id, day);

-- The weekly overdue list reads open overdue cases of a subtree, never all cases.
create index cases_open_overdue_idx on cases (org_path text_pattern_ops, due_at)
  where overdue and status not in ('closed', 'merged', 'withdrawn');

-- 动态预警: a grid's count of a category on a local day above its baseline. Raised once per
-- grid, category and day whoever reads first; the figures say why it fired.
create table analysis_warning (
  id            bigint generated always as identity primary key,
  street_id     bigint not null references org_node(id),
  grid_id       bigint not null references org_node(id),
  grid_path     text not null,
  category_id   bigint not null references case_category(id),
  day           date not null,
  count         integer not null check (count >= 0),
  -- mean daily count over the baseline window, and the window's length in days
  baseline      double precision not null check (baseline >= 0),
  baseline_days integer not null check (baseline_days > 0),
  p_value       double precision not null check (p_value >= 0 and p_value <= 1),
  rule          text not null,
  created_at    timestamptz not null default now(),
  unique (grid_id, category_id, day)
);
create index analysis_warning_path_idx on analysis_warning (grid_path text_pattern_ops, day);

-- Staff ask to hear of warnings in a unit's subtree, for one category or all.
create table analysis_subscription (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references app_user(id) on delete cascade,
  unit_kind   text not null check (unit_kind in ('street', 'community', 'grid')),
  unit_id     bigint not null references org_node(id),
  unit_path   text not null,
  category_id bigint references case_category(id) on delete cascade,
  created_at  timestamptz not null default now()
);
create unique index analysis_subscription_uq on analysis_subscription (user_id, unit_id, coalesce(category_id, 0));
create index analysis_subscription_path_idx on analysis_subscription (unit_path text_pattern_ops);
