"""A run's life around its stages: recorded as begun and as ended in `runs`, its one figure of
seconds, its staging folders, and its models loaded ahead.

`pipeline.run_bundle` calls these in order: `begin_run` once it holds the run lock (before any
model is loaded), `take_models` as it opens the run, `record_failure` when a failure or a
signal ends it, `run_seconds` for its summary. Nothing here knows of Prefect.
"""

from __future__ import annotations

import json
import logging
import signal
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from newsflow import events, extract, ingest, interrupts, load, resources
from newsflow import settings as settings_mod
from newsflow import warehouse as wh

log = logging.getLogger("newsflow")


def write(
    settings: settings_mod.Settings, purpose: str, timeout_s: float | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-write connection for the run's `purpose` (waiting up to `lock_timeout_s` for
    readers), or WarehouseUnavailable saying who holds the file and what to do."""
    wait = settings.lock_timeout_s if timeout_s is None else timeout_s
    return wh.connect(
        settings.warehouse,
        timeout_s=wait,
        remedy=f"A run writes the warehouse at its start and for {purpose}: close that "
        "connection, or give the run longer (`newsflow run --timeout SECONDS`).",
    )


def begin_run(
    settings: settings_mod.Settings, bundle: Path, run_id: str, flow_run_id: str | None
) -> None:
    """Migrate the warehouse and record the run as `running` in one short write (runs left
    `running` by dead processes become `abandoned`); the run holds the run lock.

    A run `newsflow run` has recorded already (it migrated the file and marked dead runs
    under this same lock) only gets its flow run added: migrating again re-created every view
    and committed them, ~0.3 s of the flow process before its first document (issue 24)."""
    record = load.RunRecord(
        run_id, str(bundle), ingest.bundle_id(bundle), flow_run_id,
        json.dumps(settings.to_params()),
    )  # fmt: skip
    with write(settings, "its start") as con:
        if load.run_status(con, run_id) == "running":
            load.start_run(con, record)
            return
        wh.migrate(con)
        load.begin_run(con, record)


def record_failure(settings: settings_mod.Settings, run_id: str, exc: BaseException) -> str | None:
    """Mark the run `interrupted` (a signal ended it) or `failed` with its reason, in its own
    small transaction, unless its load had committed; return the run's status now (None when
    the warehouse could not be written: the next run then marks the row `abandoned`)."""
    signum = interrupts.signal_of(exc)
    if signum is not None:
        status = "interrupted"
        error = f"interrupted by {signal.Signals(signum).name}; nothing of the run was loaded"
    else:
        status, error = "failed", f"{type(exc).__name__}: {exc}"[:2000]
    # Briefly: when a reader's lock is what failed the run, waiting for it again helps nobody.
    wait = min(settings.lock_timeout_s, 5.0)
    try:
        with write(settings, "recording how it ended", timeout_s=wait) as con:
            return load.fail_run(con, run_id, error, status)
    except Exception as problem:  # noqa: BLE001 - the run's own error is the one to raise
        log.warning("could not record how run %s ended: %s", run_id, problem)
        exc.add_note(f"runs row of {run_id} not updated: {problem}")
        return None


def run_seconds(settings: settings_mod.Settings, run_id: str) -> float | None:
    """A run's seconds as `runs` records them: from taking the warehouse to its load's commit
    (`newsflow runs` and the run summary show this one figure)."""
    with wh.connect(settings.warehouse, read_only=True, timeout_s=settings.lock_timeout_s) as con:
        row = con.execute(resources.sql("report/run_seconds.sql"), {"run_id": run_id}).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def quarantine_reasons(staging: load.Staging) -> dict[str, int]:
    """The run's quarantine rows by reason, the part before its first colon (`too short: 4
    words` counts as `too short`, as in the `quarantine_summary` view), most first."""
    rows = staging.read("quarantine", ["reason"])
    if rows is None:
        return {}
    grouped = (
        rows.group_by(pl.col("reason").str.split(":").list.first().str.strip_chars())
        .len()
        .sort(["len", "reason"], descending=[True, False])
    )
    return dict(zip(grouped["reason"].to_list(), grouped["len"].to_list(), strict=True))


def staging_folders(settings: settings_mod.Settings) -> list[Path]:
    """The folders a run's staging sits in, innermost first; the shared `staging/` beside the
    warehouse only when the settings do not name a staging folder of their own."""
    folders = [settings.staging_path]
    if settings.staging_dir is None:
        folders.append(settings.staging_path.parent)
    return folders


def load_models(model: str) -> tuple[Any, Any]:
    """The run's two spaCy pipelines (Great Expectations loads in the gate process)."""
    return extract.load_nlp(model), events.load_parser(model)


# Models being loaded ahead by `warm_up`, by model, for the next run to take. A process-wide
# slot because the warm-up starts before the Prefect flow that opens the run.
_WARMING: dict[str, Future] = {}


def warm_up(settings: settings_mod.Settings) -> None:
    """Start loading the run's models in a thread: `newsflow run` calls this before the flow,
    so that the loading overlaps the start of Prefect's server (a process of its own);
    `take_models` then hands them to the run."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="newsflow-warm-up")
    _WARMING[settings.spacy_model] = pool.submit(load_models, settings.spacy_model)
    pool.shutdown(wait=False)


def take_models(settings: settings_mod.Settings) -> tuple[Any, Any]:
    """The run's spaCy pipelines: those `warm_up` loaded (once), else loaded now."""
    warming = _WARMING.pop(settings.spacy_model, None)
    if warming is None:
        return load_models(settings.spacy_model)
    return interrupts.wait_for(warming)
