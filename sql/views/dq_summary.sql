-- Quality-gate pass rates per run and stage (a check run on every batch counts once per batch).
create or replace view dq_summary as
with checks as (
    select
        run_id,
        stage,
        count(*) as num_checks,
        count(*) filter (where success) as num_passed,
        count(*) filter (where not success) as num_failed,
        count(*) filter (where not success and severity = 'critical') as num_critical_failed,
        coalesce(sum(unexpected_count) filter (where not success), 0) as unexpected_rows
    from dq_results
    group by run_id, stage
),
final as (
    select
        checks.run_id,
        runs.started_at,
        runs.status,
        checks.stage,
        checks.num_checks,
        checks.num_passed,
        checks.num_failed,
        checks.num_critical_failed,
        checks.unexpected_rows,
        checks.num_passed / checks.num_checks as pass_rate
    from checks
    left join runs on runs.run_id = checks.run_id
)
select * from final;
