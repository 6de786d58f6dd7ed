-- One run's accounting.
select run_id, status, started_at, finished_at, bundle_path, inputs, loaded, duplicates,
       quarantined, actors, mentions, events, error
from runs
where run_id = $run_id
