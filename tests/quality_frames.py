"""Valid frames of every gate stage (each test then breaks one row), the assertions on a
gate's outcome, and a copy of the shipped suites to edit: shared by the quality tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from newsflow import quality, resources, schema

TODAY = dt.date(2026, 11, 25)
SUITES = resources.path("expectations")
BODY = (
    "Ministers from France and Germany met in Brussels on Monday to agree a common plan on "
    "energy prices, officials said, after weeks of talks between the two governments."
)


# --- frame builders: valid rows, which each test then breaks --------------------------------


def raw_docs(n: int = 4) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "bundle_id": ["b1"] * n,
            "source_path": [f"doc{i}.txt" for i in range(n)],
            "input_seq": list(range(n)),
            "content_type": ["text"] * n,
            "text": [BODY] * n,
            "encoding": ["utf-8"] * n,
            "size_bytes": [len(BODY)] * n,
            "meta_url": [None] * n,
            "meta_title": [None] * n,
            "meta_date": [None] * n,
            "meta_source": [None] * n,
            "meta_dateline": [None] * n,
            "crawled_at": [None] * n,
            "payload_digest": [None] * n,
            "input_hash": [f"{i:032x}" for i in range(n)],
        },
        schema=schema.RAW_DOCS,
    )


def parsed(n: int = 4) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [f"a_{i:016x}" for i in range(n)],
            "bundle_id": ["b1"] * n,
            "source_path": [f"doc{i}.txt" for i in range(n)],
            "input_seq": list(range(n)),
            "input_hash": [f"{i:032x}" for i in range(n)],
            "content_hash": [f"h{i}" for i in range(n)],
            "title": ["Energy talks"] * n,
            "source_name": ["Wire"] * n,
            "url": [None] * n,
            "dateline": ["BRUSSELS"] * n,
            "published_date": [dt.date(2025, 3, 10)] * n,
            "date_source": ["dateline"] * n,
            "crawl_date": [dt.date(2025, 3, 11)] * n,
            "crawled_at": [None] * n,
            "payload_digest": [None] * n,
            "body": [BODY] * n,
            "word_count": [len(BODY.split())] * n,
            "language": ["en"] * n,
            "encoding": ["utf-8"] * n,
            "title_source": ["headline"] * n,
            "source_name_source": ["dateline"] * n,
        },
        schema=schema.PARSED,
    )


def deduped(n: int = 4) -> pl.DataFrame:
    frame = parsed(n).with_columns(
        pl.lit(None, pl.String).alias("duplicate_of"),
        pl.lit(None, pl.String).alias("dup_method"),
        pl.lit(None, pl.Float64).alias("dup_similarity"),
        pl.format("s_{}", pl.col("input_seq")).alias("story_id"),
    )
    return schema.conform(frame, schema.DEDUPED)


def actors() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "actor_id": ["act_fr", "act_de", "act_min"],
            "name": ["France", "Germany", "Ministers"],
            "actor_type": ["COUNTRY", "COUNTRY", "GROUP"],
            "country_code": ["FRA", "DEU", None],
            "aliases": [["French"], [], []],
        },
        schema=schema.ACTORS,
    )


def mentions(articles: pl.DataFrame) -> pl.DataFrame:
    rows = []
    for article_id, body in articles.select("article_id", "body").iter_rows():
        for actor_id, text in (("act_fr", "France"), ("act_de", "Germany")):
            start = body.index(text)
            rows.append(
                {
                    "mention_id": f"m_{article_id}_{actor_id}",
                    "article_id": article_id,
                    "actor_id": actor_id,
                    "event_id": None,
                    "mention_text": text,
                    "char_start": start,
                    "char_end": start + len(text),
                    "sentence_index": 0,
                }
            )
    return pl.DataFrame(rows, schema=schema.MENTIONS)


def events(n: int = 3) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "event_type": ["AGREE", "CONSULT", "PROTEST"][:n],
            "cameo_root": ["05", "04", "14"][:n],
            "source_actor_id": ["act_fr"] * n,
            "target_actor_id": ["act_de", None, "act_de"][:n],
            "event_date": [dt.date(2025, 3, 10)] * n,
            "date_source": ["dateline"] * n,
            "place_name": ["Brussels", None, "Paris"][:n],
            "latitude": [50.85, None, 48.86][:n],
            "longitude": [4.35, None, 2.35][:n],
            "country_code": ["BEL", None, "FRA"][:n],
            "story_id": ["s_0"] * n,
            "num_mentions": [2] * n,
            "num_articles": [1] * n,
            "num_sources": [1] * n,
            "evidence": ["met in Brussels"] * n,
            "confidence": [0.9] * n,
            "mode": ["asserted"] * n,
            "event_date_precision": ["day"] * n,
            "background": [False] * n,
            "geonames_id": [2800866, None, 2988507][:n],
            "source_generic": [None] * n,
            "target_generic": [None, "farmer", None][:n],
            "plover_type": ["AGREE", "CONSULT", "PROTEST"][:n],
        },
        schema=schema.EVENTS,
    )


def set_row(frame: pl.DataFrame, row: int, **values: object) -> pl.DataFrame:
    """`frame` with row `row`'s columns replaced by `values`."""
    hit = pl.int_range(pl.len()) == row
    return frame.with_columns(
        pl.when(hit).then(pl.lit(v, dtype=frame.schema[c])).otherwise(pl.col(c)).alias(c)
        for c, v in values.items()
    )


def assert_clean(outcome: quality.GateOutcome, frame: pl.DataFrame) -> None:
    assert outcome.passed.equals(frame)
    assert outcome.quarantine.height == 0
    assert outcome.quarantine.schema == schema.QUARANTINE
    assert outcome.dq_results["success"].all()


def assert_halts(
    gk: quality.Gatekeeper, stage: str, frame: pl.DataFrame, expectation: str, example: str, **ctx
):
    with pytest.raises(quality.GateFailed) as info:
        gk.check(stage, frame, context=ctx or None)
    err = info.value
    assert err.stage == stage
    assert err.expectation == expectation
    assert any(example in e for e in err.examples), err.examples
    assert expectation in str(err) and stage in str(err) and example in str(err)
    failed = err.dq_results.filter(~pl.col("success"))
    assert expectation in failed["expectation"].to_list()
    return err


# --- load (whole staged run) ----------------------------------------------------------------


def staged_run() -> dict[str, pl.DataFrame]:
    articles = set_row(
        deduped(3), 2, duplicate_of="a_0000000000000000", dup_method="exact", dup_similarity=1.0
    )
    ments = mentions(articles).with_columns(
        pl.when(pl.col("actor_id") == "act_fr").then(pl.lit("e0")).otherwise(None).alias("event_id")
    )
    return {"articles": articles, "mentions": ments, "events": events(), "actors": actors()}


def accounting(
    inputs: int = 5, loaded: int = 3, already: int = 1, quarantined: int = 1
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "inputs": [inputs],
            "loaded": [loaded],
            "already_loaded": [already],
            "quarantined_inputs": [quarantined],
        }
    )


def edited_suites(tmp_path: Path) -> Path:
    folder = tmp_path / "expectations"
    shutil.copytree(SUITES, folder)
    return folder
