-- The newest runs first, with their accounting and duration.
with final as (
    select
        run_id,
        status,
        started_at,
        finished_at,
        date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds,
        bundle_path,
        inputs,
        loaded,
        duplicates,
        quarantined,
        actors,
        mentions,
        events,
        error
    from runs
)
select * from final order by started_at desc, run_id desc limit $limit
