"""A warehouse held by a reader is waited for inside the load task, bad data fails it at once
(issues 9 and 25: the load waits up to `lock_timeout_s` itself; task retries on top of that wait
multiplied it, so the load task has none)."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys

import duckdb
import polars as pl
import pytest
from prefect import flow

from newsflow import load, pipeline
from newsflow import settings as settings_mod
from newsflow import warehouse as wh
from newsflow.flows.pipeline import TASKS

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); print('held', flush=True); time.sleep(float(sys.argv[2]))"


def _ctx(tmp_path, rows: list[dict], lock_timeout_s: float = 0.5) -> pipeline.RunContext:
    settings = settings_mod.Settings(warehouse=tmp_path / "w.duckdb", lock_timeout_s=lock_timeout_s)
    with wh.connect(settings.warehouse) as con:
        wh.migrate(con)
        load.start_run(con, _record())
    staging = load.Staging(tmp_path / "staging" / "r1")
    staging.write("articles", 1, pl.DataFrame(rows))
    return pipeline.RunContext(
        settings=settings,
        run_id="r1",
        bundle=tmp_path,
        bundle_id="b",
        staging=staging,
        known_ids=set(),
        known_inputs=set(),
        dedupe_state=None,
        registry=None,
        event_state=None,
        nlp=None,
        parser=None,
        gatekeeper=None,
    )


def _record() -> load.RunRecord:
    return load.RunRecord("r1", "b", "b", None, inputs=1, loaded=1)


def _article(body: str | None) -> dict:
    return {
        "article_id": "a1",
        "run_id": "r1",
        "bundle_id": "b",
        "source_path": "a.txt",
        "content_hash": "h",
        "body": body,
        "word_count": 3,
        "published_date": dt.date(2024, 1, 15),
    }


def _run_count(task_run_id) -> int:
    from prefect.client.orchestration import get_client

    async def read() -> int:
        async with get_client() as client:
            task_run = await client.read_task_run(task_run_id)
            return task_run.run_count

    return asyncio.run(read())


@flow
def _load_once(ctx: pipeline.RunContext) -> tuple[str, object]:
    # plain values out: a returned failed State would fail (and raise from) the test flow itself
    state = TASKS["load"](ctx, _record(), return_state=True)
    return state.type.value, state.state_details.task_run_id


@pytest.mark.timeout(300)
def test_a_locked_warehouse_is_waited_for_until_the_reader_lets_go(prefect_harness, tmp_path):
    ctx = _ctx(tmp_path, [_article("one two three")], lock_timeout_s=60)
    reader = subprocess.Popen(
        # held for 10 s: longer than a cold Prefect harness takes to start the task, well
        # within the load's 60 s wait
        [sys.executable, "-c", HOLD, str(ctx.settings.warehouse), "10"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "held"
    state, task_run_id = _load_once(ctx)
    reader.wait(timeout=30)
    assert state == "COMPLETED"
    assert _run_count(task_run_id) == 1  # one attempt: it waited for the reader, then loaded
    with duckdb.connect(str(ctx.settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 1
        assert con.execute("select status from runs").fetchone()[0] == "completed"


@pytest.mark.timeout(300)
def test_a_reader_holding_past_the_timeout_fails_the_load_once(prefect_harness, tmp_path):
    ctx = _ctx(tmp_path, [_article("one two three")], lock_timeout_s=2)
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(ctx.settings.warehouse), "60"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "held"
        state, task_run_id = _load_once(ctx)
    finally:
        reader.kill()
        reader.wait(timeout=30)
    assert state == "FAILED"
    assert _run_count(task_run_id) == 1  # no task retries on top of the load's own wait
    with duckdb.connect(str(ctx.settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 0


@pytest.mark.timeout(300)
def test_bad_data_fails_the_load_once_without_retries(prefect_harness, tmp_path):
    ctx = _ctx(tmp_path, [_article(None)])  # body is NOT NULL in the warehouse
    state, task_run_id = _load_once(ctx)
    assert state == "FAILED"
    assert _run_count(task_run_id) == 1
    with duckdb.connect(str(ctx.settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 0
