"""Quality gates (issue 8): every gate halts on a critical failure, quarantines row failures,
and lets a clean batch through untouched. Real GX, real frames."""

from __future__ import annotations

import datetime as dt

import pytest

from newsflow import quality, schema
from newsflow.settings import Thresholds
from tests.quality_frames import (
    BODY,
    TODAY,
    accounting,
    actors,
    assert_clean,
    assert_halts,
    deduped,
    events,
    mentions,
    parsed,
    raw_docs,
    set_row,
)

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


def test_events_unknown_mode_halts(gk):
    frame = set_row(events(), 0, mode="rumoured")
    assert_halts(gk, "events", frame, "event mode known", "rumoured", actors=actors())


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
