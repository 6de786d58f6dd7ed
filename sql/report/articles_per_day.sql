-- The run's articles per day (published date, else crawl date), duplicates apart.
with final as (
    select
        coalesce(published_date, crawl_date) as day,
        count(*) - count(duplicate_of) as canonical,
        count(duplicate_of) as duplicates
    from articles
    where run_id = $run_id
    group by day
)
select * from final order by day nulls last
