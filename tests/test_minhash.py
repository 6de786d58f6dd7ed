"""Signatures are rensa's R-MinHash values, bit for bit, computed by newsflow's own kernel.

`minhash._digests` (compiled) and `minhash._digests_numpy` (a few articles) reproduce rensa's
`RMinHash.digest_matrix_from_flat_token_hashes` so that signatures stored by releases that
called rensa still match new ones (the sketch version is unchanged). rensa is a test
dependency only: these tests are what ties the two together."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
import rensa
from test_dedupe import bbc

from newsflow import dedupe
from newsflow.dedupe import minhash

BBC = ["business_001", "business_002", "entertainment_001", "politics_001", "sport_001",
       "tech_001"]  # fmt: skip


def rensa_digests(tokens: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        tokens, offsets, minhash.NUM_PERM, minhash.MINHASH_SEED
    )
    return np.array(matrix.to_rows(), np.uint32).reshape(-1, minhash.NUM_PERM)


@pytest.fixture(params=["compiled", "numpy"])
def path(request, monkeypatch):
    """Both ways digest_matrix computes signatures, whatever the batch's size."""
    monkeypatch.setattr(minhash, "runs_compiled", lambda *a: request.param == "compiled")
    return request.param


def test_real_articles_have_rensas_signatures(path):
    """Six BBC articles, an empty body, one word, a headline-length text: every value equal."""
    bodies = [bbc(name)[1] for name in BBC]
    texts = [*bodies, "", "one", "Pakistan and Iran agree to fight militants", bodies[0][:400]]
    words = dedupe.tokenise(pl.Series(texts))
    tokens = np.empty(words.hashes.size, np.uint64)
    offsets = minhash._shingles(words.hashes, words.rows, len(texts), tokens)
    tokens = tokens[: int(offsets[-1])]
    ours, counts = dedupe.shingle_signatures(words, len(texts))
    assert np.array_equal(ours, rensa_digests(tokens, offsets))
    assert counts.tolist()[6:8] == [0, 1]
    assert (ours[6] == 0xFFFFFFFF).all()  # no shingles: rensa's empty row


@pytest.mark.parametrize(
    "sizes",
    [
        [1, 2, 8, 9, 31, 32, 33, 64, 0, 100],  # rensa's short-row paths (<= 8, <= 32 tokens)
        [70_000],  # a huge body: rensa's filtered bucket path
        list(np.random.default_rng(3).integers(0, 500, 300)),
    ],
    ids=["short rows", "one huge row", "random lengths"],
)
def test_random_token_hashes_have_rensas_signatures(path, sizes):
    rng = np.random.default_rng(len(sizes))
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.uint64)
    tokens = rng.integers(0, 2**64 - 1, int(offsets[-1]), dtype=np.uint64)
    assert np.array_equal(minhash.digest_matrix(tokens, offsets), rensa_digests(tokens, offsets))


def test_sketch_version_names_the_algorithm_reproduced():
    """A rensa release that changed its algorithm would change stored signatures' meaning:
    the kernel reproduces version RENSA_ALGORITHM, and the sketch version says so."""
    assert rensa.RMinHash.ALGORITHM_VERSION == minhash.RENSA_ALGORITHM
    assert minhash.SKETCH_VERSION.startswith(f"rensa-r{minhash.RENSA_ALGORITHM}-")
