"""Scale-out: the NLP of batches on Dask workers gives the same warehouse (issue 9)."""

from __future__ import annotations

import pytest

from newsflow import settings as settings_mod
from newsflow.flows.pipeline import run_flow


@pytest.mark.timeout(900)
def test_dask_runner_gives_the_same_warehouse(
    prefect_harness, seeds_dir, tmp_path, warehouse_snapshot
):
    base = settings_mod.from_env(batch_size=2, gates=False)
    default = run_flow(seeds_dir, base.replace(warehouse=tmp_path / "default.duckdb"))
    dask = run_flow(
        seeds_dir,
        base.replace(warehouse=tmp_path / "dask.duckdb", task_runner="dask", lookahead=2),
    )
    assert default["loaded"] == dask["loaded"] == 5
    left = warehouse_snapshot(tmp_path / "default.duckdb")
    right = warehouse_snapshot(tmp_path / "dask.duckdb")
    for table in left:
        assert left[table] == right[table], table
    assert left["mentions"] and left["events"]


def test_unknown_task_runner_is_rejected(tmp_path, seeds_dir):
    settings = settings_mod.from_env(warehouse=tmp_path / "w.duckdb", task_runner="spark")
    with pytest.raises(ValueError, match="unknown task runner"):
        run_flow(seeds_dir, settings)
