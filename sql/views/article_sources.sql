-- Per outlet: articles loaded (duplicates included), how many were duplicates, date range.
-- Articles whose outlet was not found are grouped under a null source_name.
create or replace view article_sources as
with final as (
    select
        source_name,
        count(*) as num_articles,
        count(duplicate_of) as num_duplicates,
        count(*) - count(duplicate_of) as num_canonical,
        min(published_date) as first_published,
        max(published_date) as last_published
    from articles
    group by source_name
)
select * from final;
