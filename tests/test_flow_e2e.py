"""End to end: the real Prefect flow on the acceptance bundle into a real DuckDB file (issue 3)."""

from __future__ import annotations

import duckdb
import pytest

from newsflow.flows.pipeline import ingest_bundle
from newsflow.settings import Settings

CONTRACT = {
    "runs": "run_id started_at finished_at status bundle_path inputs loaded duplicates quarantined flow_run_id",
    "articles": "article_id run_id bundle_id source_path content_hash title source_name url dateline "
    "published_date date_source crawl_date body word_count language duplicate_of story_id",
    "actors": "actor_id name actor_type country_code aliases",
    "mentions": "mention_id article_id actor_id event_id mention_text char_start char_end sentence_index",
    "events": "event_id event_type cameo_root source_actor_id target_actor_id event_date date_source "
    "place_name latitude longitude country_code story_id num_mentions num_articles num_sources "
    "evidence confidence",
    "quarantine": "run_id bundle_id source_path stage reason detail",
    "dq_results": "run_id stage suite expectation success observed unexpected_count",
}

COUNTED = ("articles", "actors", "mentions", "events", "quarantine")


def _counts(path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED}


@pytest.fixture(scope="module")
def seeds_run(prefect_harness, seeds_dir, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("e2e") / "w.duckdb"
    first = ingest_bundle(str(seeds_dir), settings=Settings(warehouse=warehouse).to_params())
    after_first = _counts(warehouse)
    second = ingest_bundle(str(seeds_dir), settings=Settings(warehouse=warehouse).to_params())
    return warehouse, first, after_first, second


def test_contract_columns_exist(seeds_run):
    warehouse, *_ = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, columns in CONTRACT.items():
            have = {r[0] for r in con.execute(f"describe {table}").fetchall()}
            assert set(columns.split()) <= have, (table, set(columns.split()) - have)


def test_five_seed_articles_loaded(seeds_run):
    warehouse, first, counts, _ = seeds_run
    assert first["inputs"] == 5 and first["loaded"] == 5 and first["quarantined"] == 0
    assert counts["articles"] == 5
    # exact figures of the current extraction (a change to them must be a decision, not drift);
    # their accuracy is measured in bench/ on labelled sets, not here
    # 26 events: 3 of them name only generic agents ("regional countries", "terrorist groups",
    # "the foreign minister"), with null roles (issue 20, generic.py); Qomi's discussions with
    # Asif Durrani are an event apart from the Pakistan-Iran talks that hold his meeting with
    # Jalil Abbas Jilani, since two people of one country never merge (merge11, event_sides);
    # 28th: "At the fifth Moscow Format Consultations on Afghanistan hosted by Russia last
    # September, regional countries had called on ..." holds the consultations themselves,
    # CONSULT by Russia dated September 2023 (a meeting that is an act's setting, events12);
    # less "diplomatic measures to prevent Afghanistan from becoming a safe haven" (a COERCE of
    # Afghanistan until 97bd67f: "prevent" coerces only of an entry or a march) = 27, less
    # "Mr. Hassan Kazmi Qomi is set to hold discussions with Asif Durrani and ... Jilani" told
    # by two articles, one report's target open: one sentence, one event (event_merge, the
    # twenty-fifth session) = 26
    assert (counts["actors"], counts["mentions"], counts["events"]) == (32, 257, 26)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status, inputs, loaded = con.execute(
            "select status, inputs, loaded from runs order by started_at limit 1"
        ).fetchone()
        assert (status, inputs, loaded) == ("completed", 5, 5)
        bodies = con.execute("select body from articles").fetchall()
        assert all("Read more:" not in b and "Published in Dawn" not in b for (b,) in bodies)


def test_mention_offsets_index_the_body(seeds_run):
    warehouse, *_ = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select a.body, m.mention_text, m.char_start, m.char_end "
            "from mentions m join articles a using (article_id)"
        ).fetchall()
        orphans = con.execute(
            "select count(*) from mentions m anti join actors a using (actor_id)"
        ).fetchone()[0]
    assert rows and orphans == 0
    assert all(body[s:e] == text for body, text, s, e in rows)


