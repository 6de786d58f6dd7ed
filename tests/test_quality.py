"""Quality gates (issue 8): every gate halts on a critical failure, quarantines row failures,
and lets a clean batch through untouched. Real GX, real frames."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from newsflow import quality, resources, schema
from newsflow.quality import worker
from newsflow.settings import Settings, Thresholds

TODAY = dt.date(2026, 11, 25)
SUITES = resources.path("expectations")
BODY = (
    "Ministers from France and Germany met in Brussels on Monday to agree a common plan on "
    "energy prices, officials said, after weeks of talks between the two governments."
)


@pytest.fixture(scope="module")
def gk() -> quality.Gatekeeper:
    return quality.Gatekeeper(Settings(expectations_dir=SUITES), today=TODAY)


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


# --- ingest ---------------------------------------------------------------------------------


def test_ingest_clean_batch_passes(gk):
    docs = raw_docs()
    out = gk.check("ingest", docs)
    assert_clean(out, docs)
    assert set(out.dq_results["stage"]) == {"ingest"}
    assert out.dq_results.schema == quality.DQ_RESULTS


def test_ingest_repeated_source_path_halts(gk):
    docs = set_row(raw_docs(), 2, source_path="doc1.txt")
    assert_halts(gk, "ingest", docs, "expect_column_values_to_be_unique(source_path)", "doc1.txt")


def test_ingest_unknown_content_type_halts(gk):
    docs = set_row(raw_docs(), 0, content_type="pdf")
    assert_halts(gk, "ingest", docs, "expect_column_values_to_be_in_set(content_type)", "pdf")


def test_ingest_oversized_and_textless_docs_are_quarantined(gk):
    docs = set_row(raw_docs(), 1, size_bytes=Thresholds().max_file_bytes + 1)
    docs = set_row(docs, 3, text=None)
    out = gk.check("ingest", docs)
    assert out.passed["source_path"].to_list() == ["doc0.txt", "doc2.txt"]
    assert out.quarantine.select("source_path", "stage", "reason").rows() == [
        ("doc1.txt", "ingest", "size_bytes in 1..max_file_bytes"),
        ("doc3.txt", "ingest", "expect_column_values_to_not_be_null(text)"),
    ]
    assert "size_bytes=20000001" in out.quarantine["detail"][0]


# --- parse ----------------------------------------------------------------------------------


def test_parse_clean_batch_passes(gk):
    articles = parsed()
    assert_clean(gk.check("parse", articles), articles)


@pytest.mark.parametrize(
    ("footer", "marker"),
    [
        ("\nRead more: Energy prices explained", "Read more: Energy prices explained"),
        ("\n(c) 2005 Wire Ltd. All rights reserved.", "All rights reserved"),
        ("\nPublished in The Daily Wire, 10 March 2005", "Published in The Daily Wire"),
        ("\n© 2005 Wire Ltd", "© 2005 Wire Ltd"),
    ],
)
def test_parse_boilerplate_bodies_are_quarantined(gk, footer, marker):
    articles = set_row(parsed(), 2, body=BODY + footer)
    out = gk.check("parse", articles)
    assert out.passed["source_path"].to_list() == ["doc0.txt", "doc1.txt", "doc3.txt"]
    (row,) = out.quarantine.rows(named=True)
    assert row["source_path"] == "doc2.txt" and row["bundle_id"] == "b1"
    assert row["reason"] == "body free of boilerplate markers"
    assert marker in row["detail"] and "a_0000000000000002" in row["detail"]


def test_parse_prose_mentioning_publishing_is_not_boilerplate(gk):
    body = BODY + " The report was published in March and read more widely than expected."
    articles = set_row(parsed(), 0, body=body)
    assert_clean(gk.check("parse", articles), articles)


def test_parse_short_articles_pass_and_wordless_ones_halt_issue_21(gk):
    """A one-word article is an article (issue 21); an article without words is a parse bug."""
    short = set_row(parsed(), 1, body="Flash", word_count=1)
    assert_clean(gk.check("parse", short), short)
    assert_halts(
        gk, "parse", set_row(parsed(), 2, body="", word_count=0), "every article has a word", "0"
    )


@pytest.mark.parametrize(
    ("published", "crawled", "reason"),
    [
        (dt.date(2026, 11, 27), dt.date(2026, 11, 27), "published_date plausible"),  # future
        (dt.date(1975, 6, 1), dt.date(2025, 1, 1), "published_date plausible"),  # before 1980
        (
            dt.date(2025, 3, 20),
            dt.date(2025, 3, 11),
            "published_date not after crawl_date + max_days_after_crawl",
        ),
    ],
)
def test_parse_implausible_dates_are_quarantined(gk, published, crawled, reason):
    articles = set_row(parsed(), 3, published_date=published, crawl_date=crawled)
    out = gk.check("parse", articles)
    assert out.quarantine.select("source_path", "reason").rows() == [("doc3.txt", reason)]
    assert str(published) in out.quarantine["detail"][0]


def test_parse_dates_on_the_limits_pass(gk):
    limit = Thresholds().max_days_after_crawl
    articles = set_row(parsed(), 0, published_date=TODAY + dt.timedelta(days=1), crawl_date=TODAY)
    articles = set_row(
        articles, 1, published_date=dt.date(2025, 3, 11 + limit), crawl_date=dt.date(2025, 3, 11)
    )
    articles = set_row(articles, 2, published_date=None, date_source="none")
    articles = set_row(articles, 3, published_date=dt.date(1980, 1, 1))
    assert_clean(gk.check("parse", articles), articles)


def test_parse_null_article_id_halts(gk):
    articles = set_row(parsed(), 2, article_id=None)
    assert_halts(gk, "parse", articles, "expect_column_values_to_not_be_null(article_id)", "None")


def test_parse_unknown_date_source_halts(gk):
    articles = set_row(parsed(), 0, date_source="guess")
    err = assert_halts(
        gk, "parse", articles, "expect_column_values_to_be_in_set(date_source)", "guess"
    )
    assert "a_0000000000000000" in err.examples[0]


def test_parse_row_failing_two_rules_gives_one_quarantine_row(gk):
    articles = set_row(parsed(), 0, body="Read more: nothing", published_date=dt.date(1975, 6, 1))
    out = gk.check("parse", articles)
    assert out.quarantine.height == 1
    assert out.quarantine["reason"][0] == "body free of boilerplate markers"
    assert "also failed: published_date plausible" in out.quarantine["detail"][0]


# --- dedupe ---------------------------------------------------------------------------------


def test_dedupe_clean_batch_with_duplicate_links_passes(gk):
    frame = set_row(
        deduped(), 1, duplicate_of="a_0000000000000000", dup_method="exact", dup_similarity=1.0
    )
    assert_clean(gk.check("dedupe", frame), frame)


def test_dedupe_repeated_article_id_halts(gk):
    frame = set_row(deduped(), 3, article_id="a_0000000000000001")
    assert_halts(
        gk, "dedupe", frame, "expect_column_values_to_be_unique(article_id)", "a_0000000000000001"
    )


def test_dedupe_self_duplicate_halts(gk):
    frame = set_row(
        deduped(), 2, duplicate_of="a_0000000000000002", dup_method="near", dup_similarity=0.9
    )
    assert_halts(
        gk,
        "dedupe",
        frame,
        "duplicate_of is not the article itself",
        "duplicate_of=a_0000000000000002",
    )


def test_dedupe_link_without_method_halts(gk):
    frame = set_row(deduped(), 2, duplicate_of="a_0000000000000000")
    assert_halts(gk, "dedupe", frame, "duplicate_of set iff dup_method set", "dup_method=null")


# --- actors ---------------------------------------------------------------------------------


def test_actors_clean_passes_with_null_country(gk):
    frame = actors()
    assert_clean(gk.check("actors", frame), frame)


def test_actors_non_iso3_country_halts(gk):
    frame = set_row(actors(), 1, country_code="GER")
    assert_halts(gk, "actors", frame, "actor country_code is ISO 3166-1 alpha-3", "'GER'")


def test_actors_unknown_type_halts(gk):
    frame = set_row(actors(), 0, actor_type="NATION")
    assert_halts(gk, "actors", frame, "expect_column_values_to_be_in_set(actor_type)", "NATION")


# --- mentions -------------------------------------------------------------------------------


def test_mentions_clean_batch_passes(gk):
    articles = deduped(3)
    frame = mentions(articles)
    assert_clean(
        gk.check("mentions", frame, context={"articles": articles, "actors": actors()}), frame
    )


def test_mentions_offsets_count_characters_not_bytes(gk):
    articles = set_row(deduped(2), 0, body="Le ministre a rencontré à Genève: " + BODY)
    frame = mentions(articles)
    start = frame["char_start"][0]
    assert len(articles["body"][0][:start].encode()) != start  # byte offsets would differ
    assert_clean(
        gk.check("mentions", frame, context={"articles": articles, "actors": actors()}), frame
    )


def test_mentions_with_wrong_offsets_are_quarantined_with_their_article(gk):
    articles = deduped(2)
    frame = mentions(articles)
    frame = set_row(
        frame, 1, char_start=frame["char_start"][1] + 1, char_end=frame["char_end"][1] + 1
    )
    frame = set_row(frame, 2, char_end=10_000)
    out = gk.check("mentions", frame, context={"articles": articles, "actors": actors()})
    assert out.passed["mention_id"].to_list() == [frame["mention_id"][0], frame["mention_id"][3]]
    assert out.quarantine.select("bundle_id", "source_path", "stage", "reason").rows() == [
        ("b1", "doc0.txt", "mentions", "mention text matches body slice"),
        ("b1", "doc1.txt", "mentions", "mention offsets inside body"),
    ]
    assert "body[" in out.quarantine["detail"][0] and "'ermany" in out.quarantine["detail"][0]
    assert frame["mention_id"][1] in out.quarantine["detail"][0]


def test_mentions_of_unknown_article_halt(gk):
    articles = deduped(2)
    frame = set_row(mentions(articles), 0, article_id="a_ffffffffffffffff")
    assert_halts(
        gk,
        "mentions",
        frame,
        "mention article exists",
        "a_ffffffffffffffff",
        articles=articles,
        actors=actors(),
    )


def test_mentions_of_unknown_actor_halt(gk):
    articles = deduped(2)
    frame = set_row(mentions(articles), 3, actor_id="act_ghost")
    assert_halts(
        gk,
        "mentions",
        frame,
        "mention actor exists",
        "act_ghost",
        articles=articles,
        actors=actors(),
    )


def test_mentions_without_articles_context_is_an_error(gk):
    articles = deduped(1)
    with pytest.raises(ValueError, match="articles"):
        gk.check("mentions", mentions(articles), context={"actors": actors()})


# --- events ---------------------------------------------------------------------------------


def test_events_clean_batch_passes(gk):
    frame = events()
    assert_clean(gk.check("events", frame, context={"actors": actors()}), frame)


def test_events_non_plover_type_halts(gk):
    frame = set_row(events(), 1, event_type="MEET")
    assert_halts(gk, "events", frame, "event_type in PLOVER", "MEET", actors=actors())


def test_events_unknown_actor_halts(gk):
    frame = set_row(events(), 2, target_actor_id="act_ghost")
    assert_halts(gk, "events", frame, "event target actor exists", "act_ghost", actors=actors())


def test_events_bad_coordinates_and_counts_are_quarantined(gk):
    frame = set_row(events(), 0, latitude=123.0)
    frame = set_row(frame, 2, num_articles=0, num_sources=0)
    out = gk.check("events", frame, context={"actors": actors()})
    assert out.passed["event_id"].to_list() == ["e1"]
    assert out.quarantine.select("source_path", "stage", "reason").rows() == [
        (None, "events", "expect_column_values_to_be_between(latitude)"),
        (None, "events", "expect_column_values_to_be_between(num_articles)"),
    ]
    assert out.quarantine["detail"].to_list() == [
        "event_id=e0: latitude=123.0",
        "event_id=e2: num_articles=0",
    ]


def test_an_event_with_a_generic_word_beside_a_named_actor_is_quarantined(gk):
    # row 1: null target with its generic word "farmer" passes; row 0 names its source and
    # also carries a generic one, which the events stage never writes
    frame = set_row(events(), 0, source_generic="police")
    out = gk.check("events", frame, context={"actors": actors()})
    assert out.passed["event_id"].to_list() == ["e1", "e2"]
    assert out.quarantine.select("reason", "detail").rows() == [
        (
            "a generic role word only where the role names no actor",
            "event_id=e0: source=act_fr (police) target=act_de (null)",
        )
    ]


def test_events_half_coordinates_and_bad_country_are_quarantined(gk):
    frame = set_row(events(), 0, longitude=None)
    frame = set_row(frame, 2, country_code="XX")
    out = gk.check("events", frame, context={"actors": actors()})
    assert out.quarantine.select("reason").to_series().to_list() == [
        "latitude and longitude both set or both null",
        "event country_code is ISO 3166-1 alpha-3",
    ]


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


def test_load_consistent_run_passes(gk):
    frame = accounting()
    out = gk.check("load", frame, context=staged_run())
    assert_clean(out, frame)
    assert out.dq_results.height == len(quality.load_suite_specs(SUITES)["load"]["expectations"])


def test_load_unaccounted_inputs_halt(gk):
    err = assert_halts(
        gk,
        "load",
        accounting(inputs=7),
        "inputs == loaded + already_loaded + quarantined_inputs",
        "inputs=7 but loaded=3",
        **staged_run(),
    )
    assert "2" in err.observed


def test_load_orphan_mentions_halt(gk):
    run = staged_run()
    run["articles"] = run["articles"].filter(pl.col("article_id") != "a_0000000000000001")
    assert_halts(
        gk,
        "load",
        accounting(loaded=2, quarantined=2),
        "mentions -> articles",
        "article_id=a_0000000000000001",
        **run,
    )


def test_load_mentions_of_dropped_event_halt(gk):
    run = staged_run()
    run["events"] = run["events"].filter(pl.col("event_id") != "e0")
    assert_halts(gk, "load", accounting(), "mentions -> events", "event_id=e0", **run)


def test_load_duplicate_of_needs_the_canonical_article(gk):
    run = staged_run()
    run["articles"] = set_row(run["articles"], 2, duplicate_of="a_00000000000000aa")
    assert_halts(
        gk,
        "load",
        accounting(),
        "duplicate_of -> articles",
        "duplicate_of=a_00000000000000aa",
        **run,
    )
    # a canonical article loaded by an earlier run is known through known_articles
    run["known_articles"] = pl.DataFrame({"article_id": ["a_00000000000000aa"]})
    assert gk.check("load", accounting(), context=run).dq_results["success"].all()


def test_load_duplicate_of_must_name_a_canonical_article_issue_26(gk):
    """A duplicate of a duplicate halts the run: of this run, or of the warehouse."""
    run = staged_run()
    assert gk.check("load", accounting(), context=run).dq_results["success"].all()
    # doc1 points at doc2, itself a duplicate of doc0
    run["articles"] = set_row(
        run["articles"], 1, duplicate_of="a_0000000000000002", dup_method="near", dup_similarity=0.9
    )
    err = assert_halts(
        gk,
        "load",
        accounting(),
        "duplicate_of -> a canonical article",
        "a_0000000000000001 -> duplicate a_0000000000000002",
        **run,
    )
    assert err.observed == "1 of 1 unexpected: 1"
    # doc2 points at an article of the warehouse that is itself a duplicate
    run = staged_run()
    run["articles"] = set_row(run["articles"], 2, duplicate_of="a_00000000000000aa")
    run["known_articles"] = pl.DataFrame({"article_id": ["a_00000000000000aa"]})
    assert gk.check("load", accounting(), context=run).dq_results["success"].all()
    run["known_duplicates"] = pl.DataFrame({"article_id": ["a_00000000000000aa"]})
    assert_halts(
        gk,
        "load",
        accounting(),
        "duplicate_of -> a canonical article",
        "a_0000000000000002 -> duplicate a_00000000000000aa",
        **run,
    )


def test_load_article_staged_twice_halts(gk):
    run = staged_run()
    run["articles"] = pl.concat([run["articles"], run["articles"].head(1)])
    assert_halts(
        gk,
        "load",
        accounting(),
        "article_id unique across the run",
        "article_id=a_0000000000000000",
        **run,
    )


def test_load_event_actor_missing_halts(gk):
    run = staged_run()
    run["actors"] = run["actors"].filter(pl.col("actor_id") != "act_de")
    err = assert_halts(gk, "load", accounting(), "mentions -> actors", "actor_id=act_de", **run)
    assert "events -> target actors" in err.also_failed


# --- suites are data ------------------------------------------------------------------------


def edited_suites(tmp_path: Path) -> Path:
    folder = tmp_path / "expectations"
    shutil.copytree(SUITES, folder)
    return folder


def test_user_adds_expectations_by_editing_a_suite_file(tmp_path):
    """Issue 8: a new expectation is a suite edit, no code change."""
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"] += [
        {
            "type": "expect_column_values_to_not_be_null",
            "kwargs": {"column": "title"},
            "meta": {"severity": "row", "name": "article has a title"},
        },
        {
            "type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "language", "value_set": ["en", "und"]},
            "meta": {"severity": "critical"},
        },
    ]
    suite["meta"]["derived_columns"]["_live_blog"] = {
        "regex_extract": {"column": "title", "pattern": "(?i)^live:"}
    }
    suite["expectations"].append(
        {
            "type": "expect_column_values_to_be_null",
            "kwargs": {"column": "_live_blog"},
            "meta": {"severity": "row", "name": "no live blogs"},
        }
    )
    suite["expectations"].append(
        {
            "type": "expect_column_values_to_not_be_null",
            "kwargs": {"column": "url", "mostly": 0.5},
            "meta": {"severity": "critical", "name": "most articles have a url"},
        }
    )
    (folder / "parse.json").write_text(json.dumps(suite, indent=2))
    custom = quality.Gatekeeper(Settings(expectations_dir=folder), today=TODAY)
    with_urls = parsed().with_columns(
        pl.format("https://wire.example/{}", "input_seq").alias("url")
    )

    articles = set_row(with_urls, 1, title=None)
    articles = set_row(articles, 2, title="LIVE: energy summit")
    articles = set_row(articles, 3, url=None)  # 1 of 4 without url: within `mostly`
    out = custom.check("parse", articles)
    assert out.quarantine.select("source_path", "reason").rows() == [
        ("doc1.txt", "article has a title"),
        ("doc2.txt", "no live blogs"),
    ]
    assert "LIVE:" in out.quarantine["detail"][1]
    with pytest.raises(quality.GateFailed, match=r"expect_column_values_to_be_in_set\(language\)"):
        custom.check("parse", set_row(with_urls, 0, language="de"))
    # a systemic failure (3 of 4 without url) halts even though each row alone is tolerated
    with pytest.raises(quality.GateFailed, match="most articles have a url"):
        custom.check("parse", set_row(parsed(), 0, url="https://wire.example/0"))


def test_thresholds_come_from_settings(gk):
    strict = Settings(
        expectations_dir=SUITES,
        thresholds=Thresholds(min_published_year=2025, max_days_after_crawl=0),
    )
    keeper = quality.Gatekeeper(strict, today=TODAY)
    articles = set_row(parsed(), 0, published_date=dt.date(2024, 12, 31))
    articles = set_row(articles, 1, published_date=dt.date(2025, 3, 12))
    assert gk.check("parse", articles).quarantine.height == 0  # the defaults let them through
    out = keeper.check("parse", articles)
    assert out.quarantine["reason"].to_list() == [
        "published_date plausible",
        "published_date not after crawl_date + max_days_after_crawl",
    ]


def test_suite_without_severity_is_rejected(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "events.json").read_text())
    del suite["expectations"][0]["meta"]["severity"]
    (folder / "events.json").write_text(json.dumps(suite))
    with pytest.raises(ValueError, match=r"events.json.*meta.severity"):
        quality.load_suite_specs(folder)


def test_suite_with_contradicting_gx_severity_is_rejected(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    row_rule = next(e for e in suite["expectations"] if e["meta"]["severity"] == "row")
    row_rule["severity"] = "critical"
    (folder / "parse.json").write_text(json.dumps(suite))
    with pytest.raises(ValueError, match="contradicts"):
        quality.load_suite_specs(folder)


def test_every_stage_has_a_suite_that_round_trips_through_gx():
    from great_expectations.core import ExpectationSuite

    specs = quality.load_suite_specs(SUITES)
    assert set(specs) == set(quality.STAGES)
    for stage, spec in specs.items():
        again = ExpectationSuite(**spec).to_json_dict()
        assert [(e["type"], e["kwargs"], e["meta"]) for e in again["expectations"]] == [
            (e["type"], e["kwargs"], e["meta"]) for e in spec["expectations"]
        ], stage
        assert all(e["meta"]["severity"] in quality.SEVERITIES for e in spec["expectations"])


def test_placeholders_resolve_from_settings():
    settings = Settings(thresholds=Thresholds(short_words=7, min_published_year=1990))
    resolved = quality.resolve_placeholders(
        {
            "a": {"$setting": "short_words"},
            "b": [{"$today_plus_days": 2}],
            "c": {"$year_start": "min_published_year"},
        },
        settings,
        TODAY,
    )
    assert resolved == {"a": 7, "b": ["2026-11-27"], "c": "1990-01-01"}
    codes = quality.resolve_placeholders({"$iso3_countries": ["XKX"]}, settings, TODAY)
    assert {"FRA", "DEU", "XKX"} <= set(codes) and "GER" not in codes
    with pytest.raises(ValueError, match="unknown setting"):
        quality.resolve_placeholders({"$setting": "nope"}, settings, TODAY)


def test_importing_quality_does_not_import_great_expectations():
    code = "import sys, newsflow.quality; assert 'great_expectations' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_gate_failed_survives_pickling():
    import pickle

    err = quality.GateFailed("parse", "x(y)", ["y=1"], observed="1 of 2 unexpected")
    again = pickle.loads(pickle.dumps(err))
    assert (again.stage, again.expectation, again.examples, str(again)) == (
        "parse",
        "x(y)",
        ["y=1"],
        str(err),
    )


# --- report ---------------------------------------------------------------------------------


def test_report_is_one_self_contained_page(gk, tmp_path):
    out = gk.check(
        "parse", set_row(parsed(), 0, body=BODY + "\nRead more: <script>alert(1)</script>")
    )
    path = quality.write_report(out.dq_results, out.quarantine, tmp_path / "reports", "run_1")
    assert path == tmp_path / "reports" / "run_1" / "dq.html"
    page = path.read_text()
    assert "body free of boilerplate markers" in page and "doc0.txt" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page  # no CDN, no external assets


def test_empty_batches_pass_every_gate(gk):
    empty_ctx = {
        "articles": schema.empty(schema.DEDUPED),
        "mentions": schema.empty(schema.MENTIONS),
        "events": schema.empty(schema.EVENTS),
        "actors": schema.empty(schema.ACTORS),
    }
    contracts = {
        "ingest": schema.RAW_DOCS,
        "parse": schema.PARSED,
        "dedupe": schema.DEDUPED,
        "actors": schema.ACTORS,
        "mentions": schema.MENTIONS,
        "events": schema.EVENTS,
    }
    for stage, contract in contracts.items():
        out = gk.check(stage, schema.empty(contract), context=empty_ctx)
        assert out.passed.height == 0 and out.quarantine.height == 0, stage
        assert out.dq_results["success"].all(), stage
    out = gk.check("load", accounting(0, 0, 0, 0), context=empty_ctx)
    assert out.dq_results["success"].all()


def test_report_of_a_run_without_results(tmp_path):
    path = quality.write_report(
        schema.empty(quality.DQ_RESULTS), schema.empty(schema.QUARANTINE), tmp_path, "run_empty"
    )
    assert "0 rows quarantined" in path.read_text()


def test_unknown_stage_and_missing_columns_are_errors(gk):
    with pytest.raises(ValueError, match="unknown gate stage"):
        gk.check("publish", parsed())
    with pytest.raises(ValueError, match=r"word_count"):
        gk.check("parse", parsed().drop("word_count"))


def test_results_count_failing_rows_and_repeat_identically(gk):
    """Failed expectations are re-run alone for row indices (cached): same outcome every batch."""
    articles = set_row(parsed(), 0, published_date=dt.date(1975, 6, 1))
    articles = set_row(
        articles, 3, published_date=dt.date(1970, 1, 1), body=BODY + "\nRead more: x"
    )
    first, second = gk.check("parse", articles), gk.check("parse", articles)
    for name in ("passed", "quarantine", "dq_results"):
        assert getattr(first, name).equals(getattr(second, name)), name
    counts = dict(first.dq_results.select("expectation", "unexpected_count").iter_rows())
    assert counts["published_date plausible"] == 2
    assert counts["body free of boilerplate markers"] == 1
    assert counts["expect_column_values_to_not_be_null(article_id)"] == 0
    assert first.quarantine["source_path"].to_list() == ["doc0.txt", "doc3.txt"]


def test_gatekeeper_pickles_for_worker_processes(gk):
    import pickle

    again = pickle.loads(pickle.dumps(gk))
    articles = set_row(parsed(), 1, body="Read more: x")
    assert again.today == gk.today
    assert again.check("parse", articles).quarantine.equals(gk.check("parse", articles).quarantine)


@pytest.fixture(scope="module")
def gk_process():
    """A gatekeeper whose GX runs in a gate process, as a run's does (issue 24)."""
    settings = Settings(expectations_dir=SUITES)
    keeper = quality.Gatekeeper(
        settings, validator=worker.GateProcess.for_settings(settings, TODAY)
    )
    yield keeper
    keeper.close()


