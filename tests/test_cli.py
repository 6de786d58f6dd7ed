"""The CLI documents every command and option, and fails with readable messages (issue 3)."""

from __future__ import annotations

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


def test_run_shows_progress_and_the_accounting(prefect_harness, tmp_path):
    """`newsflow run` on the example bundle: exit 0, progress line, the run's accounting (issues 3, 10)."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "bundle"
    target = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["run", str(example), "--warehouse", str(target), "-b", "2"])
    assert result.exit_code == 0, result.output
    assert "loading the run in one transaction" in result.output
    for line in ("inputs │ 5", "loaded │ 4", "duplicates │ 1", "quarantined │ 1"):
        assert line in " ".join(result.output.split()), line
    again = runner.invoke(app, ["run", str(example), "--warehouse", str(target)])
    assert again.exit_code == 0, again.output
    flat = " ".join(again.output.split())
    assert "loaded │ 0" in flat and "already loaded │ 4" in flat
