-- A run failed: nothing of it was loaded; the reason is kept.
update runs
set status = 'failed', finished_at = now()::timestamp, error = $error
where run_id = $run_id
