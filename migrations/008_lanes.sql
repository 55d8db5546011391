-- Lanes: the rows every transaction of a street would otherwise queue on — the street's day
-- counters and its audit chain — are split into a few lanes. Each transaction writes all its
-- counters and audit rows in one lane, picked at random (server/platform/db/transaction.ts,
-- laneOf), so intakes of one street contend only when they pick the same lane.
--
-- A counter is the sum of its lanes: every reader already sums rows over a key, and the
-- rebuild writes lane 0. An audit chain is a street's rows of one lane, hash-linked in seq
-- order; the lane is covered by the links (a row moved to another lane breaks both chains).

alter table case_rate_daily add column lane smallint not null default 0;
alter table case_rate_daily drop constraint case_rate_daily_pkey;
alter table case_rate_daily add primary key (day, unit_kind, unit_id, street_id, lane);

alter table case_rollup_daily add column lane smallint not null default 0;
alter table case_rollup_daily drop constraint case_rollup_daily_pkey;
alter table case_rollup_daily add primary key (day, unit_kind, unit_id, street_id, category_id, channel, lane);

alter table audit_log add column lane smallint not null default 0;
alter table audit_log drop constraint audit_log_chain_seq_key;
alter table audit_log add constraint audit_log_chain_lane_seq_key unique (chain, lane, seq);