def test_rerun_is_idempotent(seeds_run):
    warehouse, first, counts, second = seeds_run
    assert second["loaded"] == 0 and second["already_loaded"] == 5
    assert _counts(warehouse) == counts
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = [
            r[0] for r in con.execute("select status from runs order by started_at").fetchall()
        ]
    assert statuses == ["completed", "completed"]


def _event(con, event_type: str, *names: str):
    """The events of a type between actors with these names (either role)."""
    return con.execute(
        "select e.place_name, e.event_date, e.num_articles, e.num_sources, e.evidence "
        "from events e left join actors s on s.actor_id = e.source_actor_id "
        "left join actors t on t.actor_id = e.target_actor_id "
        "where e.event_type = ? and list_sort([coalesce(s.name, ''), coalesce(t.name, '')]) "
        "    = list_sort(?::varchar[])",
        [event_type, list(names)],
    ).fetchall()


def test_seed_events_are_merged_across_articles(seeds_run):
    """The talks, the Kerman bombing and the Kabul meeting: one row each (issues 3 and 7)."""
    warehouse, *_ = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        talks = _event(con, "CONSULT", "Pakistan", "Iran")
        bombing = _event(con, "ASSAULT", "Islamic State Khorasan Province", "Iran")
        kabul = _event(con, "CONSULT", "Hassan Kazmi Qomi", "Abdul Kabir")
        people = {r[0] for r in con.execute("select name from actors").fetchall()}
    assert len(talks) == 1 and talks[0][0] == "Islamabad" and str(talks[0][1]) == "2024-01-15"
    assert talks[0][2] >= 4 and talks[0][3] >= 3
    assert len(bombing) == 1 and bombing[0][0] == "Kerman" and bombing[0][2] >= 2
    assert len(kabul) == 1 and kabul[0][0] == "Kabul" and kabul[0][2] >= 2
    # one actor per real entity, no junk
    assert {"Jalil Abbas Jilani", "Asif Durrani", "Tehreek-e-Taliban Pakistan"} <= people
    assert not people & {"Special Representative", "Opinion", "Editorial", "Dawn", "Qomi"}


def test_the_five_seeds_are_one_story(seeds_run):
    """Five outlets' reports of one event share a story (issues 3 and 5)."""
    warehouse, *_ = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stories = con.execute("select distinct story_id from articles").fetchall()
        num_articles, num_sources = con.execute(
            "select num_articles, num_sources from stories"
        ).fetchone()
        # the load's outlets (sql) and the events stage's (polars) follow one rule
        disagree = con.execute(
            "select count(*) from event_articles e join articles a using (article_id) "
            "where e.outlet is distinct from a.outlet"
        ).fetchone()[0]
        (talks_sources,) = con.execute(
            "select max(num_sources) from events where event_type = 'CONSULT'"
        ).fetchone()
    # two seeds carry no outlet; their texts are their own, so each is an outlet
    assert len(stories) == 1 and num_articles == 5 and num_sources == 5
    assert disagree == 0 and talks_sources == 5


def test_event_confidence_is_the_fitted_probability_raised_per_outlet(seeds_run):
    """Each stored confidence is newsflow.confidence's probability for what the row says,
    raised by 0.6 of the remaining doubt per further outlet (sql/queries/refresh_event_counts.sql;
    issue 20): the talks, told by several outlets, stand above the same reading told once."""
    import polars as pl

    from newsflow import confidence

    warehouse, *_ = seeds_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        events = pl.from_arrow(
            con.execute(
                f"select confidence, num_sources, {', '.join(confidence.COLUMNS)} from events"
            ).arrow()
        )
    p = confidence.probability(events).alias("p")
    expected = 1 - (1 - p) * 0.6 ** (events["num_sources"] - 1)
    assert events.height >= 10
    assert (events["confidence"] - expected).abs().max() <= 1e-3
    told_again = events.with_columns(p).filter(pl.col("num_sources") > 1)
    assert told_again.height >= 1
    assert (told_again["confidence"] > told_again["p"]).all()
