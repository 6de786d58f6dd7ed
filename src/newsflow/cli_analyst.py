"""Analyst commands: `newsflow runs`, `newsflow export`, `newsflow report` (registered by cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsflow import settings as settings_mod
from newsflow.export import ExportFormat

console = Console()
err = Console(stderr=True)

_WAREHOUSE_HELP = (
    "DuckDB warehouse file (default: $NEWSFLOW_WAREHOUSE, else warehouse/newsflow.duckdb)."
)
_TIMEOUT_HELP = "Seconds to keep retrying while a run holds the warehouse for its load."
WarehouseOption = Annotated[
    Path | None, typer.Option("--warehouse", "-w", help=_WAREHOUSE_HELP, show_default=False)
]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0, help=_TIMEOUT_HELP)]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _open(warehouse: Path | None, timeout: float):  # noqa: ANN202 - duckdb connection
    from newsflow.readers import WarehouseUnavailable, open_read_only  # noqa: PLC0415

    settings = settings_mod.from_env(warehouse=warehouse)
    try:
        return settings, open_read_only(settings.warehouse, timeout_s=timeout)
    except WarehouseUnavailable as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def runs(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many of the newest runs to list.")
    ] = 20,
    warehouse: WarehouseOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """List recent runs, newest first, with their accounting (inputs, loaded, duplicates, ...)."""
    from newsflow.report import recent_runs  # noqa: PLC0415

    settings, con = _open(warehouse, timeout)
    try:
        frame = recent_runs(con, limit)
    finally:
        con.close()
    if frame.is_empty():
        console.print(
            f"no runs yet in {settings.warehouse}: ingest a bundle with `newsflow run BUNDLE`"
        )
        return
    table = Table(title=f"runs in {settings.warehouse}", title_justify="left")
    numeric = (
        "inputs",
        "loaded",
        "duplicates",
        "quarantined",
        "actors",
        "mentions",
        "events",
        "seconds",
    )
    for column in ("run_id", "status", "started_at", *numeric, "bundle_path"):
        table.add_column(column.replace("_", " "), justify="right" if column in numeric else "left")
    styles = {"completed": "green", "failed": "red", "running": "yellow", "abandoned": "magenta"}
    for row in frame.iter_rows(named=True):
        status = str(row["status"])
        cells = [
            row["run_id"],
            f"[{styles.get(status, 'white')}]{status}[/]",
            f"{row['started_at']:%Y-%m-%d %H:%M:%S}",
        ]
        cells += [
            "" if row[c] is None else (f"{row[c]:.1f}" if c == "seconds" else str(row[c]))
            for c in numeric
        ]
        cells.append(str(row["bundle_path"]))
        table.add_row(*cells)
        if row["error"]:
            table.add_row("", f"[red]{row['error']}[/]", *[""] * (len(numeric) + 2))
    console.print(table)


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
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("exporting", total=len(tables) + len(views))

            def advance(relation: str, rows: int) -> None:
                progress.update(task, advance=1, description=f"{relation} ({rows} rows)")

            result = export_warehouse(con, out_dir, fmt, progress=advance)
    except OSError as exc:
        _fail(f"could not write the export to {out_dir}: {exc}")
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
        table.add_row(relation, str(rows), str(result.paths[relation].relative_to(out_dir)))
    console.print(table)


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
    try:
        chosen = run_id or report_mod.latest_run_id(con)
        if chosen is None:
            _fail(
                f"no runs yet in {settings.warehouse}: ingest a bundle with `newsflow run BUNDLE`"
            )
            return
        target = out or report_mod.default_report_path(settings.reports_path, chosen)
        path = report_mod.write_report(con, chosen, target)
    except LookupError as exc:
        _fail(str(exc.args[0]))
        return
    except OSError as exc:
        _fail(f"could not write the report: {exc}")
        return
    finally:
        con.close()
    console.print(f"report for run {chosen}: {path}")


def register(app: typer.Typer) -> None:
    """Add the analyst commands to the `newsflow` app."""
    app.command()(runs)
    app.command()(export)
    app.command()(report)
