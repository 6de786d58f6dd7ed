-- Dedupe and story clustering state (issue 5; docs in src/newsflow/dedupe.py).
-- Signatures persist so a later bundle is matched against every earlier article without
-- recomputing them; the duplicate and story links themselves live on `articles`.

create table if not exists article_signatures (
    article_id     varchar primary key,
    content_hash   varchar not null,
    sketch_version varchar not null,     -- shingling/MinHash parameters; other versions are not compared
    shingle_count  integer not null,     -- word bigrams, repeats included (containment estimates)
    minhash        uinteger[],           -- the MinHash signature (num_perm values); null without shingles
    story_day      date,                 -- the story window clock: published, crawled, else the batch median
    story_terms    ubigint[],            -- hashed salient terms (capitalised names) for story candidates
    story_weight   double                -- summed term weights when indexed (story overlap denominator)
);

create table if not exists stories (
    story_id     varchar primary key,
    first_seen   date,
    last_seen    date,
    num_articles bigint not null,        -- every member, duplicates included
    num_sources  bigint not null,        -- distinct source_name
    headline     varchar,                -- title of the earliest canonical member
    top_actors   varchar[]               -- most mentioned actor names, most first (at most 5)
);
