-- Dedupe history on demand (issue 24): the articles with the ids $ids (those a batch repeats,
-- shares a content hash with, or shares an LSH band with: dedupe.lookup), with the columns of
-- queries/dedupe_state.sql. Both tables are filtered by a semi join on id (a hash of the wanted
-- ids probed while scanning): at 1M articles, 0.6 s for 2,761 ids where `= any(list)` (index
-- look-ups, one by one) took 2.8 s.
with signatures as (
    select * from article_signatures where article_id in (select unnest($ids))
),

final as (
    select
        a.article_id,
        a.content_hash,
        a.duplicate_of,
        a.dup_method,
        a.dup_similarity,
        a.story_id,
        coalesce(s.story_day, a.published_date, a.crawl_date) as story_day,
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
    from articles as a
    left join signatures as s on s.article_id = a.article_id
    where a.article_id in (select unnest($ids))
)

select * from final
order by story_day nulls last, article_id
