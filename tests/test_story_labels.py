"""The fourth held-out stories set is fresh and whole (issue 21, bench/labels/stories/GUIDE.md).

Reads only the committed sample and label files (no newsflow output): a held-out item that an
earlier sample already holds, a block cut short or a story that crosses blocks would make the
set measure something else than it says.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import polars as pl

from bench.labels import draw

STORIES = Path(__file__).resolve().parents[1] / "bench" / "labels" / "stories"


def _rows(name: str) -> list[dict]:
    lines = (STORIES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def test_heldout4_labels_every_drawn_item_once_within_its_block():
    meta, *rows = _rows("heldout4.jsonl")
    sample = _rows("sample4.jsonl")
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert meta["_meta"]["items"] == len(rows) == 156
    assert meta["_meta"]["spent_at"] is None
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
