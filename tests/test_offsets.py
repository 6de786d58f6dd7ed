"""Mention offsets checked against spans found independently of the extractor (issue 26).

`mention_text` is sliced from the body at the mention's own offsets, so `body[s:e] ==
mention_text` holds whatever the offsets are: shifting every mention one character passed the
old offset tests. Here the offsets are held against hand-labelled gold spans (the mentions
set's tune half, labelled by reading, offsets into the same stored body) and against the word
boundaries of the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from newsflow import schema
from newsflow.extract import extract_batch, load_nlp
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings

LABELS = Path(__file__).resolve().parents[1] / "bench" / "labels" / "mentions" / "tune.jsonl"
ARTICLES = 8  # the first eight labelled tune articles (BBC politics and Reuters)


@pytest.fixture(scope="module")
def labelled():
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if "_meta" not in row][:ARTICLES]
    n = len(rows)
    frame = {name: [None] * n for name in schema.DEDUPED.names()}
    frame.update(
        article_id=[f"a{i}" for i in range(n)],
        body=[row["body"] for row in rows],
        language=["en"] * n,
        bundle_id=["test"] * n,
    )
    articles = schema.conform(pl.DataFrame(frame), schema.DEDUPED)
    settings = Settings()
    result = extract_batch(articles, load_nlp(settings.spacy_model), ActorRegistry(), settings)
    return rows, result.mentions


def _gold(rows) -> set[tuple[str, int, int]]:
    return {(f"a{i}", m["start"], m["end"]) for i, row in enumerate(rows) for m in row["mentions"]}


def test_mention_offsets_land_on_hand_labelled_spans(labelled):
    """Most predicted spans are exactly a gold span (one character off anywhere: none are)."""
    rows, mentions = labelled
    predicted = set(mentions.select("article_id", "char_start", "char_end").iter_rows())
    exact = predicted & _gold(rows)
    assert len(predicted) > 100
    assert len(exact) / len(predicted) >= 0.7, sorted(predicted - exact)[:10]


def test_mention_offsets_sit_on_word_boundaries(labelled):
    """A name starts and ends at a word boundary of the body: a shifted offset would cut a word."""
    rows, mentions = labelled
    bodies = {f"a{i}": row["body"] for i, row in enumerate(rows)}
    cut = []
    for article, start, end in mentions.select("article_id", "char_start", "char_end").iter_rows():
        body = bodies[article]
        before = body[start - 1] if start > 0 else " "
        after = body[end] if end < len(body) else " "
        if before.isalnum() or after.isalnum() or not body[start].isalnum():
            cut.append(body[max(0, start - 10) : end + 10])
    assert cut == []
