"""Quality gates in their gate process (issue 24), and through the real pipeline: a critical
failure leaves the warehouse unchanged, row failures go to quarantine and the run goes on."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsflow import quality, schema
from newsflow.quality import worker
from newsflow.settings import Settings
from tests.quality_frames import (
    BODY,
    SUITES,
    TODAY,
    assert_halts,
    edited_suites,
    parsed,
    raw_docs,
    set_row,
)


@pytest.fixture(scope="module")
def gk_process():
    """A gatekeeper whose GX runs in a gate process, as a run's does (issue 24)."""
    settings = Settings(expectations_dir=SUITES)
    keeper = quality.Gatekeeper(
        settings, validator=worker.GateProcess.for_settings(settings, TODAY)
    )
    yield keeper
    keeper.close()


def test_the_gate_process_answers_as_gx_here_issue_24(gk, gk_process):
    """Row failures, a critical failure and a clean batch: the same outcome from GX in the
    gate process as from GX in this one."""
    articles = set_row(parsed(), 0, published_date=dt.date(1975, 6, 1))
    articles = set_row(articles, 3, body=BODY + "\nRead more: x")
    here, there = gk.check("parse", articles), gk_process.check("parse", articles)
    for name in ("passed", "quarantine", "dq_results"):
        assert getattr(there, name).equals(getattr(here, name)), name
    assert there.quarantine["source_path"].to_list() == ["doc0.txt", "doc3.txt"]
    assert gk_process.check("ingest", raw_docs()).dq_results["success"].all()
    assert_halts(gk_process, "parse", set_row(parsed(), 1, article_id=None),
                 "expect_column_values_to_not_be_null(article_id)", "article_id=None")  # fmt: skip


def test_the_gate_process_validates_without_loading_scipy_issue_24():
    """GX's import leaves scipy and altair (unused expectations' packages) to load on first
    use in the gate process (`worker.DEFERRED`): scipy.stats' libraries are never mapped."""
    gate = worker.GateProcess.for_settings(Settings(expectations_dir=SUITES), TODAY)
    try:
        results = gate.validate("parse", parsed())  # GX imported, suites built, one gate run
        assert results  # one answer per expectation of the parse suite
        maps = Path(f"/proc/{gate._process.pid}/maps").read_text().splitlines()
        loaded = {line.split(maxsplit=5)[-1] for line in maps}
        assert [f for f in loaded if "/pandas/" in f]  # what GX validates with is loaded
        # GX's `from scipy import stats` runs scipy's small package file, never scipy.stats
        assert not [f for f in loaded if "/scipy/" in f and "/scipy/_lib/" not in f]
    finally:
        gate.close()


def test_a_deferred_package_still_works_when_code_uses_it_issue_24():
    code = (
        "import sys\n"
        "from newsflow.quality import worker\n"
        "worker.defer_imports()\n"
        "import great_expectations\n"
        "print(type(sys.modules['scipy.stats']).__name__)\n"
        "from scipy import stats\n"
        "print(round(stats.ks_2samp([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]).pvalue, 3))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["_LazyModule", "1.0"]


def test_a_suite_gx_refuses_fails_the_first_check_with_gx_s_word(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"].append(
        {"type": "expect_column_values_to_rhyme", "kwargs": {"column": "title"},
         "meta": {"severity": "critical", "name": "titles rhyme"}}
    )  # fmt: skip
    (folder / "parse.json").write_text(json.dumps(suite))
    settings = Settings(expectations_dir=folder)
    keeper = quality.Gatekeeper(
        settings, validator=worker.GateProcess.for_settings(settings, TODAY)
    )
    try:
        with pytest.raises(Exception, match="expect_column_values_to_rhyme"):
            keeper.check("parse", parsed())
    finally:
        keeper.close()


def test_a_finished_run_keeps_its_gate_process_for_the_next_run_with_the_same_suites(tmp_path):
    """A second run in one process takes the gate process the first released (no second GX
    import); other suites, or a failed run, get it stopped."""
    settings = Settings(expectations_dir=SUITES)
    first = worker.take(settings)
    first.release()
    again = worker.take(Settings(expectations_dir=SUITES, warehouse=tmp_path / "other.duckdb"))
    assert again is first and again.alive()
    again.release(abort=True)
    assert not again.alive()
    kept = worker.take(settings)
    kept.release()
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"][0]["meta"]["name"] = "renamed"
    (folder / "parse.json").write_text(json.dumps(suite))
    other = worker.take(Settings(expectations_dir=folder))
    assert other is not kept and not kept.alive()
    other.release(abort=True)


def test_a_gate_process_that_died_fails_the_check_clearly():
    settings = Settings(expectations_dir=SUITES)
    process = worker.GateProcess.for_settings(settings, TODAY)
    keeper = quality.Gatekeeper(settings, validator=process)
    process._process.kill()
    with pytest.raises(RuntimeError, match="the gate process ended"):
        keeper.check("parse", parsed())
    keeper.close()
    process.close()  # once is enough; again is a no-op
    assert not process.alive()


def test_bad_regex_in_a_suite_is_rejected_when_the_gatekeeper_is_built(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["meta"]["derived_columns"]["_boilerplate_marker"]["regex_extract"]["pattern"] = (
        "(unclosed"
    )
    (folder / "parse.json").write_text(json.dumps(suite))
    with pytest.raises(ValueError, match="_boilerplate_marker.*bad regex"):
        quality.Gatekeeper(Settings(expectations_dir=folder), today=TODAY)


# --- through the real pipeline (spaCy, DuckDB in tmp_path) ---------------------------------

EXAMPLE_BUNDLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"


def _table_counts(warehouse: Path) -> dict[str, int]:
    import duckdb

    tables = ("articles", "actors", "mentions", "events", "quarantine", "dq_results")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def _suite_with(tmp_path: Path, stage: str, expectation: dict) -> Path:
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / f"{stage}.json").read_text())
    suite["expectations"].append(expectation)
    (folder / f"{stage}.json").write_text(json.dumps(suite))
    return folder


