-- A run starts: recorded as `running` in its own short transaction.
insert into runs (run_id, started_at, status, bundle_path, bundle_id, flow_run_id, settings)
values ($run_id, now()::timestamp, 'running', $bundle_path, $bundle_id, $flow_run_id, $settings)
