-- The hash of the raw input each article was parsed from (issue 11): a rerun skips inputs
-- already loaded before parsing them. Null for articles loaded before this column existed
-- (those are still skipped after parsing, by article_id).
alter table articles add column if not exists input_hash varchar;
