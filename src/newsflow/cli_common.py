"""What every `newsflow` command shares: consoles, the warehouse and timeout options, settings
built once from the environment and the command line, one way to fail, and the help layout."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand

from newsflow import settings as settings_mod

if TYPE_CHECKING:  # imported lazily: every command loads this module
    import polars as pl

WAREHOUSE_HELP = (
    "DuckDB warehouse file (default: $NEWSFLOW_WAREHOUSE, else warehouse/newsflow.duckdb). "
    "Its reports/ and staging/ folders and its .lock file go beside it."
)
TIMEOUT_HELP = "Seconds to keep retrying while a run holds the warehouse for its load."
WarehouseOption = Annotated[
    Path | None,
    typer.Option("--warehouse", "-w", help=WAREHOUSE_HELP, show_default=False, metavar="FILE"),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0, help=TIMEOUT_HELP, metavar="SECONDS")
]
BatchSizeOption = Annotated[
    int | None,
    typer.Option(
        "--batch-size",
        "-b",
        min=1,
        metavar="N",
        help="Documents per batch (default: $NEWSFLOW_BATCH_SIZE, else 500).",
        show_default=False,
    ),
]


class Command(TyperCommand):
    """A command whose usage line reads like click's (`newsflow run [OPTIONS] BUNDLE`), where
    typer writes `{bundle}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def out() -> Console:
    """Standard output (made per call so the terminal width, $COLUMNS, is read when used)."""
    return Console()


def err() -> Console:
    """Standard error."""
    return Console(stderr=True)


def settings_for(warehouse: Path | None, **overrides: object) -> settings_mod.Settings:
    """The one Settings of this command: environment, then the command line's options."""
    try:
        return settings_mod.from_env(None, warehouse=warehouse, **overrides)
    except (TypeError, ValueError) as exc:  # NEWSFLOW_BATCH_SIZE=lots, say
        fail(f"invalid setting: {exc} (check the NEWSFLOW_* environment variables)")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one readable error line and exit with `code`."""
    # escaped: a message may hold [brackets] (paths, SQL) that rich would take for markup
    err().print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def flat_for_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV has no nested values: list and struct columns (e.g. `actors.aliases`) become JSON text."""
    import polars as pl  # noqa: PLC0415 - the CLI starts without polars

    def as_json(column: pl.Series) -> pl.Series:
        values = column.to_list()
        text = [
            None if v is None else json.dumps(v, default=str, ensure_ascii=False) for v in values
        ]
        return pl.Series(column.name, text, dtype=pl.String)

    return frame.with_columns(
        as_json(frame[name]) for name, dtype in frame.schema.items() if dtype.is_nested()
    )


def write_text_frame(frame: pl.DataFrame, fmt: OutputFormat, out: Path | None = None) -> None:
    """`frame` as CSV or JSON records, to `out` or standard output."""
    if fmt is OutputFormat.csv:
        text = flat_for_csv(frame).write_csv()
    elif fmt is OutputFormat.json:
        text = json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1)
    else:
        raise ValueError(f"not a text format: {fmt}")
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")
