"""Routine items of one template on days apart: different stories (issue 21).

A wire files some items from one template again and again: refiners' crude-posting changes,
reserve reports, the Bank of England's money-market help, grain ships loading at Portland. Items
of one template filed TEMPLATE_GAP_DAYS or more apart report different happenings (a new round
of postings, the next day's operation; bench/labels/stories/GUIDE.md: "Routine reports of
different days are different stories, even word for word the same"), however many terms they
share. Two items are of one template when their texts are alike: word-level MinHash similarity
>= TEMPLATE_SIMILARITY. A follow-up of a story days later tells something new in new words and
stays a candidate. Undated articles (BBC) share their batch's day: never apart.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow.dedupe.minhash import similarity
from newsflow.dedupe.state import DedupeState

TEMPLATE_GAP_DAYS = 3  # days apart from which two filings of one template are two stories
TEMPLATE_SIMILARITY = 0.3  # word-level MinHash similarity of two filings of one template


def template_repeats(state: DedupeState, pairs: pl.DataFrame) -> dict[int, list[int]]:
    """Per article row i of `pairs` (distinct (i, j) state rows), the rows j that are a filing
    of its template TEMPLATE_GAP_DAYS or more days apart."""
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    apart = np.abs(state.days[i] - state.days[j]) >= TEMPLATE_GAP_DAYS
    i, j = i[apart], j[apart]
    counts = state.shingle_counts
    alike = similarity(state.signatures, i, counts, state.signatures, j, counts)
    keep = alike >= TEMPLATE_SIMILARITY
    out: dict[int, list[int]] = {}
    for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
        out.setdefault(a, []).append(b)
    return out
