-- Every actor with its mention and event counts and its rank by each (1 = most).
-- Aggregates first, then joins: one pass over mentions and one over events. No distinct-article
-- count: on millions of mentions it costs more than the rest of the view together.
create or replace view top_actors as
with mention_counts as (
    select
        actor_id,
        count(*) as num_mentions
    from mentions
    group by actor_id
),
event_roles as (
    select source_actor_id as actor_id, 1 as as_source, 0 as as_target
    from events
    where source_actor_id is not null
    union all
    select target_actor_id as actor_id, 0 as as_source, 1 as as_target
    from events
    -- an actor on both sides of one event counts once
    where target_actor_id is not null and target_actor_id is distinct from source_actor_id
),
event_counts as (
    select
        actor_id,
        count(*) as num_events,
        sum(as_source) as num_events_as_source,
        sum(as_target) as num_events_as_target
    from event_roles
    group by actor_id
),
counted as (
    select
        actors.actor_id,
        actors.name,
        actors.actor_type,
        actors.country_code,
        coalesce(mention_counts.num_mentions, 0) as num_mentions,
        coalesce(event_counts.num_events, 0) as num_events,
        coalesce(event_counts.num_events_as_source, 0) as num_events_as_source,
        coalesce(event_counts.num_events_as_target, 0) as num_events_as_target
    from actors
    left join mention_counts on mention_counts.actor_id = actors.actor_id
    left join event_counts on event_counts.actor_id = actors.actor_id
),
final as (
    select
        *,
        rank() over (order by num_mentions desc) as rank_by_mentions,
        rank() over (order by num_events desc) as rank_by_events
    from counted
)
select * from final;
