"""`newsflow runs`, `export` and `report` through typer's CliRunner (issue 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import typer
from fixtures.analyst.build import build_warehouse
from typer.testing import CliRunner

from newsflow import cli_analyst
from newsflow import warehouse as wh
from newsflow.report import PLOTS

WIDE = {"COLUMNS": "250", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    analyst = typer.Typer(add_completion=False)
    cli_analyst.register(analyst)
    return analyst


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("cli"))


def invoke(app: typer.Typer, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={**WIDE, **(env or {})})


def test_the_newsflow_app_has_the_analyst_commands() -> None:
    from newsflow.cli import app as newsflow_app

    result = CliRunner().invoke(newsflow_app, ["--help"], env=WIDE)
    assert result.exit_code == 0
    for command in ("runs", "export", "report"):
        assert f" {command} " in result.output


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("runs", ["--limit", "--warehouse", "--timeout"]),
        ("export", ["OUT_DIR", "--format", "parquet", "csv", "--warehouse", "--timeout"]),
        ("report", ["RUN_ID", "--out", "--warehouse", "--timeout", "latest run"]),
    ],
)
def test_help(app, command: str, options: list[str]) -> None:
    result = invoke(app, command, "--help")
    assert result.exit_code == 0, result.output
    text = result.output
    for option in options:
        assert option.lower() in text.lower(), option
    # every option has help text (typer prints it beside the option)
    assert "Show this message and exit" in text


@pytest.mark.parametrize("command", [["runs"], ["export", "out"], ["report"]])
def test_missing_warehouse(app, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "none.duckdb"
    result = invoke(app, *command, "--warehouse", str(missing))
    assert result.exit_code == 1
    assert "no warehouse at" in result.output and "newsflow init" in result.output
    assert not missing.exists()


def test_locked_warehouse(app, warehouse: Path) -> None:
    script = "import duckdb, sys, time\ncon = duckdb.connect(sys.argv[1])\nprint('locked', flush=True)\ntime.sleep(60)\n"
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(warehouse)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        result = invoke(app, "runs", "--warehouse", str(warehouse), "--timeout", "0.5")
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert result.exit_code == 1
    assert "held by another process" in result.output


def test_runs_lists_newest_first_with_accounting(app, warehouse: Path) -> None:
    result = invoke(app, "runs", "--wide", "--warehouse", str(warehouse))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    order = [next(i for i, line in enumerate(lines) if run in line) for run in ("_c", "_b", "_a")]
    assert order == sorted(order)
    line_a = next(line for line in lines if "run_20240304_a" in line)
    cells = [c.strip() for c in line_a.split("│")[1:-1]]
    # run id, status, started, inputs, loaded, already loaded, duplicates, quarantined, actors,
    # mentions, events, not extracted, skipped records (WARC; not recorded here), seconds, bundle
    assert cells[:15] == [
        "run_20240304_a",
        "completed",
        "2024-03-04 08:00",
        "7",
        "6",
        "",
        "1",
        "1",
        "5",
        "14",
        "6",
        "",
        "",
        "300.0",
        "inbox/mar04.zip",
    ]
    assert "critical expectation failed" in result.output  # the failed run says why


def test_runs_fits_80_columns_with_whole_run_ids(app, warehouse: Path) -> None:
    """Issue 25: at 80 columns no cell is cut, so a run id can be copied for `newsflow report`;
    the reason a run failed follows the table."""
    result = invoke(app, "runs", "--warehouse", str(warehouse), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in result.output
    header = next(line for line in lines if line.startswith("run id"))
    assert header.split() == [
        "run",
        "id",
        "status",
        "started",
        "(UTC)",
        "inputs",
        "loaded",
        "seconds",
    ]
    assert next(line for line in lines if line.startswith("run_20240304_a")).split() == [
        "run_20240304_a", "completed", "2024-03-04", "08:00", "7", "6", "300.0",
    ]  # fmt: skip
    assert any(
        line.startswith("run_20240307_c failed: critical expectation failed") for line in lines
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_runs_as_csv_or_json_has_every_column(app, warehouse: Path, fmt: str) -> None:
    result = invoke(app, "runs", "--format", fmt, "--warehouse", str(warehouse))
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = json.loads(result.output)
    else:
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["run_id"] for row in rows] == ["run_20240307_c", "run_20240306_b", "run_20240304_a"]
    assert set(rows[0]) >= {"seconds", "bundle_path", "mentions", "events", "error", "finished_at"}
    assert float(rows[2]["seconds"]) == 300.0


def test_runs_limit_and_env_warehouse(app, warehouse: Path) -> None:
    result = invoke(app, "runs", "--limit", "1", env={"NEWSFLOW_WAREHOUSE": str(warehouse)})
    assert result.exit_code == 0, result.output
    assert "run_20240307_c" in result.output
    assert "run_20240306_b" not in result.output and "run_20240304_a" not in result.output


def test_runs_on_an_empty_warehouse(app, tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    with wh.connect(path) as con:
        wh.migrate(con)
    result = invoke(app, "runs", "--warehouse", str(path))
    assert result.exit_code == 0
    assert "no runs yet" in result.output


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export(app, warehouse: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "export"
    result = invoke(app, "export", str(out), "--format", fmt, "--warehouse", str(warehouse))
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == fmt
    assert manifest["relations"]["articles"]["rows"] == 10
    assert manifest["relations"]["top_actors"]["rows"] == 8
    for relation, entry in manifest["relations"].items():
        assert (out / entry["path"]).exists(), relation
        assert relation in result.output
    events = out / ("events" if fmt == "parquet" else "events.csv")
    assert events.is_dir() == (fmt == "parquet")


def test_report_defaults_to_the_latest_run_beside_the_warehouse(app, warehouse: Path) -> None:
    result = invoke(app, "report", "--warehouse", str(warehouse))
    assert result.exit_code == 0, result.output
    expected = warehouse.parent / "reports" / "run_20240307_c" / "report.html"
    assert expected.is_file()
    assert "run_20240307_c" in expected.read_text(encoding="utf-8")


def test_report_for_a_run_to_a_file(app, warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "a.html"
    result = invoke(
        app, "report", "run_20240304_a", "--out", str(out), "--warehouse", str(warehouse)
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<h1>newsflow run run_20240304_a</h1>" in page
    assert page.count('class="plotly-graph-div"') == len(PLOTS)


def test_report_unknown_run(app, warehouse: Path) -> None:
    result = invoke(app, "report", "run_nope", "--warehouse", str(warehouse))
    assert result.exit_code == 1
    assert "no run 'run_nope'" in result.output and "newsflow runs" in result.output


def test_report_on_a_warehouse_without_runs(app, tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(path))
    wh.migrate(con)
    con.close()
    result = invoke(app, "report", "--warehouse", str(path))
    assert result.exit_code == 1
    assert "no runs yet" in result.output
