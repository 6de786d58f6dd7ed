"""Unit tests of staging and the one-transaction load (issue 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest

from newsflow import load, resources, schema
from newsflow import warehouse as wh

EXAMPLE_BUNDLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"


def _article(article_id: str, body: str = "one two three") -> dict:
    return {
        "article_id": article_id,
        "run_id": "r1",
        "bundle_id": "b1",
        "source_path": f"{article_id}.txt",
        "content_hash": "h" + article_id,
        "title": "t",
        "source_name": None,
        "url": None,
        "dateline": None,
        "published_date": dt.date(2024, 1, 15),
        "date_source": "text",
        "crawl_date": None,
        "body": body,
        "word_count": 3,
        "language": "en",
        "duplicate_of": None,
        "story_id": None,
    }


def _record(run_id: str, **counts: int) -> load.RunRecord:
    base = dict(inputs=0, loaded=0, duplicates=0, quarantined=0, actors=0, mentions=0, events=0)
    base.update(counts)
    return load.RunRecord(run_id=run_id, bundle_path="b", bundle_id="b1", flow_run_id=None, **base)


@pytest.fixture
def con(tmp_path):
    connection = wh.connect(tmp_path / "w.duckdb")
    wh.migrate(connection)
    yield connection
    connection.close()


def test_migrate_is_idempotent_and_recorded(con):
    assert wh.migrate(con) == []
    names = [r[0] for r in con.execute("select name from schema_migrations").fetchall()]
    assert names[0] == "001_core_tables.sql"


def test_load_run_upserts_and_completes_run(con, tmp_path):
    staging = load.Staging(tmp_path / "staging" / "r1")
    staging.write("articles", 1, pl.DataFrame([_article("a1"), _article("a2")]))
    staging.write(
        "quarantine",
        1,
        pl.DataFrame(
            [
                {
                    "bundle_id": "b1",
                    "source_path": "x.bin",
                    "stage": "ingest",
                    "reason": "binary file",
                    "detail": "NUL bytes",
                }
            ],
            schema=schema.QUARANTINE,
        ),
    )
    load.start_run(con, _record("r1"))
    written = load.load_run(con, staging, _record("r1", inputs=3, loaded=2, quarantined=1))
    assert written == {"articles": 2, "quarantine": 1}
    row = con.execute("select status, inputs, loaded, quarantined from runs").fetchone()
    assert row == ("completed", 3, 2, 1)

    # the same staged rows again (a rerun): nothing new, quarantine not repeated
    load.start_run(con, _record("r2"))
    again = load.load_run(con, staging, _record("r2", inputs=3))
    assert again == {"articles": 0, "quarantine": 0}
    assert con.execute("select count(*) from articles").fetchone()[0] == 2


def test_failed_load_leaves_warehouse_unchanged(con, tmp_path):
    staging = load.Staging(tmp_path / "staging" / "r1")
    staging.write("articles", 1, pl.DataFrame([_article("a1")]))
    # a staged table with a row violating NOT NULL makes the transaction fail part-way
    bad = pl.DataFrame([{**_article("a3"), "body": None}])
    staging.write("articles", 2, bad)
    load.start_run(con, _record("r1"))
    with pytest.raises(duckdb.Error):
        load.load_run(con, staging, _record("r1", loaded=2))
    assert con.execute("select count(*) from articles").fetchone()[0] == 0
    assert con.execute("select status from runs").fetchone()[0] == "running"
    load.fail_run(con, "r1", "boom")
    assert con.execute("select status, error from runs").fetchone() == ("failed", "boom")


def test_replace_rule_keeps_latest_batch(con, tmp_path):
    """Events staged by several batches: the last batch's counts win (issue 7 merge)."""
    staging = load.Staging(tmp_path / "staging" / "r1")
    event = {
        "event_id": "e1",
        "event_type": "CONSULT",
        "num_mentions": 1,
        "num_articles": 1,
        "num_sources": 1,
    }
    staging.write("events", 1, pl.DataFrame([event]))
    staging.write("events", 2, pl.DataFrame([{**event, "num_articles": 3}]))
    load.start_run(con, _record("r1"))
    load.load_run(con, staging, _record("r1"))
    assert con.execute("select num_articles from events").fetchone()[0] == 3


