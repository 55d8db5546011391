-- Name search matches from the start of a name (surname first) or of the given name (the name
-- after its first character), which btrees can serve for any length of query; trigram indexes
-- cannot help one- or two-character Chinese names.
create index resident_name_prefix_idx on resident (name text_pattern_ops);
create index resident_given_name_prefix_idx on resident ((substr(name, 2)) text_pattern_ops);