GX_STAYS_OUT = """
import json, sys
from pathlib import Path
from newsflow import pipeline
from newsflow.settings import Settings
summary = pipeline.run_bundle(Path(sys.argv[1]), Settings(warehouse=Path(sys.argv[2])))
print(json.dumps({"loaded": summary["loaded"], "gx_here": "great_expectations" in sys.modules}))
"""


@pytest.mark.slow
def test_a_run_validates_its_gates_in_the_gate_process_issue_24(tmp_path):
    """Great Expectations is imported by the gate process, never by the flow's own: its ~5 s
    import takes the other core (issue 24). The gates still ran: dq_results has their rows."""
    warehouse = tmp_path / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-c", GX_STAYS_OUT, str(EXAMPLE_BUNDLE), str(warehouse)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    assert json.loads(done.stdout.splitlines()[-1]) == {"loaded": 4, "gx_here": False}
    counts = _table_counts(warehouse)
    assert counts["dq_results"] > 0 and counts["articles"] == 4


@pytest.mark.slow
def test_pipeline_critical_failure_leaves_warehouse_unchanged(tmp_path, seeds_dir):
    """Issue 8: a failed critical expectation stops the run before anything is written, and the
    runs row says which expectation failed, with failing values."""
    import duckdb

    from newsflow import pipeline

    warehouse = tmp_path / "w.duckdb"
    first = pipeline.run_bundle(EXAMPLE_BUNDLE, Settings(warehouse=warehouse))
    assert first["loaded"] == 4
    before = _table_counts(warehouse)
    assert before["articles"] == 4 and before["dq_results"] > 0

    strict = _suite_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "language", "value_set": ["fr"]},
            "meta": {"severity": "critical", "name": "articles are French"},
        },
    )
    # a new bundle: the loaded one's inputs would be skipped before any gate sees them
    with pytest.raises(quality.GateFailed, match="articles are French") as info:
        pipeline.run_bundle(seeds_dir, Settings(warehouse=warehouse, expectations_dir=strict))
    assert info.value.stage == "parse" and "language='en'" in info.value.examples[0]
    assert _table_counts(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status, error = con.execute(
            "select status, error from runs order by started_at desc limit 1"
        ).fetchone()
    assert status == "failed" and "articles are French" in error and "'en'" in error


@pytest.mark.slow
def test_pipeline_row_failures_go_to_quarantine_and_the_run_goes_on(tmp_path):
    """Issue 8: rows failing a row-level expectation land in `quarantine` named after it; the
    accounting gate still balances; the report names the expectation."""
    import duckdb

    from newsflow import pipeline

    warehouse = tmp_path / "w.duckdb"
    folder = _suite_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_not_be_null",
            "kwargs": {"column": "title"},
            "meta": {"severity": "row", "name": "article has a title"},
        },
    )
    summary = pipeline.run_bundle(
        EXAMPLE_BUNDLE, Settings(warehouse=warehouse, expectations_dir=folder)
    )
    assert summary["loaded"] == 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select source_path from articles").fetchall()
        rejected = con.execute(
            "select source_path, reason from quarantine where stage = 'parse' order by source_path"
        ).fetchall()
        failed = con.execute(
            "select unexpected_count from dq_results where expectation = 'article has a title'"
        ).fetchall()
    assert loaded == [("003_river_treaty.txt",)]
    assert rejected == [
        ("001_harbour_strike.txt", "article has a title"),
        ("002_harbour_strike_wire.txt", "article has a title"),
        ("004_lab_funding.txt", "article has a title"),
    ]
    assert failed == [(3,)]
    assert "article has a title" in Path(summary["report"]).read_text()


def test_an_empty_batch_gets_what_gx_reports_without_running_it(gk):
    """A rerun's batches are empty once known inputs are skipped: per-row expectations hold
    over no rows, recorded as GX records them (checked against GX itself)."""
    context = {"articles": schema.empty(schema.DEDUPED), "actors": schema.empty(schema.ACTORS)}
    stages = {"ingest": schema.RAW_DOCS, "parse": schema.PARSED, "dedupe": schema.DEDUPED,
              "mentions": schema.MENTIONS, "events": schema.EVENTS}  # fmt: skip
    for stage, frame_schema in stages.items():
        out = gk.check(stage, schema.empty(frame_schema), context=context)
        suite = gk._stages[stage]
        empty = schema.empty(frame_schema).with_row_index(quality.outcome.ROW)
        values, _ = gk._derive(suite, empty, context)
        by_gx = [
            summary for _, summary in gk._validator.validate(stage, values.select(suite.columns))
        ]
        assert out.dq_results["success"].all() and out.passed.height == 0
        assert out.dq_results.select("observed", "unexpected_count").rows() == [
            (observed, count) for observed, count, _, _ in by_gx
        ]


def test_an_empty_batch_still_fails_a_table_level_expectation(tmp_path):
    """Only per-row expectations are taken as met on no rows: a user's row-count rule runs."""
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"].append(
        {
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"min_value": 1},
            "meta": {"severity": "critical", "name": "every batch has articles"},
        }
    )
    (folder / "parse.json").write_text(json.dumps(suite, indent=2))
    custom = quality.Gatekeeper(Settings(expectations_dir=folder), today=TODAY)
    assert custom.check("parse", parsed()).dq_results["success"].all()
    with pytest.raises(quality.GateFailed, match="every batch has articles"):
        custom.check("parse", schema.empty(schema.PARSED))
