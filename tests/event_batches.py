"""Batches for the events tests: actors listed inline, articles whose mentions are their
alias matches, sentences from the parser, a batch detected and loaded into a scratch
warehouse, and its event rows."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from newsflow import events, load, schema, warehouse
from newsflow.settings import Settings

MONDAY = date(2024, 1, 15)  # the seeds' crawl date, a Monday
FIXTURES = Path(__file__).parent / "fixtures"  # BBC, seed and tuning articles

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_pak", "Pakistan", "COUNTRY", "PAK", ["Pakistan", "Pakistani", "Pak"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran", "Iranian"]),
    ("act_afg", "Afghanistan", "COUNTRY", "AFG", ["Afghanistan", "Afghan"]),
    ("act_rus", "Russia", "COUNTRY", "RUS", ["Russia"]),
    ("act_ukr", "Ukraine", "COUNTRY", "UKR", ["Ukraine"]),
    ("act_qomi", "Hassan Kazemi Qomi", "PERSON", "IRN",
     ["Hassan Kazemi Qomi", "Hassan Kazmi Qomi", "Hassan Kazemi Ghomi", "Qomi"]),
    ("act_jilani", "Jalil Abbas Jilani", "PERSON", "PAK", ["Jalil Abbas Jilani", "Jilani"]),
    ("act_durrani", "Asif Durrani", "PERSON", "PAK", ["Asif Durrani"]),
    ("act_kabir", "Abdul Kabir", "PERSON", "AFG", ["Abdul Kabir"]),
    ("act_ameri", "Reza Ameri", "PERSON", "IRN", ["Reza Ameri"]),
    ("act_iskp", "Islamic State Khorasan Province", "GROUP", None,
     ["Islamic State-Khorasan Province", "Islamic State Khorasan Province", "ISKP", "Da’ish"]),
    ("act_ttp", "Tehrik-i-Taliban Pakistan", "GROUP", None,
     ["Tehrik-i-Taliban Pakistan", "Tehreek-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP"]),
    ("act_taliban", "Taliban", "GROUP", "AFG", ["Taliban", "Afghan Taliban"]),
    ("act_kerman", "Kerman", "PLACE", "IRN", ["Kerman"]),
    ("act_kabul", "Kabul", "PLACE", "AFG", ["Kabul"]),
    ("act_islamabad", "Islamabad", "PLACE", "PAK", ["Islamabad"]),
    ("act_kremlin", "Kremlin", "ORG", None, ["Kremlin"]),
]  # fmt: skip

ROW_COLUMNS = [
    "event_type", "cameo_root", "source_actor_id", "target_actor_id", "event_date", "date_source",
    "place_name", "country_code", "mode", "num_mentions", "num_articles", "num_sources",
]  # fmt: skip


def actors_frame() -> pl.DataFrame:
    return pl.DataFrame(ACTORS, schema=schema.ACTORS, orient="row")


def article(
    article_id: str,
    body: str,
    *,
    source: str | None = "Test Wire",
    published: date | None = MONDAY,
    crawl: date | None = MONDAY,
    dateline: str | None = None,
    story: str | None = "story_1",
    duplicate_of: str | None = None,
) -> dict:
    row = dict.fromkeys(schema.DEDUPED.names())
    row.update(
        article_id=article_id, bundle_id="b", source_path=f"{article_id}.txt", title=None,
        source_name=source, dateline=dateline, published_date=published, crawl_date=crawl,
        body=body, word_count=len(body.split()), language="en", story_id=story,
        duplicate_of=duplicate_of, dup_method="exact" if duplicate_of else None,
    )  # fmt: skip
    return row


def batch_frames(rows: list[dict], nlp) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(articles, mentions, sentences): mentions are alias matches, sentences the parser's."""
    articles = pl.DataFrame(rows, schema=schema.DEDUPED)
    canonical = articles.filter(pl.col("duplicate_of").is_null())
    aliases = sorted(((alias, a[0]) for a in ACTORS for alias in a[4]), key=lambda x: -len(x[0]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a, _ in aliases) + r")\b")
    by_alias = dict(aliases)
    sentences, mentions = [], []
    bodies = canonical["body"].to_list()
    for article_id, body, doc in zip(
        canonical["article_id"], bodies, nlp.pipe(bodies), strict=True
    ):
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        sentences += [(article_id, i, a, b) for i, (a, b) in enumerate(spans)]
        for m in pattern.finditer(body):
            index = next(i for i, (a, b) in enumerate(spans) if a <= m.start() < b)
            mentions.append(
                (f"m_{article_id}_{m.start()}", article_id, by_alias[m.group(1)], None,
                 m.group(1), m.start(), m.end(), index)
            )  # fmt: skip
    return (
        articles,
        pl.DataFrame(mentions, schema=schema.MENTIONS, orient="row"),
        pl.DataFrame(sentences, schema=schema.SENTENCES, orient="row"),
    )


