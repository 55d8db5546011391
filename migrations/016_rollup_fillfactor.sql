-- Room on each page of the day roll-ups for the fold's updates (fold-rollups.ts). Most of a day's
-- counter changes land on keys the day already has (a unit's counters for today); with free space
-- on the row's page the new row version stays on that page and, no indexed column changing, is a
-- heap-only (HOT) update: none of the table's three indexes is touched, and only the one heap page
-- is written and logged. Full pages sent every such update to another page and a new entry into
-- every index, each a cold leaf at a city's size. At 10,000,000 cases, one fold of 65 transitions'
-- changes took 89.7 ms with full pages and 28.5 ms with these (the two tables rewritten at 90).
--
-- case_rate_monthly stays full: its primary key carries the counters (migration 014), so its
-- updates can never be HOT, and the city ranking reads it.
--
-- Only pages filled from now on keep the room (new rows, and a rebuild's: scripts/rebuild-rates.ts);
-- rows already stored stay where they are until rewritten.
alter table case_rollup_daily set (fillfactor = 90);
alter table case_rate_daily set (fillfactor = 90);
