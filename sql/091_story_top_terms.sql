-- Issue 21: a story shows what it is about, so that a bad story is easy to see.
-- stories.top_terms: the words its canonical members' titles use most (lower case; no stop
-- words, no figures), most first, at most 5. Filled by queries/refresh_stories.sql, which also
-- recomputes every story whose top_terms is still null: the first run after this migration
-- fills the stories loaded before it.
alter table stories add column if not exists top_terms varchar[];
