"""Companies a headline names: their announcements days apart are different stories (issue 21).

A wire headlines a company's item with its ticker ("HAMILTON OIL <HAML> SAYS RESERVES RISE",
"DUNE RESOURCES <DNLAF> RESERVES ROSE IN 1986"). Items of one template from different companies
share most key terms, yet bench/labels/stories/GUIDE.md makes them one story only as "parallel
announcements by different actors of the same kind of action triggered by the same thing within
two days" (refiners raising crude postings after one price move); otherwise routine items that
share a template (reserves reports, contract awards) are separate stories. So two articles whose
headlines name companies by ticker, none in common, PARALLEL_DAYS or more apart do not join.
On the 12 spent story blocks, every same-story candidate pair (scored over the story threshold,
past the countries rule) with such headlines is at most a day apart (74 pairs); the 12 pairs two
or three days apart are all false. Undated articles share
their batch's day: never apart.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow.dedupe.agreement_keys import TICKER
from newsflow.dedupe.state import DedupeState

PARALLEL_DAYS = 2  # days apart from which different companies' announcements are two stories


def _tickers(keys: np.ndarray) -> np.ndarray:
    """Per agreement key (title first, 0 = none): whether it is a headline ticker."""
    return (keys != 0) & ((keys >> np.uint32(28)) & np.uint32(7) == TICKER)


def other_companies(state: DedupeState, pairs: pl.DataFrame) -> np.ndarray:
    """Per pair (i, j: state rows) of `pairs`: whether both headlines name companies by ticker,
    none in common, and the two are PARALLEL_DAYS or more apart."""
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    conflict = np.zeros(pairs.height, bool)
    apart = np.flatnonzero(np.abs(state.days[i] - state.days[j]) >= PARALLEL_DAYS)
    named = apart[
        _tickers(state.dup_keys[i[apart]]).any(axis=1)
        & _tickers(state.dup_keys[j[apart]]).any(axis=1)
    ]  # few: tickers head company items only, so the key-by-key test below stays small
    keys_i, keys_j = state.dup_keys[i[named]], state.dup_keys[j[named]]
    shared = ((keys_i[:, :, None] == keys_j[:, None, :]) & _tickers(keys_i)[:, :, None]).any(
        axis=(1, 2)
    )
    conflict[named] = ~shared
    return conflict