def test_the_gate_process_answers_as_gx_here_issue_24(gk, gk_process):
    """Row failures, a critical failure and a clean batch: the same outcome from GX in the
    gate process as from GX in this one."""
    articles = set_row(parsed(), 0, published_date=dt.date(1975, 6, 1))
    articles = set_row(articles, 3, body=BODY + "\nRead more: x")
    here, there = gk.check("parse", articles), gk_process.check("parse", articles)
    for name in ("passed", "quarantine", "dq_results"):
        assert getattr(there, name).equals(getattr(here, name)), name
    assert there.quarantine["source_path"].to_list() == ["doc0.txt", "doc3.txt"]
    assert gk_process.check("ingest", raw_docs()).dq_results["success"].all()
    assert_halts(gk_process, "parse", set_row(parsed(), 1, article_id=None),
                 "expect_column_values_to_not_be_null(article_id)", "article_id=None")  # fmt: skip


def test_the_gate_process_validates_without_loading_scipy_issue_24():
    """GX's import leaves scipy and altair (unused expectations' packages) to load on first
    use in the gate process (`worker.DEFERRED`): scipy.stats' libraries are never mapped."""
    gate = worker.GateProcess.for_settings(Settings(expectations_dir=SUITES), TODAY)
    try:
        results = gate.validate("parse", parsed())  # GX imported, suites built, one gate run
        assert results  # one answer per expectation of the parse suite
        maps = Path(f"/proc/{gate._process.pid}/maps").read_text().splitlines()
        loaded = {line.split(maxsplit=5)[-1] for line in maps}
        assert [f for f in loaded if "/pandas/" in f]  # what GX validates with is loaded
        # GX's `from scipy import stats` runs scipy's small package file, never scipy.stats
        assert not [f for f in loaded if "/scipy/" in f and "/scipy/_lib/" not in f]
    finally:
        gate.close()


