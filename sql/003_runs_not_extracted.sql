-- Non-English articles are kept but not extracted (issue 4): the run says how many.
alter table runs add column if not exists not_extracted bigint;
