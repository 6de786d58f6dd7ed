-- Actors most mentioned in the run's articles, with how many of the run's events they are in.
with run_mentions as (
    select mentions.actor_id, count(*) as num_mentions
    from mentions
    join articles on articles.article_id = mentions.article_id
    where articles.run_id = $run_id
    group by mentions.actor_id
),
final as (
    select
        top_actors.name,
        top_actors.actor_type,
        top_actors.country_code,
        run_mentions.num_mentions,
        top_actors.num_events
    from run_mentions
    join top_actors on top_actors.actor_id = run_mentions.actor_id
)
select * from final order by num_mentions desc, name limit 20
