-- Known events a batch can touch, with their merge keys and supporting articles, in the shape of
-- queries/event_state.sql (history on demand, issue 24). A report joins a known event across
-- stories only when both are dated and their windows meet (event_merge._Key.matches), so this
-- reads: the dated events of a type whose source or target merge key pairs with it in $pairs
-- ('TYPE|key'; $keys: those keys) and whose date window meets $lo..$hi (no pair read without a
-- window); every event of the stories $stories; the events one of $articles supports (a
-- duplicate's canonical); the events with ids $ids; none of $held, the ids the run holds.
-- A person or body of a country keys as 'GBR/<actor_id>' (event_sides): it is looked up by
-- its country, the part before the '/'.
with by_key as (
    select event_id, split_part(source_key, '/', 1) as merge_key from event_keys
    where split_part(source_key, '/', 1) in (select unnest($keys))
    union all
    select event_id, split_part(target_key, '/', 1) as merge_key from event_keys
    where split_part(target_key, '/', 1) in (select unnest($keys))
),

wanted as (
    select b.event_id
    from by_key as b
    inner join events as e on e.event_id = b.event_id
    inner join event_keys as k on k.event_id = b.event_id
    where e.event_type || '|' || b.merge_key in (select unnest($pairs))
        and $lo is not null
        and k.date_lo is not null and k.date_hi >= $lo and k.date_lo <= $hi
    union
    select event_id from events where story_id in (select unnest($stories))
    union
    select event_id from event_articles where article_id in (select unnest($articles))
    union
    select unnest($ids) as event_id
),

chosen as (
    select event_id from wanted
    where event_id not in (select unnest($held))
),

supporting as (
    select
        event_id,
        list(struct_pack(article_id, source_name, num_mentions, outlet) order by article_id) as supporting
    from event_articles
    where event_id in (select event_id from chosen)
    group by event_id
),

final as (
    select e.*, k.* exclude (event_id), s.supporting
    from events as e
    inner join event_keys as k on k.event_id = e.event_id
    left join supporting as s on s.event_id = e.event_id
    where e.event_id in (select event_id from chosen)
)

select * from final
