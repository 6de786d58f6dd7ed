-- articles.outlet: the outlet an article counts as in every num_sources, and event_articles.outlet,
-- the same for each supporting article. queries/fill_outlets.sql holds the rule; `migrate` runs it
-- after the migrations (this backfills older rows) and the load runs it for the rows it adds.
alter table articles add column if not exists outlet varchar;
alter table event_articles add column if not exists outlet varchar;
