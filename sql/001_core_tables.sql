-- The warehouse contract (docs/warehouse.md documents every column).
-- Public names: add columns in later migrations, never rename these.

create table if not exists runs (
    run_id        varchar primary key,
    started_at    timestamp not null,
    finished_at   timestamp,
    status        varchar not null,      -- running | completed | failed
    bundle_path   varchar not null,
    inputs        bigint,
    loaded        bigint,
    duplicates    bigint,
    quarantined   bigint,
    flow_run_id   varchar,
    bundle_id     varchar,
    error         varchar,               -- why a failed run failed (expectation name, message)
    actors        bigint,
    mentions      bigint,
    events        bigint
);

create table if not exists articles (
    article_id     varchar primary key,
    run_id         varchar not null,
    bundle_id      varchar not null,
    source_path    varchar not null,
    content_hash   varchar not null,
    title          varchar,
    source_name    varchar,
    url            varchar,
    dateline       varchar,
    published_date date,
    date_source    varchar,
    crawl_date     date,
    body           varchar not null,
    word_count     bigint not null,
    language       varchar,
    duplicate_of   varchar,
    story_id       varchar,
    encoding       varchar,
    dup_method     varchar,
    dup_similarity double,
    input_seq      bigint
);

create table if not exists actors (
    actor_id     varchar primary key,
    name         varchar not null,
    actor_type   varchar not null,
    country_code varchar,
    aliases      varchar[]
);

create table if not exists mentions (
    mention_id     varchar primary key,
    article_id     varchar not null,
    actor_id       varchar not null,
    event_id       varchar,
    mention_text   varchar not null,
    char_start     bigint not null,
    char_end       bigint not null,
    sentence_index bigint not null
);

create table if not exists events (
    event_id        varchar primary key,
    event_type      varchar not null,
    cameo_root      varchar,
    source_actor_id varchar,
    target_actor_id varchar,
    event_date      date,
    date_source     varchar,
    place_name      varchar,
    latitude        double,
    longitude       double,
    country_code    varchar,
    story_id        varchar,
    num_mentions    bigint not null,
    num_articles    bigint not null,
    num_sources     bigint not null,
    evidence        varchar,
    confidence      double,
    mode            varchar
);

create table if not exists quarantine (
    run_id      varchar not null,
    bundle_id   varchar,
    source_path varchar,
    stage       varchar not null,
    reason      varchar not null,
    detail      varchar
);

create table if not exists dq_results (
    run_id           varchar not null,
    stage            varchar not null,
    suite            varchar not null,
    expectation      varchar not null,
    success          boolean not null,
    observed         varchar,
    unexpected_count bigint,
    severity         varchar,
    batch_index      bigint
);
