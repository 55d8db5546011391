-- Roll-up changes are appended, then folded. A case transition used to upsert its counters into
-- case_rate_daily, case_rate_monthly and case_rollup_daily in its own transaction: one row a unit
-- in each, and with a city's roll-ups (~11 GB at 10,000,000 cases) those rows and their index
-- leaves are rarely in memory, so a transition read and logged (full-page images) several cold
-- pages for its counters: ~30% on top of the rest of the transition.
--
-- Now a transition appends its changes here, the finest key (day, unit, street, category,
-- channel) and what to add, in one INSERT into a table without indexes: its last page is always
-- in memory and no row of it is shared, so concurrent transitions never wait on one another for a
-- counter. A background round (cases/rollups/fold-rollups.ts) moves the rows into the three
-- tables in one statement, summed, so a day's counter shared by many transitions is written once
-- a round.
--
-- Readers read the *_live views: the folded rows and the rows not folded yet, whose sum is exact at
-- every moment (one snapshot sees a row either here or folded, never both). A counter is the sum of
-- its rows, as with lanes (migration 008): the views keep no lane.
-- case_rollup_daily's columns, defaults and not-null constraints, without its key, checks and lane.
create table case_rollup_delta (like case_rollup_daily including defaults)
  with (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
alter table case_rollup_delta drop column lane;

create view case_rollup_daily_live as
  select day, unit_kind, unit_id, street_id, category_id, channel,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rollup_daily
  union all
  select day, unit_kind, unit_id, street_id, category_id, channel,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rollup_delta;

create view case_rate_daily_live as
  select day, unit_kind, unit_id, street_id,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rate_daily
  union all
  select day, unit_kind, unit_id, street_id,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rollup_delta;

create view case_rate_monthly_live as
  select month, unit_kind, unit_id, street_id,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rate_monthly
  union all
  select date_trunc('month', day)::date, unit_kind, unit_id, street_id,
    received, responded_in_time, rated, rated_resolved, rated_satisfied, overdue, reopened
  from case_rollup_delta;
