-- Dedupe history on demand (issue 24): what a run needs to find an earlier article without
-- reading every signature.
--   article_bands  the MinHash LSH band keys of each canonical article with a signature of
--                  the current sketch version (dedupe/minhash.py: lsh_band_keys), so a batch
--                  finds its near-duplicate candidates by its own band keys. Appended by the
--                  load; a duplicate is never a near-duplicate target, and an article never
--                  becomes a duplicate after it is loaded, so rows are only ever added.
--   story_term_df  how many canonical articles carry each hashed salient term slot
--                  (dedupe/terms.py: df_slot), the document frequencies story weights use:
--                  at most DF_SLOTS rows whatever the size of the warehouse. Added to by the
--                  load (queries/add_story_term_df.sql).
-- The band keys are computed in Python, so the rows of articles loaded before this migration
-- are filled by warehouse.migrate when it applies it (dedupe.lookup.fill_dedupe_lookup).

create table if not exists article_bands (
    band_key   ubigint not null,
    article_id varchar not null
);

create table if not exists story_term_df (
    slot integer primary key,
    n    bigint not null
);
