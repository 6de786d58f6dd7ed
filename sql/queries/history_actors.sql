-- Warehouse actors under the lookup keys $keys (sql/090_actor_lookup.sql) or with the ids $ids
-- (history on demand, issue 24; the caller leaves out the ids the run holds already).
with wanted as (
    select actor_id from actor_lookup where lookup in (select unnest($keys))
    union
    select unnest($ids) as actor_id
),

final as (
    select a.actor_id, a.name, a.actor_type, a.country_code, a.aliases
    from actors as a
    where a.actor_id in (select actor_id from wanted)
)

select * from final
