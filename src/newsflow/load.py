"""Staging batches as Parquet and loading a whole run in one DuckDB transaction.

Nothing touches the warehouse until `load_run`: each batch's outputs are written to
`<staging>/<run_id>/<table>/batch_NNNNN.parquet`; `load_run` opens one transaction, upserts
every staged table by key, records the run and commits. A crash before the commit leaves
the warehouse as it was; leftover staging folders are removed at the next start.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import duckdb
import polars as pl

from newsflow import faults, interrupts, resources

# How each staged table is merged into the warehouse:
#   "ignore"  - immutable rows keyed by their primary key: a rerun adds nothing
#   "replace" - rows whose values legitimately change across runs (actor aliases, event counts)
#   "append"  - per-run records (quarantine rows are de-duplicated on their natural key)
MERGE_RULES: dict[str, str] = {
    "articles": "ignore",
    "mentions": "ignore",
    "actors": "replace",
    "actor_lookup": "ignore",  # an alias's keys never change; new aliases add rows
    "name_cues": "ignore",  # a set: a cue stored once stays (newsflow.name_memory)
    "article_bands": "append",  # only new canonical articles' bands: a run never restages one
    "events": "replace",
    "event_keys": "replace",  # an event's merge key and date window widen as reports arrive
    "quarantine": "append",
    "dq_results": "append",
}

# Load order: parents before children, so a reader of the committed state never sees orphans
# (all of it is one transaction anyway; the order matters for readability and future FKs).
TABLE_ORDER = [
    "actors",
    "actor_lookup",
    "name_cues",
    "articles",
    "events",
    "mentions",
    "quarantine",
    "dq_results",
]


@dataclass(frozen=True)
class Staging:
    """The staging folder of one run."""

    root: Path

    def write(self, table: str, batch_index: int, frame: pl.DataFrame) -> Path | None:
        """Write one batch of `table` rows; empty frames write nothing."""
        if frame.height == 0:
            return None
        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"batch_{batch_index:05d}.parquet"
        frame.write_parquet(path)
        return path

    def tables(self) -> list[str]:
        """Names of the tables that have staged rows."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name for p in self.root.iterdir() if p.is_dir() and any(p.glob("*.parquet"))
        )

    def glob(self, table: str) -> str:
        return str(self.root / table / "*.parquet")

    def read(self, table: str, columns: list[str] | None = None) -> pl.DataFrame | None:
        """All staged rows of `table` (only `columns`, if given), or None when nothing was staged."""
        if table not in self.tables():
            return None
        return pl.read_parquet(self.glob(table), columns=columns)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def remove_stale_staging(staging_dir: Path, keep: str | None = None) -> list[Path]:
    """Delete staging folders left by crashed runs (all but `keep`); return what was removed."""
    if not staging_dir.is_dir():
        return []
    removed = []
    for folder in staging_dir.iterdir():
        if folder.is_dir() and folder.name != keep:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def remove_empty(*folders: Path) -> None:
    """Remove each folder that exists and is empty, in order (a run's staging folders, once
    its own is gone: a run leaves no empty folders behind)."""
    for folder in folders:
        # missing, or not empty: another warehouse or run is using it
        with contextlib.suppress(OSError):
            folder.rmdir()


def _primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where table_name = ? and constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return list(rows[0][0]) if rows else []


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ? "
        "order by ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in `table` (a catalog name, never input)."""
    row = con.execute(f'select count(*) from "{table}"').fetchone()
    return int(row[0]) if row else 0


def _upsert(con: duckdb.DuckDBPyConnection, table: str, parquet_glob: str, rule: str) -> int:
    """Merge the staged rows of one table; return the number of rows written."""
    known = set(_table_columns(con, table))
    staged = [
        r[0]
        for r in con.execute(
            "select column_name from (describe select * from read_parquet(?))", [parquet_glob]
        ).fetchall()
    ]
    columns = [c for c in staged if c in known]
    # Table and column names come from the catalog and a fixed allow-list, never from input.
    column_list = ", ".join(f'"{c}"' for c in columns)
    before = _count(con, table)
    if rule == "append":
        con.execute(
            f'insert into "{table}" ({column_list}) select {column_list} from read_parquet(?)',
            [parquet_glob],
        )
    else:
        key = _primary_key(con, table)
        if not key:
            raise ValueError(f"table {table} has no primary key to {rule} by")
        verb = "insert or ignore" if rule == "ignore" else "insert or replace"
        # A key staged by several batches is written once, from the latest batch (batch files
        # are numbered with zero padding, so the file name orders them).
        key_list = ", ".join(f'"{c}"' for c in key)
        con.execute(
            f'{verb} into "{table}" ({column_list}) '
            f"select {column_list} from read_parquet(?, filename = true) "
            f"qualify row_number() over (partition by {key_list} order by filename desc) = 1",
            [parquet_glob],
        )
    return _count(con, table) - before