def test_a_deferred_package_still_works_when_code_uses_it_issue_24():
    code = (
        "import sys\n"
        "from newsflow.quality import worker\n"
        "worker.defer_imports()\n"
        "import great_expectations\n"
        "print(type(sys.modules['scipy.stats']).__name__)\n"
        "from scipy import stats\n"
        "print(round(stats.ks_2samp([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]).pvalue, 3))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["_LazyModule", "1.0"]


def test_a_suite_gx_refuses_fails_the_first_check_with_gx_s_word(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"].append(
        {"type": "expect_column_values_to_rhyme", "kwargs": {"column": "title"},
         "meta": {"severity": "critical", "name": "titles rhyme"}}
    )  # fmt: skip
    (folder / "parse.json").write_text(json.dumps(suite))
    settings = Settings(expectations_dir=folder)
    keeper = quality.Gatekeeper(
        settings, validator=worker.GateProcess.for_settings(settings, TODAY)
    )
    try:
        with pytest.raises(Exception, match="expect_column_values_to_rhyme"):
            keeper.check("parse", parsed())
    finally:
        keeper.close()


def test_a_finished_run_keeps_its_gate_process_for_the_next_run_with_the_same_suites(tmp_path):
    """A second run in one process takes the gate process the first released (no second GX
    import); other suites, or a failed run, get it stopped."""
    settings = Settings(expectations_dir=SUITES)
    first = worker.take(settings)
    first.release()
    again = worker.take(Settings(expectations_dir=SUITES, warehouse=tmp_path / "other.duckdb"))
    assert again is first and again.alive()
    again.release(abort=True)
    assert not again.alive()
    kept = worker.take(settings)
    kept.release()
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"][0]["meta"]["name"] = "renamed"
    (folder / "parse.json").write_text(json.dumps(suite))
    other = worker.take(Settings(expectations_dir=folder))
    assert other is not kept and not kept.alive()
    other.release(abort=True)


def test_a_gate_process_that_died_fails_the_check_clearly():
    settings = Settings(expectations_dir=SUITES)
    process = worker.GateProcess.for_settings(settings, TODAY)
    keeper = quality.Gatekeeper(settings, validator=process)
    process._process.kill()
    with pytest.raises(RuntimeError, match="the gate process ended"):
        keeper.check("parse", parsed())
    keeper.close()
    process.close()  # once is enough; again is a no-op
    assert not process.alive()


def test_bad_regex_in_a_suite_is_rejected_when_the_gatekeeper_is_built(tmp_path):
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["meta"]["derived_columns"]["_boilerplate_marker"]["regex_extract"]["pattern"] = (
        "(unclosed"
    )
    (folder / "parse.json").write_text(json.dumps(suite))
    with pytest.raises(ValueError, match="_boilerplate_marker.*bad regex"):
        quality.Gatekeeper(Settings(expectations_dir=folder), today=TODAY)


def test_events_unknown_mode_halts(gk):
    frame = set_row(events(), 0, mode="rumoured")
    assert_halts(gk, "events", frame, "event mode known", "rumoured", actors=actors())


# --- through the real pipeline (spaCy, DuckDB in tmp_path) ---------------------------------

EXAMPLE_BUNDLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"


def _table_counts(warehouse: Path) -> dict[str, int]:
    import duckdb

    tables = ("articles", "actors", "mentions", "events", "quarantine", "dq_results")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def _suite_with(tmp_path: Path, stage: str, expectation: dict) -> Path:
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / f"{stage}.json").read_text())
    suite["expectations"].append(expectation)
    (folder / f"{stage}.json").write_text(json.dumps(suite))
    return folder


