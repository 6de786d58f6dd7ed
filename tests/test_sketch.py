"""dedupe.sketch.sketch_batch: one call, with the openings on a second thread, gives what each
step gives alone (the words, keys, openings and signatures dedupe_batch reads)."""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl
import pytest
from test_dedupe import bbc

from newsflow import dedupe
from newsflow.dedupe import agreement_keys, openings, sketch

NAMES = ["business_001", "business_002", "entertainment_001", "politics_001", "sport_001",
         "tech_001"]  # fmt: skip


@pytest.mark.parametrize("threads", [1, 2], ids=["one thread", "two threads"])
def test_sketch_batch_equals_each_step_alone(monkeypatch, threads):
    monkeypatch.setattr(sketch, "SCAN_THREADS", threads)
    titles = pl.Series([bbc(name)[0] for name in NAMES] + ["", "A title only"])
    bodies = pl.Series([bbc(name)[1] for name in NAMES] + ["", ""])
    got = sketch.sketch_batch(titles, bodies)

    words, title_words = dedupe.tokenise(bodies), dedupe.tokenise(titles)
    texts = agreement_keys.Texts(titles, bodies, title_words, words)
    keys = agreement_keys.article_keys(texts)
    opened = openings.article_openings(texts)
    signatures, counts = dedupe.shingle_signatures(words, titles.len())
    for mine, theirs in ((got.words, words), (got.title_words, title_words)):
        for a, b in zip(dataclasses.astuple(mine), dataclasses.astuple(theirs), strict=True):
            assert np.array_equal(a, b)
    assert np.array_equal(got.keys.lists, keys.lists) and np.array_equal(got.keys.lead, keys.lead)
    assert np.array_equal(got.openings.words, opened.words)
    assert np.array_equal(got.openings.blooms, opened.blooms)
    assert np.array_equal(got.signatures, signatures) and np.array_equal(got.counts, counts)
    assert got.keys.lists[0].any() and got.openings.words[0].any()  # not all empty
