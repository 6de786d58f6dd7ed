-- Quarantine rows of a run; an input already quarantined for the same stage and reason by an
-- earlier run is not recorded again, so rerunning a bundle adds no rows ($1 run_id, $2 parquet glob).
insert into quarantine (run_id, bundle_id, source_path, stage, reason, detail)
with staged as (
    select distinct bundle_id, source_path, stage, reason, detail
    from read_parquet($2)
),

final as (
    select $1 as run_id, s.bundle_id, s.source_path, s.stage, s.reason, s.detail
    from staged as s
    where not exists (
        select 1
        from quarantine as q
        where q.bundle_id is not distinct from s.bundle_id
            and q.source_path is not distinct from s.source_path
            and q.stage = s.stage
            and q.reason = s.reason
    )
)

select * from final