GX_STAYS_OUT = """
import json, sys
from pathlib import Path
from newsflow import pipeline
from newsflow.settings import Settings
summary = pipeline.run_bundle(Path(sys.argv[1]), Settings(warehouse=Path(sys.argv[2])))
print(json.dumps({"loaded": summary["loaded"], "gx_here": "great_expectations" in sys.modules}))
"""


@pytest.mark.slow
def test_a_run_validates_its_gates_in_the_gate_process_issue_24(tmp_path):
    """Great Expectations is imported by the gate process, never by the flow's own: its ~5 s
    import takes the other core (issue 24). The gates still ran: dq_results has their rows."""
    warehouse = tmp_path / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-c", GX_STAYS_OUT, str(EXAMPLE_BUNDLE), str(warehouse)],
        capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    assert json.loads(done.stdout.splitlines()[-1]) == {"loaded": 4, "gx_here": False}
    counts = _table_counts(warehouse)
    assert counts["dq_results"] > 0 and counts["articles"] == 4


@pytest.mark.slow
def test_pipeline_critical_failure_leaves_warehouse_unchanged(tmp_path, seeds_dir):
    """Issue 8: a failed critical expectation stops the run before anything is written, and the
    runs row says which expectation failed, with failing values."""
    import duckdb

    from newsflow import pipeline

    warehouse = tmp_path / "w.duckdb"
    first = pipeline.run_bundle(EXAMPLE_BUNDLE, Settings(warehouse=warehouse))
    assert first["loaded"] == 4
    before = _table_counts(warehouse)
    assert before["articles"] == 4 and before["dq_results"] > 0

    strict = _suite_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "language", "value_set": ["fr"]},
            "meta": {"severity": "critical", "name": "articles are French"},
        },
    )
    # a new bundle: the loaded one's inputs would be skipped before any gate sees them
    with pytest.raises(quality.GateFailed, match="articles are French") as info:
        pipeline.run_bundle(seeds_dir, Settings(warehouse=warehouse, expectations_dir=strict))
    assert info.value.stage == "parse" and "language='en'" in info.value.examples[0]
    assert _table_counts(warehouse) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status, error = con.execute(
            "select status, error from runs order by started_at desc limit 1"
        ).fetchone()
    assert status == "failed" and "articles are French" in error and "'en'" in error


