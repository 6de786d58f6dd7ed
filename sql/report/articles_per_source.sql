-- The run's articles per outlet, duplicates apart, largest first.
with final as (
    select
        coalesce(source_name, '(unknown)') as source_name,
        count(*) - count(duplicate_of) as canonical,
        count(duplicate_of) as duplicates,
        count(*) as num_articles
    from articles
    where run_id = $run_id
    group by all
)
select * from final order by num_articles desc, source_name limit 25
