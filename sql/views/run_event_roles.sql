-- Per run: the events its articles support (new or updated by it) and how many of them name no
-- source or no target, or are only past context (issue 20). A warehouse whose events lack roles
-- shows it here, run by run; of those null roles, how many the text fills with a generic agent
-- ("police", `events.source_generic`). Runs without events keep a row with zeros.
create or replace view run_event_roles as
with touched as (
    select distinct
        a.run_id,
        ea.event_id
    from event_articles as ea
    inner join articles as a on a.article_id = ea.article_id
),

per_run as (
    select
        t.run_id,
        count(*) as num_events,
        count(*) filter (where e.source_actor_id is null) as num_null_source,
        count(*) filter (where e.target_actor_id is null) as num_null_target,
        count(*) filter (where e.background) as num_background,
        count(*) filter (where e.source_generic is not null) as num_generic_source,
        count(*) filter (where e.target_generic is not null) as num_generic_target
    from touched as t
    inner join events as e on e.event_id = t.event_id
    group by t.run_id
),

final as (
    select
        r.run_id,
        r.started_at,
        r.status,
        coalesce(p.num_events, 0) as num_events,
        coalesce(p.num_null_source, 0) as num_null_source,
        coalesce(p.num_null_target, 0) as num_null_target,
        round(p.num_null_source / p.num_events, 3) as null_source_share,
        round(p.num_null_target / p.num_events, 3) as null_target_share,
        coalesce(p.num_background, 0) as num_background,
        coalesce(p.num_generic_source, 0) as num_generic_source,
        coalesce(p.num_generic_target, 0) as num_generic_target
    from runs as r
    left join per_run as p on p.run_id = r.run_id
)

select * from final;