@pytest.mark.slow
def test_pipeline_row_failures_go_to_quarantine_and_the_run_goes_on(tmp_path):
    """Issue 8: rows failing a row-level expectation land in `quarantine` named after it; the
    accounting gate still balances; the report names the expectation."""
    import duckdb

    from newsflow import pipeline

    warehouse = tmp_path / "w.duckdb"
    folder = _suite_with(
        tmp_path,
        "parse",
        {
            "type": "expect_column_values_to_not_be_null",
            "kwargs": {"column": "title"},
            "meta": {"severity": "row", "name": "article has a title"},
        },
    )
    summary = pipeline.run_bundle(
        EXAMPLE_BUNDLE, Settings(warehouse=warehouse, expectations_dir=folder)
    )
    assert summary["loaded"] == 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select source_path from articles").fetchall()
        rejected = con.execute(
            "select source_path, reason from quarantine where stage = 'parse' order by source_path"
        ).fetchall()
        failed = con.execute(
            "select unexpected_count from dq_results where expectation = 'article has a title'"
        ).fetchall()
    assert loaded == [("003_river_treaty.txt",)]
    assert rejected == [
        ("001_harbour_strike.txt", "article has a title"),
        ("002_harbour_strike_wire.txt", "article has a title"),
        ("004_lab_funding.txt", "article has a title"),
    ]
    assert failed == [(3,)]
    assert "article has a title" in Path(summary["report"]).read_text()


