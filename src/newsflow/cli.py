"""The `newsflow` command: a thin layer over the flow and the warehouse."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsflow.cli_common import WarehouseOption, err, fail, out, settings_for

app = typer.Typer(
    help="newsflow: a self-hosted news-event warehouse. Ingest bundles of scraped articles "
    "with a Prefect flow into DuckDB tables (articles, actors, mentions, events, quarantine, "
    "runs, dq_results) and query them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = out()


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


@app.command()
def run(
    bundle: Path = typer.Argument(
        ...,
        help="Bundle to ingest: a folder, .zip, .tar(.gz/.bz2/.xz)/.tgz, .jsonl/.ndjson(.gz), .json, "
        ".warc/.wet(.gz), or one .txt/.html(.gz) file.",
    ),
    warehouse: WarehouseOption = None,
    batch_size: int | None = typer.Option(
        None,
        "--batch-size",
        "-b",
        min=1,
        help="Documents per batch (default 500 or $NEWSFLOW_BATCH_SIZE).",
    ),
    no_gates: bool = typer.Option(
        False, "--no-gates", help="Skip the Great Expectations quality gates (faster, unvalidated)."
    ),
    wait: float = typer.Option(
        0.0,
        "--wait",
        min=0,
        help="Seconds to wait for another run on the same warehouse to finish.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
    dask: bool = typer.Option(
        False,
        "--dask",
        help="Run the NLP of upcoming batches on Dask workers (a local cluster unless --dask-address).",
    ),
    dask_address: str | None = typer.Option(
        None,
        "--dask-address",
        help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (implies --dask).",
    ),
    nlp_workers: int | None = typer.Option(
        None,
        "--nlp-workers",
        min=0,
        help="Processes running the NER of upcoming batches while the flow resolves earlier "
        "ones (default 1 or $NEWSFLOW_NLP_WORKERS; 0 = NER in the flow's process).",
    ),
) -> None:
    """Run the Prefect flow on BUNDLE and print the run's accounting."""
    if not bundle.exists():
        fail(f"bundle not found: {bundle}")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # The temporary Prefect server of a local run can take longer than the default 20 s to
    # start on a loaded machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    settings = settings_for(
        warehouse,
        batch_size=batch_size,
        gates=False if no_gates else None,
        task_runner="dask" if (dask or dask_address) else None,
        dask_address=dask_address,
        nlp_workers=nlp_workers,
    )
    from newsflow.flows.pipeline import run_flow  # noqa: PLC0415 - Prefect import is slow

    try:
        with _run_progress(enabled=not as_json):
            summary = run_flow(bundle, settings, wait_seconds=wait)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a readable message
        fail(
            f"run failed: {_explain(exc)}\nThe warehouse was left unchanged (see `newsflow runs`)."
        )
        return
    if as_json:
        console.print_json(json.dumps(summary))
        return
    table = Table(title=f"newsflow run {summary['run_id']}", show_header=False)
    from newsflow.load import RunRecord  # noqa: PLC0415 - after the run: imports are slow

    for key in ("bundle", "warehouse", *RunRecord.COUNTS, "skipped_by_kind", "seconds", "report"):
        if key in summary and (key != "skipped_by_kind" or summary[key]):
            table.add_row(key.replace("_", " "), str(summary[key]))
    console.print(table)


