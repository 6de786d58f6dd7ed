"""Export every warehouse table and view to Parquet or CSV files for other tools.

Layout of an export folder:

    DIR/<relation>.parquet|csv         one file per table and view
    DIR/events/event_month=YYYY-MM/    events as hive-partitioned Parquet, by month of event_date
    DIR/manifest.json                  format, time, and row count of every relation written

A re-export replaces the previous one cleanly: everything is written to a staging folder
inside DIR first, then what the previous manifest listed is removed and the new files are
moved in, so no stale file (a month that no longer has events, a dropped view, the other
format) survives. Files in DIR that newsflow did not write are left alone.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import duckdb

from newsflow.readers import relation_names

MANIFEST = "manifest.json"
_STAGING = ".export-staging"

# The month partition column added to events in Parquet exports (hive style: event_month=2024-03;
# undated events land in event_month=NULL).
EVENT_MONTH = "event_month"
_EVENT_MONTH_EXPR = f"*, strftime(event_date, '%Y-%m') as {EVENT_MONTH}"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows per relation and where each relation's files are."""

    out_dir: Path
    fmt: ExportFormat
    rows: dict[str, int]
    paths: dict[str, Path]


def relation_path(out_dir: Path, relation: str, fmt: ExportFormat) -> Path:
    """Where `relation` is written in an export folder (a folder for partitioned events)."""
    if relation == "events" and fmt is ExportFormat.parquet:
        return out_dir / "events"
    return out_dir / f"{relation}.{fmt.value}"


def read_glob(out_dir: Path, relation: str, fmt: ExportFormat) -> str:
    """A glob that reads `relation` back from an export folder (read_parquet / read_csv)."""
    path = relation_path(out_dir, relation, fmt)
    return str(path / "**" / "*.parquet") if path.suffix == "" else str(path)


def _write(con: duckdb.DuckDBPyConnection, relation: str, target: Path, fmt: ExportFormat) -> None:
    rel = con.table(relation)  # names come from the catalog (relation_names), not from users
    if fmt is ExportFormat.csv:
        rel.write_csv(str(target), header=True)
    elif relation == "events":
        rel.project(_EVENT_MONTH_EXPR).write_parquet(
            str(target), partition_by=[EVENT_MONTH], compression="zstd"
        )
    else:
        rel.write_parquet(str(target), compression="zstd")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _previous_paths(out_dir: Path) -> list[Path]:
    """Paths the previous export in `out_dir` wrote, from its manifest (none if unreadable)."""
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return []
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["relations"]
    except (ValueError, KeyError, TypeError):
        return []
    paths = []
    for entry in entries.values():
        candidate = (out_dir / str(entry.get("path", ""))).resolve()
        # only ever delete inside the export folder
        if candidate.parent == out_dir.resolve():
            paths.append(candidate)
    return paths


def export_warehouse(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    fmt: ExportFormat = ExportFormat.parquet,
    progress: Callable[[str, int], None] | None = None,
) -> ExportResult:
    """Write every table and view of `con` to `out_dir` in `fmt`, replacing a previous export.

    `progress(relation, rows)` is called after each relation is written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / _STAGING
    _remove(staging)  # left over from an interrupted export
    staging.mkdir()
    tables, views = relation_names(con)
    rows: dict[str, int] = {}
    try:
        for relation in tables + views:
            _write(con, relation, relation_path(staging, relation, fmt), fmt)
            count = con.table(relation).count("*").fetchone()
            rows[relation] = int(count[0]) if count else 0
            if progress is not None:
                progress(relation, rows[relation])
        # swap: drop what the previous export wrote and what we are about to write, move in
        for old in _previous_paths(out_dir):
            _remove(old)
        paths: dict[str, Path] = {}
        for relation in rows:
            final = relation_path(out_dir, relation, fmt)
            _remove(final)
            relation_path(staging, relation, fmt).rename(final)
            paths[relation] = final
    finally:
        _remove(staging)
    manifest = {
        "format": fmt.value,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "relations": {
            name: {
                "kind": "table" if name in tables else "view",
                "path": paths[name].name,
                "rows": rows[name],
                **({"partitioned_by": [EVENT_MONTH]} if paths[name].is_dir() else {}),
            }
            for name in rows
        },
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return ExportResult(out_dir=out_dir, fmt=fmt, rows=rows, paths=paths)
