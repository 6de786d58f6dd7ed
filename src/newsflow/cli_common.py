"""What every `newsflow` command shares: consoles, the warehouse and timeout options, settings
built once from the environment and the command line, and one way to fail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from newsflow import settings as settings_mod

WAREHOUSE_HELP = (
    "DuckDB warehouse file (default: $NEWSFLOW_WAREHOUSE, else warehouse/newsflow.duckdb)."
)
TIMEOUT_HELP = "Seconds to keep retrying while a run holds the warehouse for its load."
WarehouseOption = Annotated[
    Path | None, typer.Option("--warehouse", "-w", help=WAREHOUSE_HELP, show_default=False)
]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0, help=TIMEOUT_HELP)]


def out() -> Console:
    """Standard output (made per call so the terminal width, $COLUMNS, is read when used)."""
    return Console()


def err() -> Console:
    """Standard error."""
    return Console(stderr=True)


def settings_for(warehouse: Path | None, **overrides: object) -> settings_mod.Settings:
    """The one Settings of this command: environment, then the command line's options."""
    return settings_mod.from_env(warehouse=warehouse, **overrides)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one readable error line and exit with `code`."""
    err().print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
