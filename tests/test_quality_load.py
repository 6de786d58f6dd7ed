"""Quality gates (issue 8): the load gate's accounting of a whole staged run, and suites
as data: a user adds or edits expectations in the JSON files, never in code."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import polars as pl
import pytest

from newsflow import quality
from newsflow.settings import Settings, Thresholds
from tests.quality_frames import (
    SUITES,
    TODAY,
    accounting,
    assert_clean,
    assert_halts,
    edited_suites,
    parsed,
    set_row,
    staged_run,
)

# --- load (whole staged run) ----------------------------------------------------------------


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
