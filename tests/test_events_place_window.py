"""A shared place joins reports of two stories only when both are dated to a day (issue 20).

Reports of different stories join when their date windows meet and they share a place
(`event_merge._Key.matches`). A window can be a fortnight ("three U.S. senators said they will
propose a temporary ban on imports of all Toshiba products": a plan), and the dateline gives
every Washington item one place, so the Treasury's notice that it was ending the Netherlands
Antilles tax treaty, filed eleven days later, joined the senators' ban as one AGREE of the
United States: once `national_bodies` gave the Treasury its country, 128 Reuters events grew
by such joins. Real records (tests/fixtures/events), through the real pipeline into a real
DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.event_batches import wire_warehouse

RECORDS = Path(__file__).parent / "fixtures" / "events" / "reuters_washington_june1987.jsonl"


def test_a_fortnights_window_and_a_shared_dateline_join_no_two_stories(tmp_path) -> None:
    warehouse = wire_warehouse(tmp_path, RECORDS)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stories = con.execute("select count(distinct story_id) from articles").fetchone()[0]
        joined = con.execute(
            """select e.evidence, count(distinct ea.article_id)
               from events e join event_articles ea using (event_id)
               group by all having count(distinct ea.article_id) > 1"""
        ).fetchall()
        treaty = con.execute(
            """select e.event_type, s.name from events e join actors s
                 on s.actor_id = e.source_actor_id
               where e.evidence like 'The Treasury Department said it notified%'"""
        ).fetchall()
    assert stories == 4  # four separate items
    assert joined == []  # no event holds two of them
    assert treaty == [("AGREE", "Treasury Department")]  # the notice is an event of its own
