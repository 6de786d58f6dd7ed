-- Issue 20: an event's num_sources counts distinct outlets, and the outlet rule lives only in SQL
-- (queries/fill_outlets.sql). The events stage stages num_sources and confidence as null; the
-- load fills them in its transaction (queries/refresh_event_counts.sql), so no committed row
-- is ever null. DuckDB checks NOT NULL per statement, hence the constraint goes.
alter table events alter column num_sources drop not null;
