"""Opening the DuckDB warehouse and applying the `sql/` migrations and views."""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

from newsflow import resources

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


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing, or another process held it for longer than we waited."""


def is_lock_error(exc: BaseException) -> bool:
    """DuckDB's error when another process holds the file."""
    text = str(exc).lower()
    return "lock" in text and ("could not set" in text or "conflicting" in text)


def connect(
    path: Path, *, read_only: bool = False, timeout_s: float = 60.0
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file, retrying with backoff while another process holds it.

    DuckDB lets one process hold a file for writing, and while it does no other process can
    open it, even read-only; a newsflow run holds it only for seconds (docs/design.md).
    """
    if read_only and not path.exists():
        raise WarehouseUnavailable(
            f"no warehouse at {path}: run `newsflow init` or `newsflow run` first"
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseUnavailable(
                    f"the warehouse {path} is held by another process (a run loading, or a "
                    f"writer); waited {timeout_s:.0f}s. Try again, or raise --timeout."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
