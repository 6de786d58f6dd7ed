-- Every story the run's articles belong to, with its size across the warehouse.
with run_stories as (
    select distinct story_id from articles where run_id = $run_id and story_id is not null
),
final as (
    select
        articles.story_id,
        count(*) as num_articles,
        count(distinct articles.outlet) as num_sources,
        min(articles.title) filter (where articles.duplicate_of is null) as title
    from articles
    join run_stories on run_stories.story_id = articles.story_id
    group by articles.story_id
)
select * from final order by num_articles desc, story_id
