"""What a small run's flow process does not import before its first document (issue 24)."""

from __future__ import annotations

import subprocess
import sys


def test_the_seeds_run_never_imports_numba_issue_24(seeds_dir, tmp_path):
    """Issue 24: the run of a small bundle (the five seeds, gates on) in a fresh process
    loads them without importing numba (~1 s of the flow process's CPU)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsflow import pipeline\n"
        "from newsflow.settings import Settings\n"
        "settings = Settings(warehouse=Path(sys.argv[2]), nlp_workers=0)\n"
        "summary = pipeline.run_bundle(Path(sys.argv[1]), settings)\n"
        "print(summary['loaded'], 'numba' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(seeds_dir), str(tmp_path / "w.duckdb")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split()[-2:] == ["5", "False"]


def test_the_flow_stores_its_json_parameters_without_fastapi_issue_24():
    """Issue 24: the flow's parameters are JSON already; it stores them as Prefect's encoder
    would (the same values) without importing FastAPI (~0.2 s of the flow process's CPU), also
    when the flow is rebuilt `with_options` (the Dask path)."""
    code = (
        "import json, sys\n"
        "from newsflow.flows.pipeline import ingest_bundle\n"
        "from newsflow.settings import Settings\n"
        "params = {'bundle': 'b', 'settings': Settings().to_params(), 'wait_seconds': 0.0,\n"
        "          'run_id': None}\n"
        "flows = [ingest_bundle, ingest_bundle.with_options(retries=0)]\n"
        "stored = [f.serialize_parameters(params) for f in flows]\n"
        "imported = 'fastapi' in sys.modules\n"
        "from fastapi.encoders import jsonable_encoder\n"
        "print(json.dumps([imported, stored == [jsonable_encoder(params)] * 2]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[false, true]"


def test_a_flow_run_does_not_wait_for_its_heartbeat_thread_issue_24(
    prefect_harness, monkeypatch, tmp_path
):
    """Issue 24: `run_flow`'s flow runs start Prefect's heartbeats as ever, but their end does
    not join the heartbeat thread (which sleeps in whole seconds: 0-1 s of every run's end);
    Prefect's own function is back in place afterwards. Here through a real flow run that
    fails at once (no such bundle)."""
    import pytest
    from prefect import flow_engine

    from newsflow.flows.pipeline import run_flow
    from newsflow.settings import Settings

    prefect_send = flow_engine._send_heartbeats
    opened: list[bool] = []

    def spy(engine, join_on_exit=True):
        opened.append(join_on_exit)
        return prefect_send(engine, join_on_exit=join_on_exit)

    monkeypatch.setattr(flow_engine, "_send_heartbeats", spy)
    with pytest.raises(Exception, match="bundle not found"):
        run_flow(tmp_path / "no-such-bundle", Settings(warehouse=tmp_path / "w.duckdb"))
    assert opened == [False]
    assert flow_engine._send_heartbeats is spy


def test_a_run_the_command_recorded_is_not_migrated_again_issue_24(tmp_path):
    """Issue 24: the flow process of `newsflow run` finds its run recorded (the command has
    migrated the file and marked dead runs, under the same run lock) and only adds its flow
    run: migrating again re-created and committed every view (~0.3 s before its first
    document). A run nobody recorded still migrates the file and marks dead runs first."""
    from pathlib import Path

    import duckdb

    from newsflow import runs
    from newsflow.settings import Settings

    settings = Settings(warehouse=tmp_path / "w.duckdb")
    bundle = Path(__file__).resolve().parents[1] / "examples" / "bundle"

    def state() -> tuple[list[tuple], bool]:
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            rows = con.execute("select run_id, status, flow_run_id from runs order by 1").fetchall()
            views = {r[0] for r in con.execute("select view_name from duckdb_views()").fetchall()}
        return rows, "top_actors" in views

    runs.begin_run(settings, bundle, "run_a", None)  # the command: migrates, records
    assert state() == ([("run_a", "running", None)], True)
    with duckdb.connect(str(settings.warehouse)) as con:
        con.execute("drop view top_actors")  # migrating again would re-create it
    runs.begin_run(settings, bundle, "run_a", "flow-a")  # its flow process
    assert state() == ([("run_a", "running", "flow-a")], False)
    runs.begin_run(settings, bundle, "run_b", "flow-b")  # a run nobody recorded
    assert state() == ([("run_a", "abandoned", "flow-a"), ("run_b", "running", "flow-b")], True)
