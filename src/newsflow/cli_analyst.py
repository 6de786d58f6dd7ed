"""Analyst commands: `newsflow runs`, `newsflow export`, `newsflow report` (registered by cli.py)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsflow import settings as settings_mod
from newsflow.cli_common import (
    Command,
    OutputFormat,
    TimeoutOption,
    WarehouseOption,
    err,
    fail,
    settings_for,
    write_text_frame,
)
from newsflow.cli_common import out as stdout
from newsflow.export import ExportFormat
from newsflow.readers import WarehouseUnavailable, open_read_only

if TYPE_CHECKING:  # imported lazily: every `newsflow` command loads this module
    import duckdb
    import polars as pl


class RunsFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _open(
    warehouse: Path | None, timeout: float
) -> tuple[settings_mod.Settings, duckdb.DuckDBPyConnection]:
    """The settings and a read-only connection, or exit with the reason it cannot be opened."""
    settings = settings_for(warehouse)
    try:
        return settings, open_read_only(settings.warehouse, timeout_s=timeout)
    except WarehouseUnavailable as exc:
        fail(str(exc))
        raise  # unreachable: _fail exits


# What fits 80 columns with whole run ids: --wide or --format csv|json give the rest.
_NARROW_NUMERIC = ("inputs", "loaded", "seconds")
_STATUS_STYLE = {
    "completed": "green",
    "failed": "red",
    "interrupted": "red",
    "running": "yellow",
    "abandoned": "magenta",
}


def _cell(row: dict, column: str) -> str:
    value = row[column]
    if value is None:
        return ""
    if column == "seconds":
        return f"{value:.1f}"
    if column == "started_at":
        return f"{value:%Y-%m-%d %H:%M}"
    return escape(str(value))


def runs_table(frame: pl.DataFrame, title: str, wide: bool = False) -> Table:
    """A rich table of runs (sql/report/recent_runs.sql rows). Narrow: run id, status, start,
    inputs, loaded and seconds, under 80 columns; wide: every column and the errors."""
    from newsflow.load import RunRecord  # noqa: PLC0415 - polars is loaded by now (the frame)

    # wide: the run's accounting (RunRecord.COUNTS, its one home) and its duration
    numeric = (*RunRecord.COUNTS, "seconds") if wide else _NARROW_NUMERIC
    columns = ["run_id", "status", "started_at", *numeric] + (["bundle_path"] if wide else [])
    show_error = wide and frame["error"].drop_nulls().len() > 0
    if wide:
        table = Table(title=title, title_justify="left")
    else:  # 77 columns
        table = Table(
            title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False
        )
    headers = {"run_id": "run id", "started_at": "started (UTC)"}
    for column in columns:
        table.add_column(
            headers.get(column, column.replace("_", " ")),
            justify="right" if column in numeric else "left",
            no_wrap=column in {"run_id", "status", "started_at"},
        )
    if show_error:
        table.add_column("error", style="red")
    for row in frame.iter_rows(named=True):
        status = str(row["status"])
        cells = [_cell(row, column) for column in columns]
        cells[1] = f"[{_STATUS_STYLE.get(status, 'white')}]{escape(status)}[/]"
        if show_error:
            cells.append(escape(row["error"] or ""))
        table.add_row(*cells)
    return table


def runs(
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, metavar="N", help="How many of the newest runs to list."
        ),
    ] = 20,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="Every column (duplicates, actors, mentions, events, bundle, error); needs "
            "about 200 columns of terminal.",
        ),
    ] = False,
    fmt: Annotated[
        RunsFormat,
        typer.Option("--format", "-f", help="table, or every column as csv or json."),
    ] = RunsFormat.table,
    warehouse: WarehouseOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """List recent runs, newest first, with their accounting and why a run did not complete.

    seconds: from the moment a run took the warehouse (before its start-up) to its load's
    commit, or to the moment its failure was recorded; the run summary shows the same figure.
    """
    from newsflow.readers import recent_runs  # noqa: PLC0415

    settings, con = _open(warehouse, timeout)
    try:
        frame = recent_runs(con, limit)
    finally:
        con.close()
    if fmt is not RunsFormat.table:
        write_text_frame(frame, OutputFormat(fmt.value))
        return
    if frame.is_empty():
        stdout().print(
            f"no runs yet in {settings.warehouse}: ingest a bundle with `newsflow run BUNDLE`"
        )
        return
    console = stdout()
    console.print(runs_table(frame, title=f"runs in {escape(str(settings.warehouse))}", wide=wide))
    if wide:
        return
    for row in frame.filter(frame["error"].is_not_null()).iter_rows(named=True):
        console.print(
            f"[{_STATUS_STYLE.get(row['status'], 'white')}]{row['run_id']}[/] "
            f"{escape(row['status'])}: {escape(row['error'])}",
            highlight=False,
        )
    console.print("[dim]--wide or --format csv|json for every column[/]", highlight=False)


def export(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder to write the export to (created; a previous export there is replaced)."
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="parquet (events partitioned by month) or csv."),
    ] = ExportFormat.parquet,
    warehouse: WarehouseOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Export every table and view to OUT_DIR as Parquet or CSV (warehouse opened read-only)."""
    from newsflow.export import export_warehouse  # noqa: PLC0415
    from newsflow.readers import relation_names  # noqa: PLC0415

    settings, con = _open(warehouse, timeout)
    try:
        tables, views = relation_names(con)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err(),
            transient=True,
        ) as progress:
            task = progress.add_task("exporting", total=len(tables) + len(views))

            def advance(relation: str, rows: int) -> None:
                progress.update(task, advance=1, description=f"{relation} ({rows} rows)")

            result = export_warehouse(con, out_dir, fmt, progress=advance)
    except OSError as exc:
        fail(f"could not write the export to {out_dir}: {exc}")
        return
    finally:
        con.close()
    table = Table(
        title=f"exported {settings.warehouse} to {out_dir} ({fmt.value})", title_justify="left"
    )
    table.add_column("relation")
    table.add_column("rows", justify="right")
    table.add_column("path")
    for relation, rows in result.rows.items():
        path = result.paths[relation]
        shown = f"{path.name}/ (partitioned)" if path.is_dir() else path.name
        table.add_row(relation, str(rows), shown)
    stdout().print(table)


