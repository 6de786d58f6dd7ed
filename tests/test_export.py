"""Export round-trips, clean re-export, and read-only opening with a lock (issue 10)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from fixtures.analyst.build import build_warehouse

from newsflow import warehouse as wh
from newsflow.export import MANIFEST, ExportFormat, export_warehouse, read_glob
from newsflow.readers import WarehouseUnavailable, open_read_only, relation_names

TABLES = {
    "actors",
    "articles",
    "dq_results",
    "events",
    "mentions",
    "quarantine",
    "runs",
    "schema_migrations",
    "stories",
    "event_articles",
}
VIEWS = {
    "actor_network",
    "article_sources",
    "daily_event_counts",
    "dq_summary",
    "quarantine_summary",
    "run_event_roles",
    "story_timeline",
    "top_actors",
}


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    return build_warehouse(tmp_path / "src")


def counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables, views = relation_names(con)
        return {
            name: con.execute(f'select count(*) from "{name}"').fetchone()[0]
            for name in tables + views
        }
    finally:
        con.close()


def read_back(out: Path, relation: str, fmt: ExportFormat) -> duckdb.DuckDBPyRelation:
    reader = "read_parquet" if fmt is ExportFormat.parquet else "read_csv"
    options = ", hive_partitioning = true" if fmt is ExportFormat.parquet else ", header = true"
    return duckdb.sql(f"select * from {reader}('{read_glob(out, relation, fmt)}'{options})")


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_round_trips_every_table_and_view(
    warehouse: Path, tmp_path: Path, fmt: ExportFormat
) -> None:
    expected = counts(warehouse)
    assert set(expected) >= TABLES | VIEWS
    before = sha256(warehouse)
    out = tmp_path / "export"
    with open_read_only(warehouse) as con:
        result = export_warehouse(con, out, fmt)
    assert result.rows == expected
    assert sha256(warehouse) == before  # read-only: the warehouse file is untouched
    for relation, rows in expected.items():
        assert read_back(out, relation, fmt).count("*").fetchone()[0] == rows, relation
    manifest = (out / MANIFEST).read_text(encoding="utf-8")
    assert f'"format": "{fmt.value}"' in manifest


def test_parquet_events_are_partitioned_by_month_and_keep_their_values(
    warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    with open_read_only(warehouse) as con:
        export_warehouse(con, out, ExportFormat.parquet)
        originals = con.execute(
            "select event_id, event_type, event_date from events order by event_id"
        ).fetchall()
    assert sorted(p.name for p in (out / "events").iterdir()) == [
        "event_month=2024-03",
        "event_month=NULL",
    ]
    back = read_back(out, "events", ExportFormat.parquet)
    assert back.order("event_id").select("event_id, event_type, event_date").fetchall() == originals
    assert back.filter("event_id = 'e_08'").select("event_month").fetchall() == [(None,)]


def test_reexport_leaves_no_stale_files(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    con = wh.connect(warehouse)
    con.execute("update events set event_date = date '2024-04-02' where event_id = 'e_07'")
    con.close()
    with open_read_only(warehouse) as ro:
        export_warehouse(ro, out, ExportFormat.parquet)
    assert (out / "events" / "event_month=2024-04").is_dir()
    (out / "notes.txt").write_text("an analyst's own file", encoding="utf-8")

    # the April event moves back to March; the view it fed is dropped
    con = wh.connect(warehouse)
    con.execute("update events set event_date = date '2024-03-06' where event_id = 'e_07'")
    con.execute("drop view quarantine_summary")
    con.close()
    with open_read_only(warehouse) as ro:
        export_warehouse(ro, out, ExportFormat.parquet)
    assert sorted(p.name for p in (out / "events").iterdir()) == [
        "event_month=2024-03",
        "event_month=NULL",
    ]
    assert not (out / "quarantine_summary.parquet").exists()
    assert read_back(out, "events", ExportFormat.parquet).count("*").fetchone()[0] == 10

    # switching format replaces the Parquet files with CSV ones
    with open_read_only(warehouse) as ro:
        result = export_warehouse(ro, out, ExportFormat.csv)
    assert files_under(out) == {f"{name}.csv" for name in result.rows} | {MANIFEST, "notes.txt"}


def _hold_write_lock(path: Path, seconds: float) -> subprocess.Popen:
    script = (
        "import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "print('locked', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "con.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_open_read_only_waits_for_a_short_writer(warehouse: Path) -> None:
    writer = _hold_write_lock(warehouse, 1.0)
    try:
        start = time.monotonic()
        with open_read_only(warehouse, timeout_s=20) as con:
            assert con.execute("select count(*) from articles").fetchone() == (10,)
        assert time.monotonic() - start > 0.3  # it did wait for the writer
    finally:
        writer.wait(timeout=30)


def test_open_read_only_gives_up_with_a_clear_message(warehouse: Path) -> None:
    writer = _hold_write_lock(warehouse, 30.0)
    try:
        with pytest.raises(WarehouseUnavailable, match="held by another process"):
            open_read_only(warehouse, timeout_s=0.5)
    finally:
        writer.kill()
        writer.wait(timeout=30)


def test_open_read_only_missing_warehouse(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "newsflow.duckdb"
    with pytest.raises(WarehouseUnavailable, match=r"no warehouse at .*newsflow init"):
        open_read_only(missing)
    assert not missing.parent.exists()  # reading never creates anything
