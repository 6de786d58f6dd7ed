"""The `newsflow` command: a thin layer over the flow and the warehouse."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsflow.cli_common import (
    BatchSizeOption,
    Command,
    OutputFormat,
    TimeoutOption,
    WarehouseOption,
    err,
    fail,
    out,
    settings_for,
    write_text_frame,
)

if TYPE_CHECKING:  # imported lazily: `newsflow run` must answer "busy" before the slow imports
    from newsflow.supervise import Outcome

STARTED = time.monotonic()  # the command's start (after Python's own), for the wall time

app = typer.Typer(
    help="newsflow: a self-hosted news-event warehouse. Ingest bundles of scraped articles "
    "with a Prefect flow into DuckDB tables (articles, actors, mentions, events, quarantine, "
    "runs, dq_results) and query them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich's help panels gave flags a `<bool>` value and cut defaults at 80 columns.
    rich_markup_mode=None,
)
console = out()


@app.command(cls=Command)
def run(
    bundle: Path = typer.Argument(
        ...,
        help="Bundle to ingest: a folder, .zip, .tar(.gz/.bz2/.xz)/.tgz, .jsonl/.ndjson(.gz), .json, "
        ".warc/.wet(.gz), or one .txt/.html(.gz) file.",
        show_default=False,
    ),
    warehouse: WarehouseOption = None,
    batch_size: BatchSizeOption = None,
    no_gates: bool = typer.Option(
        False, "--no-gates", help="Skip the Great Expectations quality gates (faster, unvalidated)."
    ),
    wait: float = typer.Option(
        0.0,
        "--wait",
        min=0,
        metavar="SECONDS",
        help="Seconds to wait at the start for another run, or a reader, holding the warehouse "
        "(0: say who holds it and stop at once).",
    ),
    timeout: float | None = typer.Option(
        None,
        "--timeout",
        min=0,
        metavar="SECONDS",
        help="Seconds the run's own writes (its start, its load) wait for readers that opened "
        "the warehouse meanwhile (default: $NEWSFLOW_LOCK_TIMEOUT_S, else 60).",
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the run's outcome as JSON."),
    dask: bool = typer.Option(
        False,
        "--dask",
        help="Run the NLP of upcoming batches on Dask workers (a local cluster unless --dask-address).",
    ),
    dask_address: str | None = typer.Option(
        None,
        "--dask-address",
        metavar="ADDR",
        help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (implies --dask).",
        show_default=False,
    ),
    nlp_workers: int | None = typer.Option(
        None,
        "--nlp-workers",
        min=0,
        metavar="N",
        help="Processes running the NER of upcoming batches while the flow resolves earlier "
        "ones (default: $NEWSFLOW_NLP_WORKERS, else 1; 0 = NER in the flow's process).",
        show_default=False,
    ),
    debug: bool = typer.Option(
        False,
        "--debug",
        help="Show the flow's own output (Prefect's logs, full tracebacks) here instead of in "
        "the run's log file.",
    ),
) -> None:
    """Run the Prefect flow on BUNDLE and print the run's accounting.

    The run takes the warehouse first (a run lock, then its `running` row), before its
    start-up: another run or a reader holding it is named at once (exit 75). Ctrl-C or
    SIGTERM stop the run within seconds and say what the warehouse holds (exit 130 or 143;
    0 if the load had committed). Exit 1: the run failed, nothing of it was loaded.
    """
    if not bundle.exists():
        fail(f"bundle not found: {bundle}")
    # Until the run takes over its signals (supervise.run), Ctrl-C just ends the command.
    previous = {signum: signal.signal(signum, _stopped_early) for signum in _STOP_SIGNALS}
    settings = settings_for(
        warehouse,
        batch_size=batch_size,
        gates=False if no_gates else None,
        task_runner="dask" if (dask or dask_address) else None,
        dask_address=dask_address,
        nlp_workers=nlp_workers,
        lock_timeout_s=timeout,
    )
    from newsflow import supervise  # noqa: PLC0415 - after the cheap checks

    display = _RunDisplay(enabled=not as_json and not debug)
    try:
        with display:
            outcome = supervise.run(
                bundle, settings, wait_seconds=wait, debug=debug, progress=display.update,
                started=STARTED,
            )  # fmt: skip
    except supervise.CannotStart as exc:
        if exc.exit_code > 128:  # a signal, not an error
            err().print(escape(str(exc)), highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        fail(str(exc), code=exc.exit_code)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if as_json:
        console.print_json(json.dumps(_outcome_json(outcome), default=str))
    elif outcome.status == "completed":
        console.print(_summary_table(outcome))
        console.print(escape(outcome.sentence()), highlight=False, soft_wrap=True)
        nothing = _nothing_loaded(outcome.summary)
        if nothing:
            err().print(f"[yellow]note:[/] {escape(nothing)}", highlight=False, soft_wrap=True)
    if outcome.status != "completed" and not as_json:
        label = "[bold red]error:[/] " if outcome.signal is None else ""
        err().print(label + escape(outcome.sentence()), highlight=False, soft_wrap=True)
    _ENDED["run"] = True
    raise typer.Exit(outcome.exit_code)


_ENDED = {"run": False}  # `run` has said how the run ended: nothing is left to do


def main() -> None:
    """The `newsflow` console script: `app`, and after a run has said how it ended, a quick
    exit. Tearing down the interpreter (DuckDB, polars, pandas, rich) took 0.2-0.35 s after
    the run's last line, measured; the run's processes are gone, its lock released, its
    writes committed and its output written, so there is nothing left for it to do."""
    try:
        app()
    except SystemExit as exc:
        if _ENDED["run"] and (exc.code is None or isinstance(exc.code, int)):
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.code or 0)
        raise


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stopped_early(signum: int, frame: object) -> None:
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    err().print(f"interrupted ({name}) before the run started; nothing was recorded")
    raise typer.Exit(128 + signum)


class _RunDisplay:
    """The live line of `newsflow run` (stderr; cleared when the run ends). Without a
    terminal (cron, a log file) only waits are written, one line per holder waited for: they
    explain a slow start or a failed load."""

    def __init__(self, enabled: bool) -> None:
        self.console = err()
        self.enabled = enabled
        self.progress: Progress | None = None
        if enabled and self.console.is_terminal:
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
        self.task: Any = None
        self.waits_said: set[str] = set()

    def __enter__(self) -> _RunDisplay:
        if self.progress is not None:
            self.progress.start()
            self.task = self.progress.add_task("taking the warehouse")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, info: dict[str, Any]) -> None:
        text = escape(_progress_text(info))
        if self.progress is not None:
            self.progress.update(self.task, description=text)
        elif self.enabled and info.get("stage") == "wait" and text not in self.waits_said:
            # A run waits for the same reader at its load and when it records its failure.
            self.waits_said.add(text)
            self.console.print(text, highlight=False, soft_wrap=True)


def _progress_text(info: dict[str, Any]) -> str:
    stage = info.get("stage")
    if stage == "starting":
        return "starting: Prefect, models, quality gates"
    if stage == "documents":
        return "reading the bundle"
    if stage == "load":
        return "loading the run in one transaction"
    if stage == "wait":
        return f"waiting for {info.get('holder')} to let go of the warehouse"
    if stage == "stopping":
        name = "Ctrl-C" if info.get("signal") == 2 else f"signal {info.get('signal')}"
        return (
            f"{name}: stopping the run (rolling back; at most {info.get('grace', 0):.0f} s, "
            "Ctrl-C again to kill it now)"
        )
    if stage == "killing":
        return "killing the run's processes"
    return (
        f"batch {info.get('batch')}: {info.get('inputs', 0)} inputs, "
        f"{info.get('loaded', 0)} new articles, {info.get('mentions', 0)} mentions"
    )


def _reasons_text(reasons: dict[str, int]) -> str:
    return ", ".join(f"{reason}: {count}" for reason, count in reasons.items())


def _summary_table(outcome: Outcome) -> Table:
    """The accounting of a completed run (counts from the run, seconds from `runs`)."""
    from newsflow.load import RunRecord  # noqa: PLC0415 - loaded already by the run

    summary = outcome.summary
    table = Table(title=f"newsflow run {outcome.run_id}", show_header=False)
    table.add_row("bundle", escape(str(summary.get("bundle", ""))))
    table.add_row("warehouse", escape(str(outcome.warehouse)))
    for key in RunRecord.COUNTS:  # the warehouse's record of the run, else the run's own
        value = str(outcome.record.get(key, summary.get(key, 0)))
        reasons = summary.get("quarantine_reasons") or {}
        if key == "quarantined" and reasons:
            value += f" ({escape(_reasons_text(reasons))})"
        table.add_row(key.replace("_", " "), value)
    if summary.get("skipped_by_kind"):  # WARC crawl-protocol records, by kind
        table.add_row("skipped by kind", escape(str(summary["skipped_by_kind"])))
    if outcome.seconds is not None:
        table.add_row("seconds", f"{outcome.seconds:.1f} (taking the warehouse to the commit)")
    wall = f"{outcome.wall_seconds:.1f} (the whole command"
    if outcome.startup_seconds is not None:
        wall += f"; first document after {outcome.startup_seconds:.1f}"
    table.add_row("wall seconds", wall + ")")
    if summary.get("report"):
        table.add_row("quality report", escape(str(summary["report"])))
    if outcome.log_path is not None:
        table.add_row("log", escape(str(outcome.log_path)))
    return table


def _nothing_loaded(summary: dict[str, Any]) -> str | None:
    """A note when a run loaded nothing new because its new inputs were all quarantined."""
    reasons = summary.get("quarantine_reasons") or {}
    if summary.get("loaded", 0) or not reasons:
        return None
    return (
        f"nothing new was loaded: the run's new inputs were quarantined "
        f'({_reasons_text(reasons)}); `newsflow sql "select * from quarantine"` lists them.'
    )


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    holds = outcome.after.__dict__ if outcome.after is not None else None
    return {
        **outcome.summary,
        "run_id": outcome.run_id,
        "status": outcome.status,
        "seconds": outcome.seconds,
        "wall_seconds": round(outcome.wall_seconds, 2),
        "startup_seconds": (
            None if outcome.startup_seconds is None else round(outcome.startup_seconds, 2)
        ),
        "error": outcome.error if outcome.status != "completed" else None,
        "signal": outcome.signal,
        "log": None if outcome.log_path is None else str(outcome.log_path),
        "warehouse_holds": holds,
        "message": outcome.sentence(),
    }


@app.command(cls=Command)
def init(warehouse: WarehouseOption = None, timeout: TimeoutOption = 10.0) -> None:
    """Create the warehouse, or migrate an existing one to the current schema."""
    from newsflow import runlock  # noqa: PLC0415
    from newsflow import warehouse as wh  # noqa: PLC0415

    settings = settings_for(warehouse)
    try:  # a migration must not change the tables under a run
        with (
            runlock.exclusive_run(settings.warehouse),
            wh.connect(settings.warehouse, timeout_s=timeout) as con,
        ):
            applied = wh.migrate(con)
    except (runlock.WarehouseBusy, wh.WarehouseUnavailable) as exc:
        fail(str(exc), code=75)
    note = ", ".join(applied) if applied else "already up to date"
    console.print(f"warehouse {settings.warehouse}: {note}")


@app.command(cls=Command)
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
        None,
        "--out",
        "-o",
        metavar="FILE",
        help="Write the result to this file instead of stdout.",
        show_default=False,
    ),
    write: bool = typer.Option(
        False, "--write", help="Open the warehouse read-write (default is read-only)."
    ),
    timeout: float = typer.Option(
        30.0,
        "--timeout",
        min=0,
        metavar="SECONDS",
        help="Seconds to keep retrying while a run holds the warehouse.",
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


def _print_frame(frame: Any, fmt: OutputFormat, out: Path | None) -> None:
    if fmt is OutputFormat.parquet:
        if out is None:
            fail("--format parquet needs --out FILE")
        frame.write_parquet(out)
        console.print(f"wrote {frame.height} rows to {out}")
        return
    if fmt is not OutputFormat.table:
        write_text_frame(frame, fmt, out)
        return
    table = Table(*(escape(c) for c in frame.columns))
    for row in frame.iter_rows():
        table.add_row(*("∅" if v is None else escape(str(v)) for v in row))
    if out is None:
        console.print(table)
        return
    with out.open("w", encoding="utf-8") as fh:
        Console(file=fh, width=200).print(table)


@app.command(cls=Command)
def serve(
    inbox_dir: Path = typer.Argument(
        ..., help="Inbox folder watched for new bundles (done/ and failed/ are created inside)."
    ),
    warehouse: WarehouseOption = None,
    cron: str = typer.Option(
        "*/5 * * * *",
        "--cron",
        metavar="EXPR",
        help="Cron schedule of the inbox scan (UTC), e.g. '0 * * * *' hourly.",
    ),
    settle_seconds: float = typer.Option(
        60.0,
        "--settle-seconds",
        min=0,
        metavar="SECONDS",
        help="A bundle unmodified this long (or with a <name>.ready marker) is complete.",
    ),
    batch_size: BatchSizeOption = None,
    name: str = typer.Option(
        "newsflow-inbox", "--name", metavar="NAME", help="Deployment name shown in the Prefect UI."
    ),
) -> None:
    """Serve a scheduled Prefect deployment that ingests every ready bundle dropped in INBOX_DIR."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")  # Prefect's client telemetry and its notice
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
