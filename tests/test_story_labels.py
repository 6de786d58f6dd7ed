"""The fourth, fifth and sixth held-out stories sets are fresh and whole (issue 21,
bench/labels/stories/GUIDE.md).

Reads only the committed sample and label files (no newsflow output): a held-out item that an
earlier sample already holds, a block cut short or a story that crosses blocks would make the
set measure something else than it says.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from bench import bench_stories
from bench.labels import assemble, draw

STORIES = Path(__file__).resolve().parents[1] / "bench" / "labels" / "stories"


def _rows(name: str) -> list[dict]:
    return assemble.read_jsonl(STORIES / name)


def test_heldout4_labels_every_drawn_item_once_within_its_block():
    meta, *rows = _rows("heldout4.jsonl")
    sample = _rows("sample4.jsonl")
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert meta["_meta"]["items"] == len(rows) == 156
    assert meta["_meta"]["spent_at"] == "7492671"  # tuned on from there (stories13)
    assert meta["_meta"]["blocks"] == list(dict.fromkeys(r["block"] for r in rows))
    for row in rows:
        assert row["half"] == "heldout4"
        assert row["story"].startswith(row["block"] + "/"), row["item_id"]
        assert hashlib.sha256(row["body"].encode()).hexdigest() == row["body_sha256"]


def test_heldout4_shares_no_item_or_block_with_earlier_stories_samples():
    earlier = [r for f in ("sample.jsonl", "sample2.jsonl", "sample3.jsonl") for r in _rows(f)]
    fresh = _rows("sample4.jsonl")
    assert not {r["item_id"] for r in fresh} & {r["item_id"] for r in earlier}
    assert not {r["block"] for r in fresh} & {r["block"] for r in earlier}


EARLIER5 = ("sample.jsonl", "sample2.jsonl", "sample3.jsonl", "sample4.jsonl")


def test_heldout5_labels_every_drawn_item_once_within_its_block():
    """Issue 21: every item of sample5.jsonl carries its one s9 label, in draw order; the file
    is spent since 9d93305 and says at which commit and by whom it was labelled."""
    meta, *rows = _rows("heldout5.jsonl")
    sample = _rows("sample5.jsonl")
    labels = {r["item_id"]: r["story"] for r in _rows("passes/s9.jsonl")}
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert sorted(labels) == sorted(s["item_id"] for s in sample)
    assert meta["_meta"]["items"] == len(rows) == 149
    assert meta["_meta"]["spent_at"] == "9d93305"  # opened to read its precision errors
    assert meta["_meta"]["labellers"] == ["s9"]
    assert meta["_meta"]["labelled_at"] == "9169de0"  # the commit that drew sample5.jsonl
    assert meta["_meta"]["blocks"] == list(dict.fromkeys(r["block"] for r in rows))
    assert meta["_meta"]["blocks"] == assemble.FRESH5["blocks"]
    for row in rows:
        assert row["half"] == "heldout5"
        assert row["labeller"] == "s9"
        assert row["story"] == labels[row["item_id"]]
        assert row["story"].startswith(row["block"] + "/"), row["item_id"]
        assert hashlib.sha256(row["body"].encode()).hexdigest() == row["body_sha256"]


def _week_and_group(row: dict) -> tuple:
    """A Reuters item's ISO week and topic group (the first sample's blocks are crude/ship/
    nat-gas without a suffix), or a BBC item's section."""
    if row["corpus"] == "bbc":
        return ("bbc", row["doc_id"].split("/")[1])
    group = row["block"].split("-", 4)[4:] or ["crude-nat-gas-ship"]
    return (date.fromisoformat(row["published_date"]).isocalendar()[:2], group[0])


def test_bench_stories_accepts_the_fifth_held_out_half():
    """Issue 21: the lead measures heldout5 with `bench_stories --half heldout5`; only the
    command line and the label file are read here, newsflow is not run."""
    assert bench_stories.arguments(["--half", "heldout5"]).half == "heldout5"
    assert len(bench_stories.labelled("heldout5")) == 149


EARLIER6 = (*EARLIER5, "sample5.jsonl")


