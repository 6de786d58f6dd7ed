"""Operating newsflow: crashes, concurrent readers, two runs at once (issue 9).

Runs happen in child processes (the real `newsflow.pipeline.run_bundle`, gates off to keep the
test short); the crash points are the failpoints of `newsflow.faults`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from newsflow.runlock import lock_path
from newsflow.settings import Settings

EXAMPLE_BUNDLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"

RUN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsflow import pipeline, settings
    cfg = settings.from_env(warehouse=Path(sys.argv[2]), batch_size=int(sys.argv[3]))
    print(pipeline.run_bundle(Path(sys.argv[1]), cfg, wait_seconds=float(sys.argv[4])))
    """
)


def _run(
    bundle: Path,
    warehouse: Path,
    *,
    kill_at: str | None = None,
    batch_size: int = 2,
    wait: float = 0.0,
    background: bool = False,
):
    env = {**os.environ, "NEWSFLOW_GATES": "0"}
    env.pop("NEWSFLOW_KILL_AT", None)
    if kill_at:
        env["NEWSFLOW_KILL_AT"] = kill_at
    cmd = [sys.executable, "-c", RUN, str(bundle), str(warehouse), str(batch_size), str(wait)]
    if background:
        return subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)


def _state(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("select count(*) from articles"),
            "mentions": one("select count(*) from mentions"),
            "orphan_mentions": one(
                "select count(*) from mentions anti join articles using (article_id)"
            ),
            "orphan_actor_refs": one(
                "select count(*) from mentions anti join actors using (actor_id)"
            ),
            "statuses": [
                r[0] for r in con.execute("select status from runs order by started_at").fetchall()
            ],
        }


def test_sigkill_at_every_point_leaves_a_consistent_warehouse(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    expected_statuses: list[str] = []
    for point in ("ingested", "extracted", "staged", "loading"):
        result = _run(EXAMPLE_BUNDLE, warehouse, kill_at=point)
        assert result.returncode == -signal.SIGKILL, (point, result.stderr[-2000:])
        state = _state(warehouse)
        # nothing of a killed run is visible; the previous killed run was found and marked
        assert state["articles"] == 0 and state["mentions"] == 0, point
        expected_statuses = ["abandoned"] * len(expected_statuses) + ["running"]
        assert state["statuses"] == expected_statuses, point
        assert not lock_path(warehouse).exists() or _lock_is_free(warehouse)

    result = _run(EXAMPLE_BUNDLE, warehouse, kill_at="committed")
    assert result.returncode == -signal.SIGKILL
    loaded = _state(warehouse)
    assert (
        loaded["articles"] > 0
        and loaded["orphan_mentions"] == 0
        and loaded["orphan_actor_refs"] == 0
    )
    assert loaded["statuses"][-1] == "completed"
    staging = Settings(warehouse=warehouse).staging_path
    assert staging.exists() and any(staging.iterdir())  # left behind by the kill

    result = _run(EXAMPLE_BUNDLE, warehouse)
    assert result.returncode == 0, result.stderr[-2000:]
    final = _state(warehouse)
    assert final["articles"] == loaded["articles"] and final["mentions"] == loaded["mentions"]
    assert final["statuses"] == ["abandoned"] * 4 + ["completed", "completed"]
    # the rerun removed the killed run's staging and then the emptied folders (issue 25)
    assert not staging.exists() and not staging.parent.exists()
    assert not lock_path(warehouse).exists()


def _lock_is_free(warehouse: Path) -> bool:
    from newsflow.runlock import exclusive_run

    with exclusive_run(warehouse, wait_seconds=0):
        return True


READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from newsflow import warehouse
    deadline = time.time() + float(sys.argv[2])
    while time.time() < deadline:
        try:
            con = warehouse.connect(Path(sys.argv[1]), read_only=True, timeout_s=30)
        except warehouse.WarehouseUnavailable as exc:
            print(json.dumps({"unavailable": str(exc)}), flush=True)
            continue
        try:
            row = con.execute(
                "select (select count(*) from articles), (select count(*) from mentions), "
                "(select count(*) from runs where status = 'completed')"
            ).fetchone()
        finally:
            con.close()
        print(json.dumps({"articles": row[0], "mentions": row[1], "completed": row[2]}), flush=True)
        time.sleep(0.05)
    """
)


def test_reader_polling_during_a_run_never_sees_half_a_run(tmp_path, seeds_dir):
    warehouse = tmp_path / "w.duckdb"
    assert _run(EXAMPLE_BUNDLE, warehouse).returncode == 0
    before = _state(warehouse)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), "40"], stdout=subprocess.PIPE, text=True
    )
    writer = _run(seeds_dir, warehouse, batch_size=1, background=True)
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err[-2000:]
    reader_out, _ = reader.communicate(timeout=120)
    assert reader.returncode == 0
    after = _state(warehouse)

    import json

    seen = [json.loads(line) for line in reader_out.splitlines()]
    observations = {(s["articles"], s["mentions"], s["completed"]) for s in seen if "articles" in s}
    allowed = {
        (before["articles"], before["mentions"], 1),
        (after["articles"], after["mentions"], 2),
    }
    assert observations and observations <= allowed, observations - allowed
    assert not [s for s in seen if "unavailable" in s]


def test_second_run_fails_clearly_while_the_first_writes(tmp_path, seeds_dir):
    warehouse = tmp_path / "w.duckdb"
    first = _run(seeds_dir, warehouse, batch_size=1, background=True)
    deadline = time.time() + 120
    while time.time() < deadline and not _lock_held(warehouse):
        time.sleep(0.1)
    assert _lock_held(warehouse)
    second = _run(EXAMPLE_BUNDLE, warehouse)
    assert second.returncode != 0
    # the holder is named: its run id and pid (issue 25)
    assert re.search(
        rf"is busy: newsflow run run_\w+ \(pid {first.pid}, since [0-9:]+ UTC\) is writing",
        second.stderr,
    ), second.stderr[-2000:]
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err[-2000:]
    state = _state(warehouse)
    assert state["statuses"] == ["completed"] and state["articles"] == 5


def _lock_held(warehouse: Path) -> bool:
    from newsflow.runlock import WarehouseBusy, exclusive_run

    if not lock_path(warehouse).exists():
        return False
    try:
        with exclusive_run(warehouse, wait_seconds=0):
            return False
    except WarehouseBusy:
        return True


@pytest.fixture(autouse=True)
def _no_armed_failpoint(monkeypatch):
    monkeypatch.delenv("NEWSFLOW_KILL_AT", raising=False)
