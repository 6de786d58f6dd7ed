-- What dedupe needs from earlier runs, read once at run start (issue 5): every article's
-- content hash and links, and the persisted signature where one exists.
with final as (
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
    left join article_signatures as s on s.article_id = a.article_id
)

select * from final
order by story_day nulls last, article_id
