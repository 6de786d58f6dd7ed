"""Merging reports whose dates tie on every rank (issue 20, the Reuters generic-agent audit).

Two reports of one sentence with the same date, score and rank but different date sources
(`published_recent` and `background` share a rank) used to reach a comparison of two
`EventDate`s, which have no order: the Reuters sample run failed with TypeError."""

from __future__ import annotations

from datetime import date

from newsflow.event_merge import _Group, merge_group
from newsflow.reports import Candidate
from newsflow.timex import EventDate

DAY = date(1987, 3, 2)
EVIDENCE = "(the sentence: not read by the date choice)"


def _report(source: str) -> Candidate:
    return Candidate(
        article_id="a1",
        sentence_index=0,
        event_type="PROTEST",
        cameo_root="14",
        mode="asserted",
        source=None,
        target=None,
        when=EventDate(DAY, DAY, DAY, source, "day"),
        place=None,
        place_from_sentence=False,
        story_id="s1",
        evidence=EVIDENCE,
        score=1.0,
        symmetric=False,
        source_generic="farmer",
    )


def test_reports_tied_but_for_the_date_source_merge_on_their_date() -> None:
    group = _Group(candidates=[_report("published_recent"), _report("background")])
    row, _ = merge_group(group)
    assert (row["event_date"], row["date_source"]) == (DAY, "published_recent")
