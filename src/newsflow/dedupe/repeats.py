"""Routine items of one template on days apart: different stories (issue 21).

A wire files some items from one template again and again: refiners' crude-posting changes,
reserve reports, the Bank of England's money-market help, grain ships loading at Portland. Items
of one template filed TEMPLATE_GAP_DAYS or more apart report different happenings (a new round
of postings, the next day's operation; bench/labels/stories/GUIDE.md: "Routine reports of
different days are different stories, even word for word the same"), however many terms they
share. Two items are of one template when their texts are alike: word-level MinHash similarity
>= TEMPLATE_SIMILARITY. A follow-up of a story days later tells something new in new words and
stays a candidate. Undated articles (BBC) share their batch's day: never apart.

A day apart is enough when the two headlines also open alike (their first HEADLINE_KEYS words
that are not figures: "U.K. MONEY MARKET GIVEN 53 MLN STG" after "U.K. MONEY MARKET GIVEN 224
MLN STG", "FED EXPECTED TO SET CUSTOMER REPURCHASES" on two days): the same desk's report of the
next day's operation (GUIDE: one story per operation day). Refiners raising postings a day
after another's round open with their own names, and stay one story with it.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow.dedupe.agreement_keys import NUMBER, TITLE_NUMBER
from newsflow.dedupe.minhash import similarity
from newsflow.dedupe.state import DedupeState

TEMPLATE_GAP_DAYS = 3  # days apart from which two filings of one template are two stories
TEMPLATE_SIMILARITY = 0.3  # word-level MinHash similarity of two filings of one template
HEADLINE_KEYS = 2  # opening headline words two filings a day or more apart share: a repeat


def headline_openings(keys: np.ndarray) -> np.ndarray:
    """Per row of agreement keys (title first, 0 = none): its first HEADLINE_KEYS keys that are
    not figures, 0 where it has fewer."""
    kind = (keys >> np.uint32(28)) & np.uint32(7)
    word = (keys != 0) & (kind != NUMBER) & (kind != TITLE_NUMBER)
    order = np.argsort(~word, axis=1, kind="stable")[:, :HEADLINE_KEYS]
    return np.where(
        np.take_along_axis(word, order, 1), np.take_along_axis(keys, order, 1), np.uint32(0)
    )


def template_repeats(state: DedupeState, pairs: pl.DataFrame) -> dict[int, list[int]]:
    """Per article row i of `pairs` (distinct (i, j) state rows), the rows j that are a filing
    of its template TEMPLATE_GAP_DAYS or more days apart, or a day or more apart under a
    headline that opens alike."""
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    gap = np.abs(state.days[i] - state.days[j])
    i, j, gap = i[gap >= 1], j[gap >= 1], gap[gap >= 1]
    opening_i, opening_j = (
        headline_openings(state.dup_keys[i]),
        headline_openings(state.dup_keys[j]),
    )
    same_opening = (opening_i == opening_j).all(axis=1) & (opening_i != 0).all(axis=1)
    apart = (gap >= TEMPLATE_GAP_DAYS) | same_opening
    i, j = i[apart], j[apart]
    counts, signatures = state.shingle_counts[: state.size], state.signatures[: state.size]
    alike = similarity(signatures, i, counts, signatures, j, counts)
    keep = alike >= TEMPLATE_SIMILARITY
    out: dict[int, list[int]] = {}
    for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
        out.setdefault(a, []).append(b)
    return out
