-- The run's quality-gate pass rates per stage.
select stage, num_checks, num_passed, num_failed, num_critical_failed, unexpected_rows, pass_rate
from dq_summary
where run_id = $run_id
order by stage
