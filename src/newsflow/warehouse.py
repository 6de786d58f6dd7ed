"""Opening the DuckDB warehouse and applying the `sql/` migrations and views."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsflow import resources, runlock

log = logging.getLogger("newsflow")

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migration_files(sql_dir: Path | None = None) -> list[Path]:
    """Numbered migration files (`NNN_name.sql`) in apply order."""
    sql_dir = sql_dir or resources.path("sql")
    files = [p for p in sql_dir.iterdir() if _MIGRATION_NAME.match(p.name)]
    numbers = [p.name[:3] for p in files]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"two migrations share a number in {sql_dir}: {sorted(numbers)}")
    return sorted(files)


def view_files(sql_dir: Path | None = None) -> list[Path]:
    """Analytic view definitions (`sql/views/*.sql`), applied after every migration run."""
    views = (sql_dir or resources.path("sql")) / "views"
    return sorted(views.glob("*.sql")) if views.is_dir() else []


def _holds_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return con.execute(f"select exists (select 1 from {table})").fetchone() == (True,)


def _fill_actor_lookup(con: duckdb.DuckDBPyConnection) -> None:
    if not _holds_rows(con, "actors"):  # a new warehouse: nothing was loaded before
        return
    from newsflow import history  # noqa: PLC0415 - it reads the warehouse through this module

    history.fill_actor_lookup(con)


def _fill_dedupe_lookup(con: duckdb.DuckDBPyConnection) -> None:
    # A new warehouse has nothing to fill: its first run's command then never imports the
    # dedupe package (polars, the kernels; numba too when the fill is big) beside the
    # flow process's start-up (issue 24).
    if not _holds_rows(con, "articles"):
        return
    from newsflow.dedupe import lookup  # noqa: PLC0415 - it reads the warehouse through this module

    lookup.fill_dedupe_lookup(con)


def _refill_event_confidence(con: duckdb.DuckDBPyConnection) -> None:
    if not _holds_rows(con, "events"):
        return
    from newsflow import confidence  # noqa: PLC0415 - polars and the model only when needed

    confidence.refill(con)


def _fill_plover_types(con: duckdb.DuckDBPyConnection) -> None:
    if not _holds_rows(con, "events"):
        return
    from newsflow.triggers import plover_type  # noqa: PLC0415 - spaCy only when needed

    pairs = con.execute(
        "select distinct event_type, mode from events where plover_type is null"
    ).fetchall()
    for event_type, mode in pairs:
        con.execute(
            "update events set plover_type = ? where plover_type is null"
            " and event_type = ? and mode is not distinct from ?",
            [plover_type(event_type, mode), event_type, mode],
        )


# Migrations whose new table or column holds values only Python computes (name folding, the
# confidence model, the PLOVER type rule): the function fills them for the rows loaded before,
# in the migration's transaction.
_BACKFILLS: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {
    "090_actor_lookup.sql": _fill_actor_lookup,
    "092_dedupe_lookup.sql": _fill_dedupe_lookup,
    "095_event_confidence.sql": _refill_event_confidence,
    "096_event_plover_type.sql": _fill_plover_types,
    "098_event_confidence_words.sql": _refill_event_confidence,
}


def migrate(con: duckdb.DuckDBPyConnection, sql_dir: Path | None = None) -> list[str]:
    """Apply pending migrations, (re)create views and fill derived columns still null
    (`queries/fill_outlets.sql`), in one transaction; return the names applied."""
    con.execute(
        "create table if not exists schema_migrations ("
        " name varchar primary key, applied_at timestamp default current_timestamp)"
    )
    done = {row[0] for row in con.execute("select name from schema_migrations").fetchall()}
    applied: list[str] = []
    con.execute("begin transaction")
    try:
        for path in migration_files(sql_dir):
            if path.name in done:
                continue
            con.execute(path.read_text(encoding="utf-8"))
            if path.name in _BACKFILLS:  # rows derived in Python for what is already loaded
                _BACKFILLS[path.name](con)
            con.execute("insert into schema_migrations (name) values (?)", [path.name])
            applied.append(path.name)
        for path in view_files(sql_dir):
            con.execute(path.read_text(encoding="utf-8"))
        fill = (sql_dir or resources.path("sql")) / "queries" / "fill_outlets.sql"
        if fill.exists():  # derived columns of rows loaded before they existed (031)
            con.execute(fill.read_text(encoding="utf-8"))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return applied


SHORT_READ_MEMORY = "256MB"  # DuckDB's memory limit in a ShortReads connection


@dataclass
class ShortReads:
    """Reads of a warehouse, each in a short read-only connection of its own, timed and counted:
    a run holds the run lock, and its load at the end is the only writer (docs/design.md)."""

    warehouse: Path
    timeout_s: float = 60.0
    reads: int = 0
    seconds: float = 0.0  # spent in those reads

    def arrow(self, sql: str, params: dict[str, Any]) -> pa.Table:
        """The rows of `sql` with `params`."""
        clock = time.perf_counter()
        with connect(self.warehouse, read_only=True, timeout_s=self.timeout_s) as con:
            # DuckDB keeps the blocks a query scans in its buffer pool up to its memory limit
            # (80% of RAM by default): a read of one week's articles joined to 1M articles
            # peaked at 1.2 GB, at 450 MB and faster under this limit (issue 24)
            con.execute(f"set memory_limit = '{SHORT_READ_MEMORY}'")
            table = con.execute(sql, params).arrow()
            if isinstance(table, pa.RecordBatchReader):
                table = table.read_all()
        self.reads += 1
        self.seconds += time.perf_counter() - clock
        return table


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing, or another process held it for longer than we waited."""


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's error when another process holds the file."""
    text = str(exc).lower()
    return "lock" in text and ("could not set" in text or "conflicting" in text)


