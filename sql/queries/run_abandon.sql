-- Runs still `running` when no run holds the lock died mid-way (the next run says so); the run
-- that is starting (`$keep`) is not one of them.
update runs
set
    status = 'abandoned',
    finished_at = $now,
    error = coalesce(error, 'the process stopped before the run finished; nothing was loaded')
where status = 'running' and run_id is distinct from $keep
returning run_id
