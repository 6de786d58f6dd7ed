"""Story terms beside names: content words written in lower case (issue 21)."""

from __future__ import annotations

from test_dedupe import parsed

from newsflow import dedupe
from newsflow.settings import Settings

# Two Reuters reports of 15 Oct 1987 (reuters21578, labelled in one story in
# bench/labels/stories/tune.jsonl: us-crude-postings-raised-50cts-oct16). Each refiner is named
# once in its own report: the names they share (West Texas, Intermediate, Sour) are not enough; "crude", "barrel", "grades", "postings" are what tells the story.
CRUDE_POSTINGS = [
    (
        "AMOCO <AN> RAISES CRUDE PRICES",
        "Amoco Corp said it raised the contract price it will pay for most grades of crude oil by "
        "50 cts a barrel, effective today.\n\nThe company said the increase brings its posting "
        "for West Texas Intermediate to 19.00 dlrs a barrel. West Texas Sour, at 34 degrees API, "
        "was raised to 18.10 dlrs. The Light Louisiana Sweet grade was also increased 50 cts to "
        "19.35 dlrs a barrel.\n\nAmoco said Wyoming Southwest Sweet, Colorado Western, and two "
        "Utah grades of oil, Black wax and yellow wax, were unchanged. The company last changed "
        "its crude oil postings on September 28.",
    ),
    (
        "UNOCAL <UCL> RAISES CRUDE OIL POSTED PRICES",
        "Unocal Corp said it raised its posted prices for most U.S. grades of crude oil by 50 cts "
        "a barrel, effective October 16.\n\nThe move brings the price the company will pay for "
        "the U.S. benchmark grade, West Texas Intermediate, and West Texas Sour to 19 dlrs a "
        "barrel.\n\nThe price was last changed September 9, Unocal said.",
    ),
]


def test_reports_told_in_common_words_share_a_story():
    """Issue 21: on names alone (main at 71fa60c) the two reports founded two stories."""
    docs = [
        {"title": t, "body": b, "source": f"wire{k}"} for k, (t, b) in enumerate(CRUDE_POSTINGS)
    ]
    out = dedupe.dedupe_batch(parsed(*docs), dedupe.DedupeState(), Settings())
    assert out["duplicate_of"].null_count() == 2
    assert out["story_id"].n_unique() == 1