def test_heldout6_labels_every_drawn_item_once_within_its_block():
    """Issue 21: every item of sample6.jsonl carries its one s11 label, in draw order; the file
    is not spent and says at which commit and by whom it was labelled."""
    meta, *rows = _rows("heldout6.jsonl")
    sample = _rows("sample6.jsonl")
    labels = {r["item_id"]: r["story"] for r in _rows("passes/s11.jsonl")}
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert sorted(labels) == sorted(s["item_id"] for s in sample)
    assert meta["_meta"]["items"] == len(rows) == 145
    assert meta["_meta"]["spent_at"] is None  # held out: measured once by the lead, never tuned on
    assert meta["_meta"]["labellers"] == ["s11"]
    assert meta["_meta"]["labelled_at"] == "7cef149"  # the commit that drew sample6.jsonl
    assert meta["_meta"]["blocks"] == list(dict.fromkeys(r["block"] for r in rows))
    assert meta["_meta"]["blocks"] == assemble.FRESH6["blocks"]
    for row in rows:
        assert row["half"] == "heldout6"
        assert row["labeller"] == "s11"
        assert row["story"] == labels[row["item_id"]]
        assert row["story"].startswith(row["block"] + "/"), row["item_id"]
        assert hashlib.sha256(row["body"].encode()).hexdigest() == row["body_sha256"]


@pytest.mark.parametrize(
    ("sample", "earlier_files"), [("sample5.jsonl", EARLIER5), ("sample6.jsonl", EARLIER6)]
)
def test_fresh_samples_share_no_item_week_topic_or_bbc_section_with_earlier_ones(
    sample, earlier_files
):
    """Issue 21: no item, body, block, (week, topic group) or BBC section of sample5.jsonl
    (sample6.jsonl) is in the samples drawn before it, so nothing tuned on so far is measured
    again."""
    earlier = [r for f in earlier_files for r in _rows(f)]
    fresh = _rows(sample)
    assert not {r["item_id"] for r in fresh} & {r["item_id"] for r in earlier}
    assert not {r["body_sha256"] for r in fresh} & {r["body_sha256"] for r in earlier}
    assert not {r["block"] for r in fresh} & {r["block"] for r in earlier}
    assert not {_week_and_group(r) for r in fresh} & {_week_and_group(r) for r in earlier}


@pytest.mark.parametrize(
    ("draw_name", "windows", "bbc", "earlier", "half"),
    [
        ("draw_stories_fresh5", "FRESH5_WINDOWS", "FRESH5_BBC", EARLIER5, "heldout5"),
        ("draw_stories_fresh6", "FRESH6_WINDOWS", "FRESH6_BBC", EARLIER6, "heldout6"),
    ],
)
def test_fresh_draws_take_their_windows_without_any_earlier_sample(
    monkeypatch, draw_name, windows, bbc, earlier, half
):
    """The fifth (sixth) draw leaves out the items of all the stories samples before it."""
    calls = []
    monkeypatch.setattr(draw, "_fresh_blocks", lambda *args: calls.append(args) or [])
    getattr(draw, draw_name)(pl.DataFrame(), pl.DataFrame())
    assert [c[2:] for c in calls] == [(getattr(draw, windows), getattr(draw, bbc), earlier, half)]


def test_bench_stories_accepts_the_sixth_held_out_half():
    """Issue 21: the lead measures heldout6 with `bench_stories --half heldout6`; only the
    command line and the label file are read here, newsflow is not run. Its errors may not be
    printed while it is held out."""
    assert bench_stories.arguments(["--half", "heldout6"]).half == "heldout6"
    assert len(bench_stories.labelled("heldout6")) == 145
    assert not bench_stories.may_tune_on("heldout6")


def _article(path: str, day: date | None, topics: list[str]) -> dict:
    return {
        "source_path": path,
        "title": path,
        "published_date": day,
        "dateline": None,
        "body": f"Body of {path}.",
        "word_count": 3,
        "topics": topics,
        "places": [],
    }


