-- A run records the settings it ran with (Settings.to_params() as JSON: batch size, model,
-- thresholds, ...) and the inputs it skipped as loaded by earlier runs, so that its row alone
-- accounts for its inputs: inputs = loaded + already_loaded + inputs quarantined.
alter table runs add column if not exists settings varchar;
alter table runs add column if not exists already_loaded bigint;
