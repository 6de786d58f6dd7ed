-- Every derived article field records how it was found (issue 4): title and outlet too.
alter table articles add column if not exists title_source varchar;
alter table articles add column if not exists source_name_source varchar;
