"""NER of upcoming batches in worker processes gives the same warehouse as NER in the run's own
process, and a worker that dies fails the run cleanly (issue 11)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures.process import BrokenProcessPool

import duckdb
import pytest

from newsflow import nlp_workers, pipeline
from newsflow import settings as settings_mod


@pytest.fixture
def pool_spy(monkeypatch) -> list[bool]:
    """One entry per submitted batch (not the start-up's model loads, `warm`): whether a
    worker process pool existed after it."""
    seen: list[bool] = []
    original = nlp_workers.LocalNLPWorkers.__call__

    def spy(self, name, fn, /, *args):
        future = original(self, name, fn, *args)
        if name != "warm":
            seen.append(self._pool is not None)
        return future

    monkeypatch.setattr(nlp_workers.LocalNLPWorkers, "__call__", spy)
    return seen


def test_nlp_workers_give_the_same_warehouse(
    seeds_dir, tmp_path, pool_spy, warehouse_snapshot, monkeypatch
):
    base = settings_mod.from_env(batch_size=2, gates=False)
    here = pipeline.run_bundle(
        seeds_dir, base.replace(warehouse=tmp_path / "here.duckdb", nlp_workers=0)
    )
    assert pool_spy == []
    at_load: list[list] = []  # worker processes alive when the load starts
    real_load = pipeline.load_step
    monkeypatch.setattr(
        pipeline,
        "load_step",
        lambda *a: at_load.append(multiprocessing.active_children()) or real_load(*a),
    )
    workers = pipeline.run_bundle(
        seeds_dir, base.replace(warehouse=tmp_path / "workers.duckdb", nlp_workers=1)
    )
    assert pool_spy == [True, True, True]  # three batches, each annotated by the worker
    assert at_load == [[]]  # the workers' memory is given back before the load's peak
    assert here["loaded"] == workers["loaded"] == 5
    left = warehouse_snapshot(tmp_path / "here.duckdb")
    right = warehouse_snapshot(tmp_path / "workers.duckdb")
    for table in left:
        assert left[table] == right[table], table
    assert left["mentions"] and left["events"]


def test_a_bundle_of_one_batch_starts_no_worker(seeds_dir, tmp_path, pool_spy):
    settings = settings_mod.from_env(warehouse=tmp_path / "w.duckdb", gates=False)
    assert pipeline.run_bundle(seeds_dir, settings.replace(nlp_workers=1))["loaded"] == 5
    assert pool_spy == []


def test_a_dead_nlp_worker_fails_the_run_and_changes_nothing(seeds_dir, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    settings = settings_mod.from_env(warehouse=warehouse, batch_size=2, gates=False)
    monkeypatch.setenv("NEWSFLOW_KILL_AT", "annotating")  # the spawned worker inherits it
    with pytest.raises(BrokenProcessPool):
        pipeline.run_bundle(seeds_dir, settings.replace(nlp_workers=1))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (0,)
        status, error = con.execute("select status, error from runs").fetchone()
    assert status == "failed" and "BrokenProcessPool" in error