def report(
    run_id: Annotated[
        str | None,
        typer.Argument(help="Run to report on (default: the latest run).", show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="HTML file to write (default: <warehouse dir>/reports/<run_id>/report.html).",
            show_default=False,
        ),
    ] = None,
    warehouse: WarehouseOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Write one self-contained HTML report (plots, works offline) for RUN_ID."""
    from newsflow import report as report_mod  # noqa: PLC0415 - plotly import is slow

    settings, con = _open(warehouse, timeout)
    try:  # read everything, then let go of the file before the slow part (plotting)
        chosen = run_id or report_mod.latest_run_id(con)
        data = None if chosen is None else report_mod.load_report_data(con, chosen)
    except LookupError as exc:
        fail(str(exc.args[0]))
        return
    finally:
        con.close()
    if chosen is None or data is None:
        fail(f"no runs yet in {settings.warehouse}: ingest a bundle with `newsflow run BUNDLE`")
        return
    target = out or report_mod.default_report_path(settings.reports_path, chosen)
    try:
        path = report_mod.save_report(data, target)
    except OSError as exc:
        fail(f"could not write the report to {target}: {exc}")
        return
    stdout().print(f"report for run {chosen}: {path}")


def register(app: typer.Typer) -> None:
    """Add the analyst commands to the `newsflow` app."""
    app.command(cls=Command)(runs)
    app.command(cls=Command)(export)
    app.command(cls=Command)(report)
