-- A run's accounting, written inside its load transaction (load.load_run).
update runs
set
    status = 'completed',
    finished_at = $now,
    inputs = $inputs,
    loaded = $loaded,
    already_loaded = $already_loaded,
    duplicates = $duplicates,
    quarantined = $quarantined,
    actors = $actors,
    mentions = $mentions,
    events = $events,
    not_extracted = $not_extracted,
    skipped_records = $skipped_records,
    skipped_by_kind = $skipped_by_kind
where run_id = $run_id
