"""The CLI documents every command and option, and fails with readable messages (issue 3)."""

from __future__ import annotations

import sys

import pytest
import typer
from typer.testing import CliRunner

from newsflow.cli import app

runner = CliRunner()


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)


def test_every_command_and_option_has_help():
    commands = _commands()
    assert {"run", "sql", "init", "runs", "export", "report"} <= set(commands)
    for name, command in commands.items():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert command.help, f"{name} has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help text"


def test_top_level_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("run", "sql", "init"):
        assert name in result.output


def test_init_then_sql_reads(tmp_path):
    target = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["init", "--warehouse", str(target)]).exit_code == 0
    result = runner.invoke(
        app,
        [
            "sql",
            "select count(*) as n from articles",
            "--warehouse",
            str(target),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", "0"]


def test_sql_csv_writes_nested_values_as_json(tmp_path):
    """`actors.aliases` is a list: CSV output carries it as JSON text instead of failing."""
    target = tmp_path / "w.duckdb"
    runner.invoke(app, ["init", "--warehouse", str(target)])
    query = "select 1 as n, ['Qomi', 'Ghomi'] as aliases, {'lat': 33.7::double} as point, null::varchar[] as e"
    result = runner.invoke(app, ["sql", query, "--warehouse", str(target), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, row = result.output.strip().splitlines()
    assert header == "n,aliases,point,e"
    assert row == '1,"[""Qomi"", ""Ghomi""]","{""lat"": 33.7}",'


def test_sql_is_read_only_by_default(tmp_path):
    target = tmp_path / "w.duckdb"
    runner.invoke(app, ["init", "--warehouse", str(target)])
    result = runner.invoke(app, ["sql", "delete from articles", "--warehouse", str(target)])
    assert result.exit_code != 0
    assert "read-only" in result.output.lower() or "read only" in result.output.lower()


def test_run_on_missing_bundle_is_a_clear_error(tmp_path):
    result = runner.invoke(
        app, ["run", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code != 0
    assert "bundle not found" in result.output
    assert "Traceback" not in result.output


def test_run_prints_the_accounting_and_leaves_nothing_behind(tmp_path):
    """`newsflow run` on the example bundle: exit 0, the run's accounting with the reason of
    every quarantined input, one figure of seconds (the runs row's) beside the wall time, and
    no lock file or staging folder afterwards (issues 3, 10, 25)."""
    from pathlib import Path

    import duckdb

    example = Path(__file__).resolve().parents[1] / "examples" / "bundle"
    target = tmp_path / "w.duckdb"
    result = runner.invoke(
        app, ["run", str(example), "--warehouse", str(target), "-b", "2"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    for line in (
        "inputs │ 5",
        "loaded │ 4",
        "duplicates │ 1",
        "quarantined │ 1 (empty document: 1)",
    ):
        assert line in flat, line
    with duckdb.connect(str(target), read_only=True) as con:
        run_id, seconds = con.execute(
            "select run_id, seconds from (" + _recent_runs_sql() + ")", {"limit": 1}
        ).fetchone()
    assert f"seconds │ {seconds:.1f} (taking the warehouse to the commit)" in flat
    assert "wall seconds │" in flat and "first document after" in flat
    assert f"quality report │ {tmp_path / 'reports' / run_id / 'dq.html'}" in flat
    assert f"run {run_id} completed (4 articles loaded); the warehouse now holds 4 articles" in flat
    assert not (tmp_path / "w.duckdb.lock").exists() and not (tmp_path / "staging").exists()

    again = runner.invoke(app, ["run", str(example), "--warehouse", str(target)])
    assert again.exit_code == 0, again.output
    flat = " ".join(again.output.split())
    assert "loaded │ 0" in flat and "already loaded │ 4" in flat
    # the one new input was quarantined: the run says why nothing new was loaded
    assert (
        "note: nothing new was loaded: the run's new inputs were quarantined (empty document: 1)"
        in flat
    )


def _recent_runs_sql() -> str:
    from newsflow import resources

    return resources.sql("report/recent_runs.sql")


def test_help_shows_defaults_and_no_value_on_flags():
    """Help reads at 80 columns: usage names arguments in capitals, flags take no `<bool>`,
    defaults are shown and not swallowed as markup (issue 25)."""
    for command in ("run", "sql", "init", "serve", "runs", "export", "report"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        text = result.output
        flat = " ".join(text.split())
        assert "<bool>" not in text and "{" not in text.splitlines()[0], command
        assert "default: $NEWSFLOW_WAREHOUSE, else warehouse/newsflow.duckdb" in flat, command
        assert "reports/ and staging/ folders" in flat, command
        assert max(len(line) for line in text.splitlines()) <= 80, command
    usage = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "80"}).output.splitlines()[0]
    assert usage.endswith(" run [OPTIONS] BUNDLE"), usage
    report = " ".join(runner.invoke(app, ["report", "--help"]).output.split())
    assert "default: <warehouse dir>/reports/<run_id>/report.html" in report
    assert "[default: 10.0" in report


def test_the_command_leaves_at_once_once_a_run_has_said_how_it_ended(monkeypatch):
    """After `run` has printed how the run ended, the console script exits with the run's code
    without tearing the interpreter down (0.2-0.35 s of every run); other commands, and a
    run that has not ended (an error before it began), exit as usual."""
    from newsflow import cli

    left: list[int] = []

    class Left(Exception):
        pass

    def leave(code: int) -> None:  # as os._exit, which never returns
        left.append(code)
        raise Left

    monkeypatch.setattr(cli.os, "_exit", leave)
    monkeypatch.setitem(cli._ENDED, "run", False)

    def a_run_that_ended() -> None:
        cli._ENDED["run"] = True
        raise SystemExit(130)

    monkeypatch.setattr(cli, "app", a_run_that_ended)
    with pytest.raises(Left):
        cli.main()
    assert left == [130]

    monkeypatch.setitem(cli._ENDED, "run", False)
    monkeypatch.setattr(cli, "app", lambda: sys.exit(2))
    with pytest.raises(SystemExit) as usage:
        cli.main()
    assert usage.value.code == 2
    assert left == [130]
