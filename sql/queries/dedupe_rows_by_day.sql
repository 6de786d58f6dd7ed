-- Dedupe history on demand (issue 24): the canonical articles whose story day falls in
-- [$lo, $hi] (the weeks a batch's story window touches), with the columns of
-- queries/dedupe_state.sql: the story candidates of the batch. Signatures are filtered by day
-- first (their row groups carry min/max dates), then joined to the few columns of their
-- articles that the signatures lack (a scan of those columns: the cost of this read).
with signatures as (
    select * from article_signatures where story_day between $lo and $hi
),

final as (
    select
        s.article_id,
        s.content_hash,
        a.duplicate_of,
        null::varchar as dup_method,  -- canonical articles: no link
        null::double as dup_similarity,
        a.story_id,
        s.story_day,
        s.sketch_version,
        s.shingle_count,
        s.minhash,
        s.story_terms,
        s.story_weight,
        s.dup_keys,
        s.dup_lead,
        s.dup_opening,
        s.dup_bloom,
        a.word_count
    from signatures as s
    inner join articles as a on a.article_id = s.article_id
    where a.duplicate_of is null
)

select * from final
order by story_day, article_id