@dataclass(frozen=True)
class RunRecord:
    """One run and its accounting: the `runs` row, the run summary and `newsflow runs` read
    these fields. inputs = loaded + already_loaded + inputs quarantined; the WARC records that
    are crawl protocol are not inputs: skipped_records counts them, skipped_by_kind by kind."""

    run_id: str
    bundle_path: str
    bundle_id: str
    flow_run_id: str | None
    settings: str | None = None  # Settings.to_params() as JSON
    inputs: int = 0  # documents found in the bundle
    loaded: int = 0  # new article rows (duplicates included)
    already_loaded: int = 0  # inputs whose article earlier runs loaded
    duplicates: int = 0  # of the loaded rows, those marked duplicate_of
    quarantined: int = 0  # quarantine rows of the run (inputs and rows)
    actors: int = 0  # actors added or updated
    mentions: int = 0  # mentions added
    events: int = 0  # events added or updated
    not_extracted: int = 0  # canonical articles kept but not extracted (language not English)
    skipped_records: int = 0  # WARC records that are crawl protocol (request, metadata, ...)
    skipped_by_kind: dict[str, int] = field(default_factory=dict)  # those records by kind

    COUNTS: ClassVar[tuple[str, ...]] = (
        "inputs",
        "loaded",
        "already_loaded",
        "duplicates",
        "quarantined",
        "actors",
        "mentions",
        "events",
        "not_extracted",
        "skipped_records",
    )

    def counts(self) -> dict[str, int]:
        """The accounting fields by name, in their documented order."""
        return {name: getattr(self, name) for name in self.COUNTS}


def utc_now() -> datetime:
    """Now, as the naive UTC timestamp every `runs` time column holds."""
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, run: RunRecord) -> None:
    """Record a run as `running` (its own short transaction); recording it again adds its
    flow run and keeps its start time."""
    con.execute(
        resources.sql("queries/run_start.sql"),
        {
            "run_id": run.run_id,
            "now": utc_now(),
            "bundle_path": run.bundle_path,
            "bundle_id": run.bundle_id,
            "flow_run_id": run.flow_run_id,
            "settings": run.settings,
        },
    )


def run_status(con: duckdb.DuckDBPyConnection, run_id: str) -> str | None:
    """The `runs` status of `run_id`; None when it is not recorded (or the file has no
    `runs` table yet: a new warehouse)."""
    try:
        row = con.execute("select status from runs where run_id = ?", [run_id]).fetchone()
    except duckdb.CatalogException:
        return None
    return None if row is None else str(row[0])


def mark_abandoned(con: duckdb.DuckDBPyConnection, keep: str | None = None) -> int:
    """Runs still `running` when no run holds the lock died mid-way: say so (all but `keep`,
    the run that is starting)."""
    sql = resources.sql("queries/run_abandon.sql")
    return len(con.execute(sql, {"now": utc_now(), "keep": keep}).fetchall())


def begin_run(con: duckdb.DuckDBPyConnection, run: RunRecord) -> None:
    """Mark runs left `running` by dead processes `abandoned`, then record `run` as running.
    The caller holds the run lock: no other run is alive."""
    mark_abandoned(con, keep=run.run_id)
    start_run(con, run)


def fail_run(
    con: duckdb.DuckDBPyConnection, run_id: str, error: str, status: str = "failed"
) -> str | None:
    """Mark a `running` run `failed` or `interrupted` with the reason (nothing of it was
    loaded); return the run's status now: `completed` when its load had committed."""
    if status not in {"failed", "interrupted"}:
        raise ValueError(f"a run ends failed or interrupted, not {status!r}")
    con.execute(
        resources.sql("queries/run_fail.sql"),
        {"run_id": run_id, "status": status, "error": error, "now": utc_now()},
    )
    return run_status(con, run_id)


def load_run(con: duckdb.DuckDBPyConnection, staging: Staging, run: RunRecord) -> dict[str, int]:
    """Upsert every staged table and complete the run row, all in one transaction."""
    written: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        staged = staging.tables()
        ordered = [t for t in TABLE_ORDER if t in staged] + [
            t for t in staged if t not in TABLE_ORDER
        ]
        for table in ordered:
            if table == "quarantine":
                written[table] = _load_quarantine(con, staging.glob(table), run.run_id)
                continue
            rule = MERGE_RULES.get(table, "ignore")
            written[table] = _upsert(con, table, staging.glob(table), rule)
        con.execute(resources.sql("queries/fill_outlets.sql"))
        con.execute(resources.sql("queries/refresh_event_counts.sql"))  # needs the outlets
        con.execute(resources.sql("queries/refresh_stories.sql"), {"run_id": run.run_id})
        # here, not at the top: the supervising CLI imports this module, and dedupe's
        # import (the kernel modules) costs it time for nothing
        from newsflow.dedupe.terms import DF_SLOTS  # noqa: PLC0415

        con.execute(
            resources.sql("queries/add_story_term_df.sql"),
            {"run_id": run.run_id, "slots": DF_SLOTS},
        )
        con.execute(
            resources.sql("queries/run_complete.sql"),
            {
                "run_id": run.run_id,
                "now": utc_now(),
                **run.counts(),
                "skipped_by_kind": json.dumps(run.skipped_by_kind, sort_keys=True),
            },
        )
        faults.checkpoint("loading")
    except BaseException:
        con.execute("rollback")
        raise
    # A signal during the commit waits for it (it is raised after, with the run completed):
    # the load is rolled back above or committed here, never cut in half.
    with interrupts.shielded():
        con.execute("commit")
    return written


def _load_quarantine(con: duckdb.DuckDBPyConnection, parquet_glob: str, run_id: str) -> int:
    """Insert quarantine rows not already recorded for the same input, stage and reason."""
    before = _count(con, "quarantine")
    con.execute(resources.sql("queries/insert_quarantine.sql"), [run_id, parquet_glob])
    return _count(con, "quarantine") - before


def known_article_ids(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Id and input hash of every article already in the warehouse (to skip known content)."""
    return con.execute("select article_id, input_hash from articles").pl()


def known_name_cues(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every stored name cue (`name_memory`): what earlier runs wrote of names' kinds."""
    return con.execute("select name, cue from name_cues").pl()


def known_actors(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """All actors already in the warehouse."""
    return con.execute("select actor_id, name, actor_type, country_code, aliases from actors").pl()