# One warehouse per EventState: the batches of a test are loaded into it by the real loader,
# which counts each event's outlets in SQL (num_sources, confidence; issue 20).
WAREHOUSES: dict[int, tuple[events.EventState, duckdb.DuckDBPyConnection]] = {}


def warehouse_of(state: events.EventState) -> duckdb.DuckDBPyConnection:
    if id(state) not in WAREHOUSES:
        con = duckdb.connect()
        warehouse.migrate(con)
        WAREHOUSES[id(state)] = (state, con)  # the state is kept alive with its warehouse
    return WAREHOUSES[id(state)][1]


def load_batch(state: events.EventState, articles: pl.DataFrame, result: events.EventResult):
    """Stage the batch as a run does and load it with `load.load_run`; the result's events as
    the warehouse holds them after the load."""
    con = warehouse_of(state)
    run = load.RunRecord(f"run_{len(con.execute('select * from runs').fetchall())}", "b", "b", None)
    staging = load.Staging(Path(tempfile.mkdtemp(prefix="nf-events-")) / run.run_id)
    staging.write(
        "articles",
        1,
        articles.with_columns(
            pl.lit(run.run_id).alias("run_id"),
            pl.coalesce("content_hash", pl.lit("h_") + pl.col("article_id")).alias("content_hash"),
        ),
    )
    staging.write("events", 1, result.events)
    for table, frame in result.links.items():
        staging.write(table, 1, frame)
    load.start_run(con, run)
    load.load_run(con, staging, run)
    staging.remove()
    loaded = con.execute(
        "select * from events where event_id in (select unnest(?))",
        [result.events["event_id"].to_list()],
    ).pl()
    return replace(result, events=schema.conform(loaded, schema.EVENTS).sort("event_id"))


def detect(rows: list[dict], nlp, state) -> events.EventResult:
    articles, mentions, sentences = batch_frames(rows, nlp)
    result = events.detect_events(
        articles, mentions, actors_frame(), sentences, nlp, state, Settings()
    )
    return load_batch(state, articles, result)


def rows_of(result: events.EventResult) -> list[tuple]:
    return sorted(result.events.select(ROW_COLUMNS).rows(), key=str)


def one(text: str, nlp, state, **kw) -> list[tuple]:
    return rows_of(detect([article("a1", text, **kw)], nlp, state))


def wire_warehouse(tmp_path: Path, records: Path) -> Path:
    """A warehouse in `tmp_path` holding the wire records of one JSON-lines fixture, run
    through the real pipeline (every record loaded)."""
    from newsflow import pipeline  # the whole stack: only tests that run it pay its import

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy(records, bundle / "wire.jsonl")
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0)
    lines = len(records.read_text(encoding="utf-8").splitlines())
    assert pipeline.run_bundle(bundle, settings)["loaded"] == lines
    return settings.warehouse
