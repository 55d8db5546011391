-- 12345 hotline work orders are imported as cases through the same import jobs as the archive.

-- The kind check of import_job was declared inline, so its name is whatever PostgreSQL chose
-- (import_job_kind_check on every version so far). Drop every check constraint on the column,
-- whatever its name, then add it back under a fixed name with the new kind.
do $$
declare
  c record;
begin
  for c in
    select con.conname
    from pg_constraint con
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = any (con.conkey)
    where con.conrelid = 'import_job'::regclass and con.contype = 'c' and a.attname = 'kind'
  loop
    execute format('alter table import_job drop constraint %I', c.conname);
  end loop;
end
$$;

alter table import_job
  add constraint import_job_kind_check check (kind in ('households', 'residents', 'hotline_cases'));
