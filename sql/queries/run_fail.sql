-- A run ended without loading: `failed` (error) or `interrupted` (a signal); nothing of it was
-- loaded, the reason is kept. Only a `running` row changes: a run whose load committed stays
-- `completed`, whatever happens after the commit.
update runs
set status = $status, finished_at = $now, error = $error
where run_id = $run_id and status = 'running'
