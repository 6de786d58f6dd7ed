"""A batch's sketches in one call: words, MinHash signatures, agreement keys and openings.

Duplicate finding reads four things of every new article (`dedupe_batch`, and the bench's
step-for-step copy of it): its title and body words, its MinHash signature, its agreement keys
(`agreement_keys`) and its opening (`openings`). All three are compiled `nogil` kernels over the
words already made: the openings (about as much work as the other two together) run on a worker
thread while this thread makes the keys and the signatures, so on two cores they cost little
wall time. Each result depends on its own inputs only: running them side by side changes no
value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from newsflow.dedupe.agreement_keys import Keys, Texts, article_keys
from newsflow.dedupe.concurrency import SCAN_THREADS, done, threads
from newsflow.dedupe.minhash import shingle_signatures
from newsflow.dedupe.openings import Openings, article_openings
from newsflow.dedupe.words import Words, tokenise, utf8_buffers


@dataclass(frozen=True)
class Sketch:
    """Sketches of a batch's articles, row = batch position."""

    words: Words  # body words
    title_words: Words
    texts: Texts
    signatures: np.ndarray  # n x NUM_PERM uint32
    counts: np.ndarray  # shingles per body
    keys: Keys
    openings: Openings


def sketch_batch(titles: pl.Series, bodies: pl.Series) -> Sketch:
    """Words, signatures, agreement keys and openings of the articles (titles[k], bodies[k])."""
    buffers = utf8_buffers(titles), utf8_buffers(bodies)  # one read of Arrow's bytes for both
    words = tokenise(bodies, buffers[1])
    title_words = tokenise(titles, buffers[0])
    texts = Texts(titles, bodies, title_words, words, buffers)
    side = (
        threads().submit(article_openings, texts)
        if SCAN_THREADS > 1
        else done(article_openings, texts)
    )
    keys = article_keys(texts)
    signatures, counts = shingle_signatures(words, texts.n)
    openings = side.result()
    return Sketch(words, title_words, texts, signatures, counts, keys, openings)
