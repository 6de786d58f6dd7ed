"""Settings made in code reach the Prefect flow whole, and the flow enforces what the direct
path does: gates halt, row failures go to quarantine (issues 23 and 26)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from newsflow import quality, resources
from newsflow.flows.pipeline import run_flow
from newsflow.settings import Settings, Thresholds

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"


def _suites_with(tmp_path: Path, stage: str, expectation: dict) -> Path:
    folder = tmp_path / "expectations"
    shutil.copytree(resources.path("expectations"), folder)
    suite = json.loads((folder / f"{stage}.json").read_text())
    suite["expectations"].append(expectation)
    (folder / f"{stage}.json").write_text(json.dumps(suite))
    return folder


def _one(path: Path, sql: str) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_settings_round_trip_as_flow_parameters(tmp_path):
    settings = Settings(
        warehouse=tmp_path / "w.duckdb",
        batch_size=7,
        lookahead=4,
        reports_dir=tmp_path / "r",
        thresholds=Thresholds(story_window_days=9, near_duplicate_threshold=0.9),
    )
    params = settings.to_params()
    assert json.loads(json.dumps(params)) == params  # plain JSON values
    assert Settings.from_params(params) == settings
    assert Settings.from_params({}) == Settings()
    with pytest.raises(ValueError, match="unknown settings: colour"):
        Settings.from_params({"colour": "blue"})


def _coded_settings(tmp_path: Path, **extra) -> Settings:
    """Settings no environment variable or CLI option gives, each with an effect we can see."""
    return Settings(
        warehouse=tmp_path / "w.duckdb",
        batch_size=2,
        lookahead=3,
        nlp_workers=0,
        reports_dir=tmp_path / "my-reports",
        staging_dir=tmp_path / "my-staging",
        # 003_river_treaty.txt is 1,016 bytes: over this limit, quarantined at ingest
        thresholds=Thresholds(max_file_bytes=900, story_window_days=5),
        **extra,
    )


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("runner", ["default", "dask"])
def test_settings_made_in_code_reach_the_flow(prefect_harness, tmp_path, runner):
    """Issue 23: the flow used to rebuild its settings from the environment, so thresholds,
    lookahead, report and staging folders set in code never reached a run."""
    settings = _coded_settings(tmp_path, task_runner=runner)
    summary = run_flow(EXAMPLE, settings)
    recorded = _one(settings.warehouse, "select settings from runs")[0]
    assert json.loads(recorded) == settings.to_params()
    assert summary["report"] == str(tmp_path / "my-reports" / summary["run_id"] / "dq.html")
    assert Path(summary["report"]).is_file()
    assert _one(
        settings.warehouse, "select reason, detail from quarantine where source_path like '003%'"
    ) == ("too large", "1016 bytes is over max_file_bytes=900")
    assert (summary["inputs"], summary["loaded"], summary["quarantined"]) == (5, 3, 2)
    assert not (tmp_path / "staging").exists()  # the default staging folder was not used
    if runner == "dask":  # issue 26: the NER really ran on Dask workers, batch by batch
        workers = summary["annotated_by"]
        assert workers and all(name.startswith("dask worker tcp://") for name in workers)
        assert sum(workers.values()) == 2  # 3 documents left to annotate, 2 a batch
    else:
        assert summary["annotated_by"] == {}  # nlp_workers=0: all in the flow's process


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_failing_critical_gate_halts_the_flow(prefect_harness, tmp_path):
    """Issue 26: the halting gate, proven through the Prefect flow users run."""
    strict = _suites_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "language", "value_set": ["fr"]},
            "meta": {"severity": "critical", "name": "articles are French"},
        },
    )
    settings = Settings(warehouse=tmp_path / "w.duckdb", expectations_dir=strict, nlp_workers=0)
    with pytest.raises(quality.GateFailed, match="articles are French"):
        run_flow(EXAMPLE, settings)
    assert _one(settings.warehouse, "select count(*) from articles") == (0,)
    status, error = _one(settings.warehouse, "select status, error from runs")
    assert status == "failed" and "articles are French" in error


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_row_failures_are_quarantined_by_the_flow(prefect_harness, tmp_path):
    """Issue 26: row-level quarantine through the Prefect flow."""
    suites = _suites_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_not_be_null",
            "kwargs": {"column": "title"},
            "meta": {"severity": "row", "name": "article has a title"},
        },
    )
    settings = Settings(warehouse=tmp_path / "w.duckdb", expectations_dir=suites, nlp_workers=0)
    summary = run_flow(EXAMPLE, settings)
    assert summary["loaded"] == 1
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rejected = con.execute(
            "select source_path, reason from quarantine where stage = 'parse' order by 1"
        ).fetchall()
    assert rejected == [
        ("001_harbour_strike.txt", "article has a title"),
        ("002_harbour_strike_wire.txt", "article has a title"),
        ("004_lab_funding.txt", "article has a title"),
    ]
