"""One sentence two articles carry, with the same type and sides, is one event (issue 20).

Reuters filed "NAKASONE SOUNDS CONCILIATORY NOTE IN CHIP DISPUTE" on 28 March 1987 and again,
cut short, on 30 March (newids 10623, 10767). Neither the near-duplicate check nor the story
step joined the two (3,455 and 1,186 characters), and "Government officials said Japan would
make a formal request next week for emergency talks" gave a CONSULT of Japan in each story: two
events of each (and a REQUEST of it in each), one side open and two stories, which
`event_merge._Key.matches` did not join.
The sentence itself is the link (`_Key.evidence`). Real records, through the real pipeline into a
real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.event_batches import wire_warehouse

RECORDS = Path(__file__).parent / "fixtures" / "events" / "reuters_nakasone_refiled.jsonl"


def test_a_refiled_items_sentence_is_one_event(tmp_path) -> None:
    warehouse = wire_warehouse(tmp_path, RECORDS)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stories = con.execute("select count(distinct story_id) from articles").fetchone()[0]
        talks = con.execute(
            """select e.event_type, count(distinct ea.article_id)
               from events e join event_articles ea using (event_id)
               where e.evidence like 'Government officials said Japan would make a formal%'
               group by e.event_id, e.event_type"""
        ).fetchall()
        repeated = con.execute(
            """select count(*) from (
                 select event_type, source_actor_id, target_actor_id, evidence
                 from events where source_actor_id is not null or target_actor_id is not null
                 group by all having count(*) > 1)"""
        ).fetchone()[0]
    assert stories == 2  # the two filings stay two stories (a story-step miss, issue 21)
    # one event of each type (the request and the talks), both articles behind each
    assert sorted(talks) == [("CONSULT", 2), ("REQUEST", 2)]
    assert repeated == 0  # no sentence with a named side gives two events of one type
