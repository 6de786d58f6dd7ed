-- The run's quarantined rows per stage and reason group.
with final as (
    select stage, reason_group, sum(num_rows) as num_rows
    from quarantine_summary
    where run_id = $run_id
    group by all
)
select * from final order by num_rows desc, stage, reason_group
