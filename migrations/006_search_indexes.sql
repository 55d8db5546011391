-- Name search matches from the start of a name (surname first) or of the given name (the name
-- after its first character), which btrees can serve for any length of query; trigram indexes
-- cannot help one- or two-character Chinese names.
create index resident_name_prefix_idx on resident (name text_pattern_ops);
create index resident_given_name_prefix_idx on resident ((substr(name, 2)) text_pattern_ops);

-- The household list's order (org path, unit, room), so the first page of a street's 100,000
-- households is read in order instead of sorted in full.
create index household_list_order_idx on household (org_path, unit, room, id);
