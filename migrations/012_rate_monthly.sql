-- The three rates' counters by month: the same seven counters as case_rate_daily, one row per
-- local month (its first day), unit, street and lane, written by the same statement as the daily
-- rows (cases/rates.ts, writeBumps) and rebuilt and checked with them (cases/rollups/). A month of
-- every unit of a kind, or of one unit, is then a row a unit instead of a row a unit a day: the
-- city's ranking of ~7,000 communities reads ~7,000 rows (× lanes), not ~200,000.
--
-- Lanes as in migration 008: a street's month row is as hot as its day row, so each transaction
-- writes its lane; a counter is the sum of its lanes; the rebuild writes lane 0.
create table case_rate_monthly (like case_rate_daily including defaults including constraints);
alter table case_rate_monthly rename column day to month;
alter table case_rate_monthly add check (extract(day from month) = 1);
-- Readers take a month of a kind (rankings) or of one unit: both are prefixes of the key.
alter table case_rate_monthly add primary key (month, unit_kind, unit_id, street_id, lane);
-- The rebuild and check of one street.
create index case_rate_monthly_street_idx on case_rate_monthly (street_id, month);

-- Rankings and top lists read every unit of a kind in the reader's scope (a city reader: every
-- community under 16 districts, ~7,000 of ~41,000 nodes): by kind, then each scope path's range.
create index org_node_kind_path_idx on org_node (kind, path text_pattern_ops);
