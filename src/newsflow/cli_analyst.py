"""Analyst commands: `newsflow runs`, `newsflow export`, `newsflow report` (registered by cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsflow import settings as settings_mod
from newsflow.cli_common import TimeoutOption, WarehouseOption, err, fail, settings_for
from newsflow.cli_common import out as stdout
from newsflow.export import ExportFormat
from newsflow.readers import WarehouseUnavailable, open_read_only

if TYPE_CHECKING:  # imported lazily: every `newsflow` command loads this module
    import duckdb
    import polars as pl


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


_NUMERIC = (
    "inputs",
    "loaded",
    "duplicates",
    "quarantined",
    "actors",
    "mentions",
    "events",
    "seconds",
)
_STATUS_STYLE = {"completed": "green", "failed": "red", "running": "yellow", "abandoned": "magenta"}


def runs_table(frame: pl.DataFrame, title: str) -> Table:
    """A rich table of runs (sql/report/recent_runs.sql rows); an error column only if needed."""
    show_error = frame["error"].drop_nulls().len() > 0
    table = Table(title=title, title_justify="left")
    for column in ("run_id", "status", "started_at", *_NUMERIC, "bundle_path"):
        table.add_column(
            column.replace("_", " "), justify="right" if column in _NUMERIC else "left"
        )
    if show_error:
        table.add_column("error", style="red")
    for row in frame.iter_rows(named=True):
        status = str(row["status"])
        cells = [
            escape(str(row["run_id"])),
            f"[{_STATUS_STYLE.get(status, 'white')}]{escape(status)}[/]",
            f"{row['started_at']:%Y-%m-%d %H:%M:%S}",
        ]
        cells += [
            "" if row[c] is None else (f"{row[c]:.1f}" if c == "seconds" else str(row[c]))
            for c in _NUMERIC
        ]
        cells.append(escape(str(row["bundle_path"])))
        if show_error:
            cells.append(escape(row["error"] or ""))
        table.add_row(*cells)
    return table


def runs(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many of the newest runs to list.")
    ] = 20,
    warehouse: WarehouseOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """List recent runs, newest first, with their accounting (inputs, loaded, duplicates, ...)."""
    from newsflow.readers import recent_runs  # noqa: PLC0415

    settings, con = _open(warehouse, timeout)
    try:
        frame = recent_runs(con, limit)
    finally:
        con.close()
    if frame.is_empty():
        stdout().print(
            f"no runs yet in {settings.warehouse}: ingest a bundle with `newsflow run BUNDLE`"
        )
        return
    table = runs_table(frame, title=f"runs in {settings.warehouse}")
    stdout().print(table)


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
    app.command()(runs)
    app.command()(export)
    app.command()(report)
