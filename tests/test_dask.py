"""Scale-out: the NLP of batches on Dask workers gives the same warehouse (issue 9)."""

from __future__ import annotations

import duckdb
import pytest

from newsflow import settings as settings_mod
from newsflow.flows.pipeline import run_flow

TABLES = {
    "articles": "select * exclude (run_id) from articles order by article_id",
    "actors": "select * from actors order by actor_id",
    "mentions": "select * from mentions order by mention_id",
    "events": "select * from events order by event_id",
}


def _snapshot(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


@pytest.mark.timeout(900)
def test_dask_runner_gives_the_same_warehouse(prefect_harness, seeds_dir, tmp_path):
    base = settings_mod.from_env(batch_size=2, gates=False)
    default = run_flow(seeds_dir, base.replace(warehouse=tmp_path / "default.duckdb"))
    dask = run_flow(
        seeds_dir,
        base.replace(warehouse=tmp_path / "dask.duckdb", task_runner="dask", lookahead=2),
    )
    assert default["loaded"] == dask["loaded"] == 5
    left, right = _snapshot(tmp_path / "default.duckdb"), _snapshot(tmp_path / "dask.duckdb")
    for table in TABLES:
        assert left[table] == right[table], table
    assert left["mentions"] and left["events"]


def test_unknown_task_runner_is_rejected(tmp_path, seeds_dir):
    settings = settings_mod.from_env(warehouse=tmp_path / "w.duckdb", task_runner="spark")
    with pytest.raises(ValueError, match="unknown task runner"):
        run_flow(seeds_dir, settings)
