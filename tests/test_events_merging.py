"""Events stage (issue 7): merging reports across sentences, articles, batches and runs: one
event per happening, never two happenings in one event."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from newsflow import events, warehouse
from tests.event_batches import (
    MONDAY,
    WAREHOUSES,
    article,
    detect,
    rows_of,
    warehouse_of,
)

# --- merging -------------------------------------------------------------------------------


def test_same_event_from_several_outlets_is_one_row(nlp, state):
    result = detect(
        [
            article("a1", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn"),
            article("a2", "On Monday, Iran attacked Pakistan in Quetta.", source="Reuters"),
            article("a3", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn"),
            article("a4", "x", source="AP", duplicate_of="a1"),  # an exact copy at another outlet
        ],
        nlp,
        state,
    )
    assert rows_of(result) == [
        (
            "ASSAULT",
            "18",
            "act_irn",
            "act_pak",
            MONDAY,
            "sentence_relative",
            "Quetta",
            "PAK",
            "asserted",
            4,
            4,
            3,
        )
    ]
    assert sorted(result.links["event_articles"]["article_id"]) == ["a1", "a2", "a3", "a4"]


def test_an_unknown_outlet_counts_once_for_an_original_never_for_a_copy(nlp, state):
    """Outlets as `sql/queries/fill_outlets.sql` counts them, in the load only: a1 and a2 (no
    outlet, own texts) are two outlets; a3, a copy of a1 from an unknown outlet, adds an article
    but no outlet."""
    text = "Iran attacked Pakistan in Quetta on Monday."
    result = detect(
        [
            article("a1", text, source=None),
            article("a2", "On Monday, Iran attacked Pakistan in Quetta.", source=None),
            article("a3", "x", source=None, duplicate_of="a1"),
        ],
        nlp,
        state,
    )
    assert result.events.select("num_articles", "num_sources").rows() == [(3, 2)]
    assert result.links["event_articles"]["outlet"].is_null().all()  # the load decides, in SQL
    outlets = dict(
        warehouse_of(state).execute("select article_id, outlet from event_articles").fetchall()
    )
    assert outlets == {"a1": "article:a1", "a2": "article:a2", "a3": "article:a1"}
    # a copy of a1 arriving in a later batch, again from nowhere known: still two outlets
    later = detect([article("a4", "x", source=None, duplicate_of="a1")], nlp, state)
    assert later.events.select("num_articles", "num_sources").rows() == [(4, 2)]


def test_different_days_or_places_stay_apart(nlp, state):
    result = detect(
        [
            article("a1", "Iran attacked Pakistan in Quetta on Monday.", story="s1"),
            article("a2", "Iran attacked Pakistan in Karachi on Monday.", story="s2"),
            article("a3", "Iran attacked Pakistan in Quetta on January 2.", story="s3"),
        ],
        nlp,
        state,
    )
    assert result.events.height == 3


def test_negated_report_never_merges_into_the_asserted_event(nlp, state):
    result = detect(
        [
            article("a1", "Iran attacked Pakistan on Monday."),
            article("a2", "Iran did not attack Pakistan on Monday."),
        ],
        nlp,
        state,
    )
    assert sorted(result.events["mode"]) == ["asserted", "negated"]


def test_later_batch_updates_the_same_row_and_rerun_does_not_inflate(nlp, state):
    first = detect(
        [article("a1", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn")], nlp, state
    )
    again = detect(
        [article("a1", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn")], nlp, state
    )
    later = detect(
        [
            article(
                "a2",
                "Iran attacked Pakistan in Quetta yesterday.",
                source="Reuters",
                published=date(2024, 1, 16),
            )
        ],
        nlp,
        state,
    )
    event_id = first.events["event_id"].item()
    assert again.events.height == 0  # nothing new to write
    assert later.events["event_id"].to_list() == [event_id]
    assert later.events.select("num_mentions", "num_articles", "num_sources").row(0) == (2, 2, 2)
    assert later.events["confidence"].item() > first.events["confidence"].item()


def test_event_id_is_stable_across_fresh_runs(nlp, lexicon, gazetteer):
    rows = [article("a1", "Pakistan and Iran held talks in Islamabad on Monday.")]
    ids = [
        detect(rows, nlp, events.EventState.empty(lexicon, gazetteer)).events["event_id"].item()
        for _ in range(2)
    ]
    assert ids[0] == ids[1] and ids[0].startswith("e_")


def test_event_state_round_trips_through_the_warehouse(nlp, lexicon, gazetteer, tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.migrate(con)
    empty = events.load_event_state(con)
    assert (empty.events.height, empty.keys.height, empty.event_articles.height) == (0, 0, 0)
    WAREHOUSES[id(empty)] = (empty, con)  # detect() loads into this file
    detect(
        [article("a1", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn")], nlp, empty
    )
    known = events.load_event_state(con)
    assert known.event_articles.rows() == [
        (con.execute("select event_id from events").fetchone()[0], "a1", "Dawn", 1, "Dawn")
    ]
    # A later run: the same event from another outlet updates the row; a rerun of a1 changes nothing.
    WAREHOUSES[id(known)] = (known, con)
    detect(
        [
            article("a1", "Iran attacked Pakistan in Quetta on Monday.", source="Dawn"),
            article("a2", "Iran attacked Pakistan in Quetta on Monday.", source="Reuters"),
        ],
        nlp,
        known,
    )
    assert con.execute(
        "select count(*), max(num_articles), max(num_sources) from events"
    ).fetchone() == (1, 2, 2)
    con.close()
