-- The newest runs first, with their accounting and duration. `seconds` is a run's one
-- duration figure: from taking the warehouse (its runs row's start, before the run's start-up)
-- to its end (the load's commit, or when its failure was recorded); run_seconds.sql and the
-- run summary give the same figure.
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
        already_loaded,
        duplicates,
        quarantined,
        actors,
        mentions,
        events,
        not_extracted,
        skipped_records,
        skipped_by_kind,
        error
    from runs
)
select * from final order by started_at desc, run_id desc limit $limit