def test_an_empty_batch_gets_what_gx_reports_without_running_it(gk):
    """A rerun's batches are empty once known inputs are skipped: per-row expectations hold
    over no rows, recorded as GX records them (checked against GX itself)."""
    context = {"articles": schema.empty(schema.DEDUPED), "actors": schema.empty(schema.ACTORS)}
    stages = {"ingest": schema.RAW_DOCS, "parse": schema.PARSED, "dedupe": schema.DEDUPED,
              "mentions": schema.MENTIONS, "events": schema.EVENTS}  # fmt: skip
    for stage, frame_schema in stages.items():
        out = gk.check(stage, schema.empty(frame_schema), context=context)
        suite = gk._stages[stage]
        empty = schema.empty(frame_schema).with_row_index(quality.outcome.ROW)
        values, _ = gk._derive(suite, empty, context)
        by_gx = [
            summary for _, summary in gk._validator.validate(stage, values.select(suite.columns))
        ]
        assert out.dq_results["success"].all() and out.passed.height == 0
        assert out.dq_results.select("observed", "unexpected_count").rows() == [
            (observed, count) for observed, count, _, _ in by_gx
        ]


def test_an_empty_batch_still_fails_a_table_level_expectation(tmp_path):
    """Only per-row expectations are taken as met on no rows: a user's row-count rule runs."""
    folder = edited_suites(tmp_path)
    suite = json.loads((folder / "parse.json").read_text())
    suite["expectations"].append(
        {
            "type": "expect_table_row_count_to_be_between",
            "kwargs": {"min_value": 1},
            "meta": {"severity": "critical", "name": "every batch has articles"},
        }
    )
    (folder / "parse.json").write_text(json.dumps(suite, indent=2))
    custom = quality.Gatekeeper(Settings(expectations_dir=folder), today=TODAY)
    assert custom.check("parse", parsed()).dq_results["success"].all()
    with pytest.raises(quality.GateFailed, match="every batch has articles"):
        custom.check("parse", schema.empty(schema.PARSED))