def who_holds(path: Path) -> str:
    """Who holds the warehouse file now, in words: a newsflow run (its id and pid), readers
    or a writer (pid and program), from the kernel's lock table and the run lock."""
    run = runlock.holder(path)
    locks = runlock.file_locks(path)
    duckdb_locks = [lock for lock in locks or [] if lock.kind != "FLOCK"]
    writers = [lock.pid for lock in duckdb_locks if lock.mode == "WRITE"]
    readers = [lock.pid for lock in duckdb_locks if lock.mode == "READ"]
    if run is not None and (writers or locks is None):
        return f"{run.describe()}, which is writing to it"
    if writers:
        return (
            f"{_processes(writers)}, which holds it for writing (`newsflow sql --write`, "
            "`newsflow init` or another DuckDB client)"
        )
    if len(readers) == 1:
        return (
            f"a reader, {_processes(readers)}, holding it read-only (a BI tool, a notebook "
            "or `newsflow sql`)"
        )
    if readers:
        return (
            f"{len(readers)} readers, {_processes(readers)}, holding it read-only (BI tools, "
            "notebooks or `newsflow sql`)"
        )
    return "another process"


def _processes(pids: list[int | None]) -> str:
    known = sorted({pid for pid in pids if pid})
    if not known:
        return "a process"
    shown = [f"pid {pid} ({_program(pid)})" for pid in known[:3]]
    more = f" and {len(known) - 3} more" if len(known) > 3 else ""
    return ", ".join(shown) + more


def _program(pid: int) -> str:
    """The command line of `pid`, short (what an operator recognises: `python3 -m ...`)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    if not words:
        return "?"
    text = " ".join(" ".join([Path(words[0]).name, *words[1:]]).split())  # one line
    return text if len(text) <= 60 else text[:59] + "…"


def connect(
    path: Path,
    *,
    read_only: bool = False,
    timeout_s: float = 60.0,
    remedy: str = "Try again, or raise --timeout.",
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file, retrying with backoff while another process holds it.

    DuckDB lets one process hold a file for writing, and while it does no other process can
    open it, even read-only; while readers hold it, no process can write. A newsflow run
    writes only for seconds (docs/design.md). When `timeout_s` runs out, WarehouseUnavailable
    says who holds the file and, after it, `remedy`.
    """
    if read_only and not path.exists():
        raise WarehouseUnavailable(
            f"no warehouse at {path}: run `newsflow init` or `newsflow run` first"
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    waiting_said = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            who = who_holds(path)
            if time.monotonic() >= deadline:
                waited = f"; waited {timeout_s:.0f} s" if timeout_s >= 1 else ""
                raise WarehouseUnavailable(
                    f"the warehouse {path} is held by another process: {who}{waited}. {remedy}"
                ) from exc
            if not waiting_said:  # `newsflow run` shows it on its progress line
                log.info(
                    "waiting for %s to let go of %s",
                    who,
                    path,
                    extra={"newsflow_progress": {"stage": "wait", "holder": who}},
                )
                waiting_said = True
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
