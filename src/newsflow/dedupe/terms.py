"""Salient terms of an article (its story signature) and their hashed keys."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from newsflow.dedupe import content_words as content
from newsflow.dedupe.content_words import content_words
from newsflow.dedupe.kernels import kernel
from newsflow.dedupe.words import Words, mix, outside, word_set

LEAD_CHARS = 2_000  # story terms come from the title and the lead
MAX_TERMS = 24  # salient terms kept per article (first occurrences, title first)
STORY_KEY_TERMS = 16  # the most distinctive names and content words: its story signature
DF_SLOTS = 1 << 22  # hashed document-frequency counters (collisions only add noise to rare terms)
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
_STOP_HASHES = word_set(_TERM_STOPLIST)


@kernel(cache=True, nogil=True, boundscheck=False)
def _never_lower(
    t_hash: np.ndarray, t_cap: np.ndarray, t_start: np.ndarray,
    b_hash: np.ndarray, b_cap: np.ndarray, b_off: np.ndarray, b_start: np.ndarray, limit: int,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per capitalised title word, and per capitalised body word in the first `limit` bytes:
    whether its article (title and body) never writes it in lower case. One small hash set of
    an article's lower-case words (top 40 hash bits) at a time: no sort of the whole batch."""
    title_ok = np.zeros(t_hash.size, np.bool_)
    names = np.zeros(b_hash.size, np.bool_)
    widest = 1
    for r in range(t_start.size - 1):
        widest = max(widest, t_start[r + 1] - t_start[r] + b_start[r + 1] - b_start[r])
    size = 2
    while size < 2 * widest:
        size *= 2
    table = np.zeros(size, np.uint64)
    for r in range(t_start.size - 1):
        lower = 0
        for j in range(t_start[r], t_start[r + 1]):
            lower += not t_cap[j]
        for j in range(b_start[r], b_start[r + 1]):
            lower += not b_cap[j]
        slots = 2
        while slots < 2 * lower:
            slots *= 2
        mask = np.uint64(slots - 1)
        for side in range(2):
            hashes, caps = (t_hash, t_cap) if side == 0 else (b_hash, b_cap)
            lo, hi = (t_start[r], t_start[r + 1]) if side == 0 else (b_start[r], b_start[r + 1])
            for j in range(lo, hi):
                if caps[j]:
                    continue
                v = (hashes[j] >> np.uint64(24)) + np.uint64(1)
                at = v & mask
                while table[at] != 0 and table[at] != v:
                    at = (at + np.uint64(1)) & mask
                table[at] = v
        for side in range(2):
            hashes, caps = (t_hash, t_cap) if side == 0 else (b_hash, b_cap)
            lo, hi = (t_start[r], t_start[r + 1]) if side == 0 else (b_start[r], b_start[r + 1])
            for j in range(lo, hi):
                if not caps[j] or (side == 1 and b_off[j] >= limit):
                    continue
                v = (hashes[j] >> np.uint64(24)) + np.uint64(1)
                at = v & mask
                while table[at] != 0 and table[at] != v:
                    at = (at + np.uint64(1)) & mask
                absent = table[at] == 0
                if side == 0:
                    title_ok[j] = absent
                else:
                    names[j] = absent
        table[:slots] = 0
    return title_ok, names


@dataclass(frozen=True)
class Names:
    """Which capitalised words of a batch are names: never written in lower case in their
    article (so a common word that starts a sentence drops out where the article uses it)."""

    title: np.ndarray  # per title word
    body: np.ndarray  # per body word within the first LEAD_CHARS bytes


def name_words(title_words: Words, body_words: Words) -> Names:
    """The names among each article's title words and lead words (see Names)."""
    rows = np.arange(
        int(max(title_words.rows.max(initial=-1), body_words.rows.max(initial=-1))) + 2
    )
    title, body = _never_lower(
        title_words.hashes, title_words.capitalised, np.searchsorted(title_words.rows, rows),
        body_words.hashes, body_words.capitalised, body_words.offsets,
        np.searchsorted(body_words.rows, rows), LEAD_CHARS,
    )  # fmt: skip
    return Names(title, body)


