"""Salient terms of an article (its story signature) and their hashed keys."""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow.dedupe.words import Words, hash_words, mix, tokenise

LEAD_CHARS = 2_000  # story terms come from the title and the lead
MAX_TERMS = 24  # salient terms kept per article (first occurrences, title first)
STORY_KEY_TERMS = 12  # the most distinctive terms of an article: its story signature
MIN_SHARED_TERMS = 3  # key terms two articles must share to be compared for a story
IDF_PRIOR_DOCS = 1_000  # pseudo-documents so idf is sane in a small warehouse
DF_SLOTS = 1 << 22  # hashed document-frequency counters (collisions only add noise to rare terms)
POSTINGS_PER_LOOKUP = 24  # latest articles looked up per (term, week): bounds a busy week
WEEK_DAYS = 7  # key terms are posted per (term, week): lookups are blocked by the date window

_U64 = np.uint64


# --- salient terms for stories ------------------------------------------------------------------

_TERM_STOPLIST = [
    "the", "and", "but", "for", "his", "her", "its", "our", "their", "this", "that", "these", "those",
    "there", "then", "when", "while", "what", "who", "why", "how", "after", "before", "with", "from",
    "into", "also", "however", "meanwhile", "according", "said", "says", "mr", "mrs", "ms", "dr",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "reuters", "afp", "ap", "read", "more", "photo", "file", "share",
]  # fmt: skip


def salient_terms(titles: pl.Series, body_words: Words) -> pl.DataFrame:
    """(row, term_key, tf) of each article's salient terms: words of the title and lead (first
    LEAD_CHARS bytes of the body) written capitalised and never in lower case in the article (so
    sentence starts drop out), at least 3 letters, not stop words; the MAX_TERMS most frequent
    (then first seen) per row, with their frequency."""
    title_words = tokenise(titles)
    stop_words = hash_words(pl.Series([" ".join(_TERM_STOPLIST)]))[0]
    lead = body_words.offsets < LEAD_CHARS
    rows = np.concatenate((title_words.rows, body_words.rows))
    hashes = np.concatenate((title_words.hashes, body_words.hashes))
    capitalised = np.concatenate((title_words.capitalised, body_words.capitalised))
    candidate = capitalised & np.concatenate(
        (title_words.lengths >= 3, (body_words.lengths >= 3) & lead)
    )
    candidate &= ~np.isin(hashes, stop_words)
    # (row, top 40 bits of the hash) packed: "used in lower case in this article" by one search
    packed = (rows.astype(_U64) << _U64(40)) | (hashes >> _U64(24))
    lower_used = np.sort(packed[~capitalised])
    wanted = packed[candidate]
    at = np.minimum(np.searchsorted(lower_used, wanted), max(lower_used.size - 1, 0))
    keep = ~(lower_used[at] == wanted) if lower_used.size else np.ones(wanted.size, bool)
    seen = np.concatenate((title_words.offsets - (1 << 40), body_words.offsets))
    return (
        pl.DataFrame(
            {
                "row": rows[candidate][keep],
                "term_key": hashes[candidate][keep],
                "seen": seen[candidate][keep],
            }
        )
        .group_by("row", "term_key")
        .agg(pl.len().alias("tf"), pl.col("seen").min())
        .sort(["row", "tf", "seen"], descending=[False, True, False])
        .filter(pl.int_range(pl.len()).over("row") < MAX_TERMS)
        .select("row", "term_key", "tf")
    )


def df_slot(term_keys: np.ndarray) -> np.ndarray:
    return (term_keys % _U64(DF_SLOTS)).astype(np.int64)


def posting_key(term_keys: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    return mix(term_keys ^ (weeks.astype(_U64) * _U64(0xD6E8FEB86659FD93)))
