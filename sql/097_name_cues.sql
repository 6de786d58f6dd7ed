-- Issue 20: what articles wrote of a name's kind, so that a later batch or run reads a firm
-- the small model calls a person as the firm an earlier article named (newsflow.name_memory).
-- One row per (name, cue): name is firm_names.name_key (lower case, single spaces); cue is
-- 'firm' (written with a firm's or club's own words: "oil giant Yukos", "Chelsea boss Jose
-- Mourinho") or 'person' (given a person: "Mr Keane", "Keane said he"); run_id is the run that
-- first read it. A set: rows are only ever added, and a re-run adds nothing.

create table if not exists name_cues (
    name   varchar not null,
    cue    varchar not null check (cue in ('firm', 'person')),
    run_id varchar not null,
    primary key (name, cue)
);