def test_stale_staging_is_removed(tmp_path):
    (tmp_path / "old_run" / "articles").mkdir(parents=True)
    (tmp_path / "current").mkdir()
    removed = load.remove_stale_staging(tmp_path, keep="current")
    assert [p.name for p in removed] == ["old_run"]
    assert (tmp_path / "current").exists()


def test_a_run_leaves_another_warehouses_staging_alone(tmp_path):
    """Two warehouses in one directory: a run clears its own warehouse's leftover staging at
    start and never the folder of a run loading the other warehouse."""
    from newsflow import pipeline
    from newsflow.settings import Settings

    ours = Settings(warehouse=tmp_path / "a.duckdb", nlp_workers=0)
    theirs = Settings(warehouse=tmp_path / "b.duckdb", nlp_workers=0)
    assert ours.staging_path != theirs.staging_path
    in_flight = load.Staging(theirs.staging_path / "run_theirs")
    in_flight.write("articles", 1, pl.DataFrame({"article_id": ["a_1"]}))
    leftover = load.Staging(ours.staging_path / "run_crashed")
    leftover.write("articles", 1, pl.DataFrame({"article_id": ["a_2"]}))

    assert pipeline.run_bundle(EXAMPLE_BUNDLE, ours)["loaded"] > 0
    assert in_flight.tables() == ["articles"]
    assert not leftover.root.exists()


def test_nothing_the_batches_built_is_alive_during_the_load(tmp_path, monkeypatch):
    """The load transaction is a large run's memory peak (bench: 100k run), so the models and
    the dedupe, actor and event state are freed before it starts, not held beside it."""
    import gc
    import weakref

    from newsflow import pipeline
    from newsflow.settings import Settings

    refs: dict[str, weakref.ref] = {}
    real_open, real_load = pipeline.open_run, pipeline.load_step

    def open_run(*args):
        ctx = real_open(*args)
        for name in ("nlp", "parser", "dedupe_state", "registry", "event_state"):
            refs[name] = weakref.ref(getattr(ctx, name))
        return ctx

    alive_at_load: list[list[str]] = []

    def load_step(ctx, record):
        gc.collect()
        alive_at_load.append(sorted(name for name, ref in refs.items() if ref() is not None))
        return real_load(ctx, record)

    monkeypatch.setattr(pipeline, "open_run", open_run)
    monkeypatch.setattr(pipeline, "load_step", load_step)
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0, gates=False)
    summary = pipeline.run_bundle(EXAMPLE_BUNDLE, settings)
    assert summary["loaded"] > 0 and summary["mentions"] > 0
    assert sorted(refs) == ["dedupe_state", "event_state", "nlp", "parser", "registry"]
    assert alive_at_load == [[]]


def test_outlets_migration_counts_a_copy_from_nowhere_as_its_canonicals_outlet(tmp_path):
    """A warehouse from before sql/031: its articles and event_articles get the outlet every
    num_sources counts (sql/queries/fill_outlets.sql)."""
    import shutil

    old = tmp_path / "sql"
    shutil.copytree(resources.path("sql"), old)
    (old / "031_outlets.sql").unlink()
    shutil.rmtree(old / "views")  # today's views and fill read the new column
    (old / "queries" / "fill_outlets.sql").unlink()
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con, old)
    for article_id, source, duplicate_of in [
        ("a1", None, None), ("a2", None, "a1"), ("a3", "Dawn", None), ("a4", None, "a3"),
        ("a5", "AP", "a1"),
    ]:  # fmt: skip
        con.execute(
            "insert into articles (article_id, run_id, bundle_id, source_path, content_hash, "
            "source_name, body, word_count, duplicate_of) values (?, 'r', 'b', ?, 'h', ?, 'x', 1, ?)",
            [article_id, article_id, source, duplicate_of],
        )
        con.execute("insert into event_articles values ('e1', ?, ?, 1)", [article_id, source])
    assert wh.migrate(con) == ["031_outlets.sql"]
    outlets = dict(con.execute("select article_id, outlet from articles").fetchall())
    assert outlets == {
        "a1": "article:a1",
        "a2": "article:a1",
        "a3": "Dawn",
        "a4": "Dawn",
        "a5": "AP",
    }
    supporting = dict(con.execute("select article_id, outlet from event_articles").fetchall())
    assert supporting == outlets
