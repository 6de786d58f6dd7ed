-- The distinct surnames indexed in each of the surname blocks $blocks ('PERSON|k'), for the run
-- to match its names against (history on demand, issue 24; sql/090_actor_lookup.sql).
with final as (
    select distinct block, split_part(lookup, '|', 3) as surname
    from actor_lookup
    where block in (select unnest($blocks))
)

select * from final order by block, surname