@kernel(cache=True, nogil=True, boundscheck=False)
def _top_terms(
    rows: np.ndarray, hashes: np.ndarray, seen: np.ndarray, starts: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row (its terms at starts[r]:starts[r+1], any order): each distinct term with its
    count and first position, the `top` most frequent kept, then the first seen."""
    out_row = np.empty(hashes.size, np.int64)
    out_hash = np.empty(hashes.size, np.uint64)
    out_tf = np.empty(hashes.size, np.uint32)
    n = 0
    for r in range(starts.size - 1):
        lo, hi = starts[r], starts[r + 1]
        if lo == hi:
            continue
        order = np.argsort(hashes[lo:hi], kind="mergesort")
        terms = np.empty(hi - lo, np.uint64)
        counts = np.zeros(hi - lo, np.int64)
        first = np.empty(hi - lo, np.int64)
        m = -1
        for k in order:
            h, at = hashes[lo + k], seen[lo + k]
            if m < 0 or terms[m] != h:
                m += 1
                terms[m], first[m] = h, at
            counts[m] += 1
            first[m] = min(first[m], at)
        m += 1
        # most frequent first, then first seen (title positions are negative): one int64 key
        rank = (np.int64(1 << 21) - counts[:m]) * np.int64(1 << 42) + (
            first[:m] + np.int64(1 << 41)
        )
        best = np.argsort(rank)[:top]
        for k in best:
            out_row[n], out_hash[n], out_tf[n] = rows[lo], terms[k], counts[k]
            n += 1
    return out_row[:n], out_hash[:n], out_tf[:n]


def _ranked(
    rows: np.ndarray, hashes: np.ndarray, seen: np.ndarray, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(rows, kind="stable")
    rows, hashes, seen = rows[order], hashes[order], seen[order]
    starts = np.searchsorted(rows, np.arange(int(rows.max(initial=-1)) + 2))
    return _top_terms(rows, hashes, seen, starts, top)


def salient_terms(title_words: Words, body_words: Words, names: Names) -> pl.DataFrame:
    """(row, term_key, tf, name) of each article's salient terms: its names, words of the title
    and lead (first LEAD_CHARS bytes of the body) written capitalised and never in lower case in
    the article (`names`), at least 3 letters, not stop words, the MAX_TERMS most frequent (then
    first seen) per row; and its CONTENT_TERMS content words (dedupe.content_words) likewise."""
    in_title = np.flatnonzero(names.title & (title_words.lengths >= 3))
    in_body = np.flatnonzero(names.body & (body_words.lengths >= 3))
    rows = np.concatenate((title_words.rows[in_title], body_words.rows[in_body]))
    hashes = np.concatenate((title_words.hashes[in_title], body_words.hashes[in_body]))
    seen = np.concatenate((title_words.offsets[in_title] - (1 << 40), body_words.offsets[in_body]))
    keep = outside(hashes, _STOP_HASHES)
    row, term, tf = _ranked(rows[keep], hashes[keep], seen[keep], MAX_TERMS)
    c_row, c_term, c_tf = _ranked(
        *content_words(title_words, body_words, names.title, names.body, LEAD_CHARS),
        content.CONTENT_TERMS,
    )
    return pl.DataFrame(
        {
            "row": np.concatenate((row, c_row)),
            "term_key": np.concatenate((term, c_term)),
            "tf": np.concatenate((tf, c_tf)),
            "name": np.repeat([True, False], [row.size, c_row.size]),
        },
        schema={"row": pl.Int64, "term_key": pl.UInt64, "tf": pl.UInt32, "name": pl.Boolean},
    )


def df_slot(term_keys: np.ndarray) -> np.ndarray:
    return (term_keys % _U64(DF_SLOTS)).astype(np.int64)


def posting_key(term_keys: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    return mix(term_keys ^ (weeks.astype(_U64) * _U64(0xD6E8FEB86659FD93)))
