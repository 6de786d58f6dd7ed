"""Reports that name no actor on either side are one event only within one story (issue 20).

Two groups of reports with one merge key share an event id and are pooled as one event
(`events`). For a report naming nobody, the key was type, mode, day and place: five unrelated
Reuters items datelined Washington on 25 March 1987 (a Senate panel's trade bill, FNMA's
mortgage products, Baker on cooperation, the IADB meeting, a bill on Japanese dealers) became one
AGREE "event" of five articles, found by the Reuters generic-agent audit. Real records
(tests/fixtures/events), through the real pipeline into a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.event_batches import wire_warehouse

RECORDS = Path(__file__).parent / "fixtures" / "events" / "reuters_washington_25mar1987.jsonl"


def test_reports_naming_nobody_are_not_pooled_across_stories(tmp_path):
    warehouse = wire_warehouse(tmp_path, RECORDS)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """select e.event_id, count(distinct a.story_id), count(*)
               from events e join event_articles using (event_id) join articles a using (article_id)
               where e.source_actor_id is null and e.target_actor_id is null
                 and e.event_type = 'AGREE' and e.event_date = date '1987-03-25'
                 and e.place_name = 'Washington'
               group by 1"""
        ).fetchall()
        stories = con.execute("select count(distinct story_id) from articles").fetchone()[0]
    assert stories == 5  # five separate items: no story joins any two
    assert len(rows) >= 4  # the nobody-AGREEs of four items, each its own event
    assert all(n_stories == 1 and n_articles == 1 for _, n_stories, n_articles in rows)
