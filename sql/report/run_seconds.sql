-- A run's seconds: from the moment it took the warehouse (its runs row's start) to its end
-- (its load's commit, or when its failure was recorded). `newsflow runs` and the run summary
-- both show this figure (recent_runs.sql computes it the same way).
select date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds
from runs
where run_id = $run_id
