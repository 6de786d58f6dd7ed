"""Read-only access to the warehouse for analysts: views, export, report, `newsflow sql`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from newsflow import resources
from newsflow import warehouse as wh

if TYPE_CHECKING:
    import polars as pl

WarehouseUnavailable = wh.WarehouseUnavailable


def open_read_only(path: Path, timeout_s: float = 10) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse at `path`, waiting up to `timeout_s` for a writer.

    Raises WarehouseUnavailable with a message meant for people: the file is missing (run
    `newsflow init` or `newsflow run`), or a run held it for longer than `timeout_s` seconds.
    DuckDB lets no other process open a file while one writes it; a run writes only for its
    short load transaction, so waiting a few seconds is usually enough.
    """
    if not path.is_file():
        raise WarehouseUnavailable(f"no warehouse at {path}: run `newsflow init` or `newsflow run`")
    return wh.connect(path, read_only=True, timeout_s=timeout_s)


def relation_names(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """The user tables and views of the warehouse's main schema, each sorted by name."""
    tables = [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() "
            "where schema_name = 'main' and not internal and not temporary order by table_name"
        ).fetchall()
    ]
    views = [
        row[0]
        for row in con.execute(
            "select view_name from duckdb_views() "
            "where schema_name = 'main' and not internal and not temporary order by view_name"
        ).fetchall()
    ]
    return tables, views


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pl.DataFrame:
    """The `limit` newest runs with their accounting and duration (sql/report/recent_runs.sql)."""
    sql = resources.sql("report/recent_runs.sql")
    return con.execute(sql, {"limit": limit}).pl()
