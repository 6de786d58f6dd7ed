-- A run starts: recorded as `running` in its own short transaction. `newsflow run` records it
-- before its start-up; the flow process records it again with its Prefect flow run, keeping
-- the first start time (a run's seconds count from the moment it took the warehouse).
insert into runs (run_id, started_at, status, bundle_path, bundle_id, flow_run_id, settings)
values ($run_id, $now, 'running', $bundle_path, $bundle_id, $flow_run_id, $settings)
on conflict (run_id) do update set
    flow_run_id = coalesce(excluded.flow_run_id, runs.flow_run_id),
    bundle_id = excluded.bundle_id,
    settings = excluded.settings
