-- Events a run touched: supported by one of the run's articles (event_articles, or a mention
-- linked to the event), or in a story one of its articles belongs to. Events merge across runs,
-- so their counts are warehouse totals.
with run_articles as (
    select article_id, story_id from articles where run_id = $run_id
),
by_article as (
    select event_articles.event_id
    from event_articles
    join run_articles on run_articles.article_id = event_articles.article_id
),
by_mention as (
    select mentions.event_id
    from mentions
    join run_articles on run_articles.article_id = mentions.article_id
    where mentions.event_id is not null
),
by_story as (
    select events.event_id
    from events
    where events.story_id in (select story_id from run_articles where story_id is not null)
),
final as (
    select
        events.event_id,
        events.event_type,
        events.event_date,
        events.source_actor_id,
        source.name as source_name,
        events.target_actor_id,
        target.name as target_name,
        events.num_articles
    from events
    left join actors as source on source.actor_id = events.source_actor_id
    left join actors as target on target.actor_id = events.target_actor_id
    where events.event_id in (
        select event_id from by_article
        union select event_id from by_mention
        union select event_id from by_story
    )
)
select * from final
