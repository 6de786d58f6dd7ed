-- Runs still `running` when no run holds the lock died mid-way (the next run says so).
update runs
set
    status = 'abandoned',
    finished_at = now()::timestamp,
    error = coalesce(error, 'the process stopped before the run finished; nothing was loaded')
where status = 'running'
returning run_id