def test_fresh_blocks_keep_whole_windows_and_leave_out_earlier_items():
    """A window takes every item of its topics and dates, none outside them, and drops an item
    an earlier sample holds (here a real item of sample3.jsonl)."""
    taken = _rows("sample3.jsonl")[0]["doc_id"]
    reuters = pl.DataFrame(
        [
            _article("r:1", date(1987, 3, 17), ["crude"]),
            _article("r:2", date(1987, 3, 18), ["ship", "grain"]),
            _article("r:3", date(1987, 3, 19), ["crude"]),
            _article("r:4", date(1987, 3, 17), ["grain"]),
            _article(taken, date(1987, 3, 17), ["crude"]),
        ]
    )
    bbc = pl.DataFrame(
        [_article(f"bbc/entertainment/{n:03d}.txt", None, []) for n in (3, 1, 2)]
        + [_article("bbc/politics/001.txt", None, [])]
    ).drop("topics", "places")
    windows = [({"crude", "ship"}, date(1987, 3, 17), date(1987, 3, 18))]
    items = draw._fresh_blocks(
        bbc, reuters, windows, ("entertainment", 0, 2), ("sample3.jsonl",), "heldout9"
    )
    assert [(i["doc_id"], i["block"]) for i in items] == [
        ("r:1", "reuters-1987-03-17-crude-ship"),
        ("r:2", "reuters-1987-03-17-crude-ship"),
        ("bbc/entertainment/001.txt", "bbc-entertainment-001"),
        ("bbc/entertainment/002.txt", "bbc-entertainment-001"),
    ]
    assert {i["half"] for i in items} == {"heldout9"}


@pytest.mark.parametrize(
    ("second", "first", "sample", "passed"),
    [
        ("FRESH4_SECOND", "FRESH4", "sample4.jsonl", "passes/s8.jsonl"),
        ("FRESH5_SECOND", "FRESH5", "sample5.jsonl", "passes/s10.jsonl"),
        ("FRESH6_SECOND", "FRESH6", "sample6.jsonl", "passes/s12.jsonl"),
    ],
)
def test_a_second_pass_labels_the_reuters_blocks_once_within_their_block(
    second, first, sample, passed
):
    """Issue 21: each blind second pass (s8, s10, s12) covers exactly the Reuters blocks of its
    held-out set (heldout4, heldout5, heldout6), every item once, within its own block."""
    blocks = getattr(assemble, second)["blocks"]
    assert blocks == [b for b in getattr(assemble, first)["blocks"] if b.startswith("reuters-")]
    drawn = {s["item_id"]: s["block"] for s in _rows(sample)}
    rows = _rows(passed)
    assert sorted(r["item_id"] for r in rows) == sorted(i for i, b in drawn.items() if b in blocks)
    for row in rows:
        assert row["block"] == drawn[row["item_id"]]
        assert row["story"].startswith(row["block"] + "/"), row["item_id"]


def test_pairwise_story_agreement_scores_the_second_pass_against_the_first_per_block():
    """Issue 21: P = common / second's pairs, R = common / first's pairs, within each block."""
    blocks = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "b2": "B"}
    first = {"a1": "x", "a2": "x", "a3": "x", "a4": "y", "b1": "p", "b2": "q"}
    second = {"a1": "u", "a2": "u", "a3": "v", "a4": "v", "b1": "r", "b2": "s"}
    assert assemble.pairwise_story_agreement(first, second, blocks) == {
        "A": {
            "items": 4,
            "stories_first": 2,
            "stories_second": 2,
            "pairs_first": 3,
            "pairs_second": 2,
            "pairs_common": 1,
            "precision": 0.5,
            "recall": 0.333,
            "pairwise_f1": 0.4,
        },
        "B": {
            "items": 2,
            "stories_first": 2,
            "stories_second": 2,
            "pairs_first": 0,
            "pairs_second": 0,
            "pairs_common": 0,
            "precision": 1.0,
            "recall": 1.0,
            "pairwise_f1": 1.0,
        },
    }


def test_story_disagreements_lists_only_the_groups_cut_differently():
    first = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z", "f": "z"}
    second = {"a": "u", "b": "u", "c": "v", "d": "w", "e": "t", "f": "t"}
    assert assemble.story_disagreements(first, second) == [
        {"first": {"x": 3}, "second": {"u": 2, "v": 1}}
    ]