class _ProgressHandler(logging.Handler):
    """Shows the pipeline's per-batch progress records on a rich progress line."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        super().__init__(logging.INFO)
        self.progress, self.task = progress, task

    def emit(self, record: logging.LogRecord) -> None:
        info = getattr(record, "newsflow_progress", None)
        if not info:
            return
        if info.get("stage") == "load":
            text = "loading the run in one transaction"
        else:
            text = (
                f"batch {info['batch']}: {info.get('inputs', 0)} inputs, "
                f"{info.get('loaded', 0)} new articles, {info.get('mentions', 0)} mentions"
            )
        self.progress.update(self.task, description=text, completed=info.get("inputs", 0))


@contextmanager
def _run_progress(enabled: bool) -> Iterator[None]:
    """A live progress line for `newsflow run` (stderr, only on a terminal-like console)."""
    if not enabled:
        yield
        return
    logger = logging.getLogger("newsflow")
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err()
    ) as progress:
        handler = _ProgressHandler(progress, progress.add_task("starting (models, warehouse)"))
        previous = logger.level, logger.propagate
        logger.addHandler(handler)
        # INFO for our line only: not echoed again by the root handlers Prefect installs
        logger.setLevel(logging.INFO)
        logger.propagate = False
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.level, logger.propagate = previous


def _explain(exc: BaseException) -> str:
    """A one-paragraph explanation of a failure, without a traceback."""
    return f"{exc}" if str(exc) else type(exc).__name__


@app.command()
def init(warehouse: WarehouseOption = None) -> None:
    """Create the warehouse, or migrate an existing one to the current schema."""
    from newsflow import warehouse as wh  # noqa: PLC0415

    settings = settings_for(warehouse)
    with wh.connect(settings.warehouse) as con:
        applied = wh.migrate(con)
    note = ", ".join(applied) if applied else "already up to date"
    console.print(f"warehouse {settings.warehouse}: {note}")


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run against the warehouse."),
    warehouse: WarehouseOption = None,
    fmt: OutputFormat = typer.Option(
        OutputFormat.table,
        "--format",
        "-f",
        help="Output format: table, csv, json or parquet (needs --out).",
    ),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write the result to this file instead of stdout."
    ),
    write: bool = typer.Option(
        False, "--write", help="Open the warehouse read-write (default is read-only)."
    ),
    timeout: float = typer.Option(
        30.0, "--timeout", min=0, help="Seconds to keep retrying while a run holds the warehouse."
    ),
) -> None:
    """Run QUERY against the warehouse (read-only unless --write) and print the result."""
    from newsflow import warehouse as wh  # noqa: PLC0415

    settings = settings_for(warehouse)
    try:
        con = wh.connect(settings.warehouse, read_only=not write, timeout_s=timeout)
    except wh.WarehouseUnavailable as exc:
        fail(str(exc))
        return
    try:
        result = con.execute(query)
        frame = result.pl() if result.description else None
    except Exception as exc:  # noqa: BLE001 - DuckDB errors are user errors here
        fail(f"query failed: {exc}")
        return
    finally:
        con.close()
    if frame is None:
        console.print("ok")
        return
    _print_frame(frame, fmt, out)


def _flat_for_csv(frame):  # noqa: ANN001, ANN202 - a polars DataFrame (polars is imported lazily)
    """CSV has no nested values: list and struct columns (e.g. `actors.aliases`) become JSON text."""
    import polars as pl

    def as_json(column: pl.Series) -> pl.Series:
        values = column.to_list()
        text = [
            None if v is None else json.dumps(v, default=str, ensure_ascii=False) for v in values
        ]
        return pl.Series(column.name, text, dtype=pl.String)

    return frame.with_columns(
        as_json(frame[name]) for name, dtype in frame.schema.items() if dtype.is_nested()
    )


def _print_frame(frame, fmt: OutputFormat, out: Path | None) -> None:  # noqa: ANN001
    if fmt is OutputFormat.parquet:
        if out is None:
            fail("--format parquet needs --out FILE")
        frame.write_parquet(out)
        console.print(f"wrote {frame.height} rows to {out}")
        return
    if fmt is OutputFormat.csv:
        text = _flat_for_csv(frame).write_csv()
    elif fmt is OutputFormat.json:
        text = json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1)
    else:
        table = Table(*frame.columns)
        for row in frame.iter_rows():
            table.add_row(*("∅" if v is None else str(v) for v in row))
        if out is None:
            console.print(table)
            return
        with out.open("w", encoding="utf-8") as fh:
            Console(file=fh, width=200).print(table)
        return
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


@app.command()
def serve(
    inbox_dir: Path = typer.Argument(
        ..., help="Inbox folder watched for new bundles (done/ and failed/ are created inside)."
    ),
    warehouse: WarehouseOption = None,
    cron: str = typer.Option(
        "*/5 * * * *",
        "--cron",
        help="Cron schedule of the inbox scan (UTC), e.g. '0 * * * *' hourly.",
    ),
    settle_seconds: float = typer.Option(
        60.0,
        "--settle-seconds",
        min=0,
        help="A bundle unmodified this long (or with a <name>.ready marker) is complete.",
    ),
    batch_size: int | None = typer.Option(
        None, "--batch-size", "-b", min=1, help="Documents per batch."
    ),
    name: str = typer.Option(
        "newsflow-inbox", "--name", help="Deployment name shown in the Prefect UI."
    ),
) -> None:
    """Serve a scheduled Prefect deployment that ingests every ready bundle dropped in INBOX_DIR."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from newsflow.flows.inbox import process_inbox  # noqa: PLC0415 - Prefect import is slow

    settings = settings_for(warehouse, batch_size=batch_size)
    inbox_dir.mkdir(parents=True, exist_ok=True)
    console.print(
        f"serving deployment {name!r}: scanning {inbox_dir} on '{cron}' into {settings.warehouse}"
    )
    process_inbox.serve(
        name=name,
        cron=cron,
        parameters={
            "inbox_dir": str(inbox_dir.resolve()),
            "warehouse": str(settings.warehouse.resolve()),
            "batch_size": settings.batch_size,
            "settle_seconds": settle_seconds,
        },
    )


def _register_extensions() -> None:
    from newsflow import cli_analyst  # noqa: PLC0415

    cli_analyst.register(app)


_register_extensions()
