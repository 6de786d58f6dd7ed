-- Directed source -> target actor pairs, one row per pair, with the event types between them.
-- Symmetric types (e.g. CONSULT) are stored in a stable actor order, so a pair appears once.
-- expected_events sums confidence: how many of them a careful reader would find real and of
-- their type (newsflow.confidence).
create or replace view actor_network as
with pairs as (
    select
        source_actor_id,
        target_actor_id,
        count(*) as num_events,
        sum(num_articles) as num_articles,
        round(sum(confidence), 2) as expected_events,
        list(distinct event_type order by event_type) as event_types,
        min(event_date) as first_date,
        max(event_date) as last_date
    from events
    where source_actor_id is not null and target_actor_id is not null
    group by source_actor_id, target_actor_id
),
final as (
    select
        pairs.source_actor_id,
        source.name as source_name,
        source.actor_type as source_type,
        source.country_code as source_country,
        pairs.target_actor_id,
        target.name as target_name,
        target.actor_type as target_type,
        target.country_code as target_country,
        pairs.num_events,
        pairs.num_articles,
        pairs.event_types,
        pairs.first_date,
        pairs.last_date,
        pairs.expected_events
    from pairs
    left join actors as source on source.actor_id = pairs.source_actor_id
    left join actors as target on target.actor_id = pairs.target_actor_id
)
select * from final;
