-- Warehouse actors under the lookup keys $keys (sql/090_actor_lookup.sql) or with the ids $ids,
-- but none of $held, the ids the run holds already (history on demand, issue 24).
with wanted as (
    select actor_id from actor_lookup where lookup in (select unnest($keys))
    union
    select unnest($ids) as actor_id
),

final as (
    select a.actor_id, a.name, a.actor_type, a.country_code, a.aliases
    from actors as a
    where a.actor_id in (select actor_id from wanted)
        and a.actor_id not in (select unnest($held))
)

select * from final
