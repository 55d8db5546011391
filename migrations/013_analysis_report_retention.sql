-- Finished reports by age, for the retention that deletes those past REPORT_RETENTION_DAYS:
-- an hourly round reads only the rows it deletes, not the whole table.
create index analysis_report_finished_idx on analysis_report (created_at, id) where status in ('done', 'failed');
