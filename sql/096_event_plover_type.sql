-- Issue 20: events.plover_type, the PLOVER codebook's type of an event, beside event_type (the
-- trigger's type). PLOVER codes a planned or possible act as the intent it states (AGREE, or
-- THREATEN for a hostile act) and a negated cooperative act as a REJECT ("would not bow to
-- demands", "will not meet"): `triggers.plover_type`, the rule the accuracy harness scores.
-- Counting by event_type alone counted "would not meet" as a CONSULT. Rows loaded before this
-- migration get theirs from their event_type and mode by the Python backfill that
-- warehouse.migrate runs with this file (warehouse._fill_plover_types).
alter table events add column if not exists plover_type varchar;
