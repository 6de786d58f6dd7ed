-- Quarantined rows per run, stage and reason. reason_group is the reason before its first
-- colon: reasons are a fixed vocabulary without colons since issue 21, but rows written before it
-- had counts in them ("too short: 4 words" -> "too short"), and those still group together.
create or replace view quarantine_summary as
with final as (
    select
        run_id,
        stage,
        trim(split_part(reason, ':', 1)) as reason_group,
        reason,
        count(*) as num_rows,
        count(distinct source_path) as num_inputs
    from quarantine
    group by run_id, stage, reason
)
select * from final;
