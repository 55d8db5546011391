-- The rates of one unit, or of every unit of a kind, over a month: read by unit, a month's rows
-- of each, rather than every unit's rows of those days through the primary key (which leads with
-- the day). At city scale (343 streets, ~40,000 units) that is thousands of rows, not millions.
create index case_rate_daily_unit_idx on case_rate_daily (unit_kind, unit_id, day);
