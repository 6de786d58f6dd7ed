-- Events merge bookkeeping (issue 7): which articles support which event, and each event's
-- merge key, so a later run merges into the same row and a rerun of the same articles adds nothing.

create table if not exists event_articles (
    event_id     varchar not null,
    article_id   varchar not null,
    source_name  varchar,             -- the outlet, counted distinct into events.num_sources
    num_mentions bigint not null,     -- sentences of this article reporting the event
    primary key (event_id, article_id)
);

create table if not exists event_keys (
    event_id       varchar primary key,
    mode_group     varchar not null,  -- asserted (incl. planned) | negated | possible
    source_key     varchar,           -- merge key of the source: country for states/officials, else actor_id
    target_key     varchar,
    date_lo        date,              -- window the event date may fall in ("earlier this month")
    date_hi        date,
    place_key      varchar,           -- ISO3 or ISO3:city
    evidence_score double             -- score of the evidence sentence; a clearer one replaces it
);
