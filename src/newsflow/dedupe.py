"""Exact and near duplicates, and story clustering, across batches and runs (issue 5).

Rules (stable across runs; a rerun of a loaded article returns its stored links unchanged):

* Exact duplicate: same `content_hash` (sha256 of the normalised body: case, spacing,
  punctuation and the crawl stamp removed). `dup_method = "exact"`, `dup_similarity = 1`.
* Near duplicate: word-bigram shingles of the normalised body, a rensa MinHash signature
  (128 permutations), LSH banding (32 bands x 4 rows) for candidates, then verification on the
  full signatures: the estimated containment C of the shorter text's shingles in the other's,
  reported as the word-level similarity `C ** (1/2)` (under independent word edits at rate p a
  bigram survives with probability (1-p)^2, so this estimates the share of words kept; a trimmed
  copy scores 1). A pair with similarity >= `thresholds.near_duplicate_threshold` is marked.
* Canonical: an article already known (loaded earlier, or in an earlier batch) stays canonical;
  among new articles the earliest publication wins, then the longest body, then the first seen
  (input_seq), then article_id. `duplicate_of` always names a canonical article.
* Story: a canonical article joins the story of the earlier article (within
  `thresholds.story_window_days`) whose salient terms (capitalised names not used in lower case,
  idf-weighted) overlap its own most: weighted overlap coefficient >= `thresholds.story_threshold`
  with at least three shared terms; otherwise it founds a story `s_<hash of its article_id>`.
  An undated article takes the median date of its batch's dated articles (a bundle is one crawl).
  Duplicates share their canonical's story. Candidates come from an inverted index of each
  article's STORY_KEY_TERMS most distinctive terms (tf-idf) keyed by (term, week), blocked by the
  date window and capped at the latest POSTINGS_PER_LOOKUP postings per key: sub-quadratic.

Why our own banding index instead of `rensa.RMinHashLSH`: rensa's index can only be filled from
`RMinHash` objects or digest matrices computed from tokens, so persisted signatures could not be
reloaded without the text; here bands are numpy arrays in sorted key levels (an LSM-like merge)
behind a bit filter and bucket directories (`KeyIndex`), rebuilt from the stored digests in
seconds at a million articles. MinHash digests come from rensa.
"""

from __future__ import annotations

import array
import contextlib
import functools
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import duckdb
import numba
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import rensa

from newsflow import ids, resources, schema
from newsflow.settings import Settings

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 2
MINHASH_SEED = 5
SKETCH_VERSION = (
    f"rensa-r{rensa.RMinHash.ALGORITHM_VERSION}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{MINHASH_SEED}-t12-h8"
)

LEAD_CHARS = 2_000  # story terms come from the title and the lead
MAX_TERMS = 24  # salient terms kept per article (first occurrences, title first)
STORY_KEY_TERMS = 12  # the most distinctive terms of an article: its story signature
MIN_SHARED_TERMS = 3  # key terms two articles must share to be compared for a story
IDF_PRIOR_DOCS = 1_000  # pseudo-documents so idf is sane in a small warehouse
DF_SLOTS = 1 << 22  # hashed document-frequency counters (collisions only add noise to rare terms)
POSTINGS_PER_LOOKUP = 24  # latest articles looked up per (term, week): bounds a busy week
WEEK_DAYS = 7  # key terms are posted per (term, week): lookups are blocked by the date window

_U64 = np.uint64
_UINT32_CODE = next(code for code in "IL" if array.array(code).itemsize == 4)  # C uint32
_MASK64 = (1 << 64) - 1


# --- stable vectorised hashing ---------------------------------------------------------------


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (uint64 arithmetic wraps)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _utf8_buffers(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """(bytes, offsets) of a string column, zero-copy from Arrow where possible."""
    arr = texts.fill_null("").to_arrow()
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    buffers = arr.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, np.uint8)
    )
    data = data[offsets[0] : offsets[-1]]
    return data, offsets - offsets[0]


@dataclass(frozen=True)
class Words:
    """Every word of a batch of texts, in text order: hash of its lower-cased bytes, row, byte
    offset inside its text, and whether it was written capitalised (ASCII A-Z first)."""

    hashes: np.ndarray
    rows: np.ndarray
    offsets: np.ndarray
    lengths: np.ndarray
    capitalised: np.ndarray


_WORDS_DTYPES = (_U64, np.int64, np.int64, np.int64, np.bool_)  # of the Words fields, in order


_LOWERED_BYTE = np.arange(256, dtype=np.uint8) + np.where(
    (np.arange(256) >= 65) & (np.arange(256) <= 90), 32, 0
).astype(np.uint8)
_WORD_BYTE = (
    ((np.arange(256) >= 48) & (np.arange(256) <= 57))
    | ((np.arange(256) >= 65) & (np.arange(256) <= 90))
    | ((np.arange(256) >= 97) & (np.arange(256) <= 122))
    | (np.arange(256) >= 128)
)


@numba.njit(cache=True, inline="always")
def _mix_one(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser of one value (the scalar twin of `_mix`)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


# byte classes for the scanner: a word byte, a separator, or the lead byte of a multi-byte
# separator (E2 80/81 xx: U+2000-U+207F punctuation, curly quotes, dashes; C2 A0: no-break space)
_WORD, _SEPARATOR, _LEAD_E2, _LEAD_C2 = 0, 1, 2, 3
_BYTE_CLASS = np.where(_WORD_BYTE, _WORD, _SEPARATOR).astype(np.uint8)
_BYTE_CLASS[0xE2], _BYTE_CLASS[0xC2] = _LEAD_E2, _LEAD_C2


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _scan_words(
    data: np.ndarray,
    offsets: np.ndarray,
    byte_class: np.ndarray,
    lowered: np.ndarray,
    first_row: int,
    hashes: np.ndarray,
    rows: np.ndarray,
    starts: np.ndarray,
    lengths: np.ndarray,
    upper: np.ndarray,
) -> int:
    """One pass over every text's bytes, writing each word's hash, row (`first_row` + its
    position in `offsets`), start offset (inside its text), byte length and capitalisation;
    returns the number of words, or -1 when the output arrays are too short (the caller retries
    with room for every possible word)."""
    n = 0
    capacity = hashes.size
    seed = np.uint64(0x9E3779B97F4A7C15)
    for row in range(offsets.size - 1):
        i, end = offsets[row], offsets[row + 1]
        start = -1  # start of the current word, -1 between words
        h = seed
        chunk = np.uint64(0)
        while i <= end:
            width = 1
            if i == end:
                word_byte = False
            else:
                c = byte_class[data[i]]
                word_byte = c == _WORD
                if c == _LEAD_E2 and i + 2 < end and (data[i + 1] == 0x80 or data[i + 1] == 0x81):
                    width = 3
                elif c == _LEAD_C2 and i + 1 < end and data[i + 1] == 0xA0:
                    width = 2
                elif c >= _LEAD_E2:  # a lead byte not starting a separator: a word byte
                    word_byte = True
            if word_byte:
                if start < 0:
                    start, h, chunk = i, seed, np.uint64(0)
                k = i - start
                if k < 32:
                    chunk |= np.uint64(lowered[data[i]]) << np.uint64(8 * (k & 7))
                    if k & 7 == 7:
                        h = _mix_one(h ^ chunk)
                        chunk = np.uint64(0)
            elif start >= 0:
                if n == capacity:
                    return -1
                length = i - start
                if length < 32 and length & 7:
                    h = _mix_one(h ^ chunk)
                hashes[n] = _mix_one(h ^ np.uint64(length))
                rows[n] = first_row + row
                starts[n] = start - offsets[row]
                lengths[n] = length
                upper[n] = 65 <= data[start] <= 90
                n += 1
                start = -1
            i += width
    return n


_PARALLEL_BYTES = 1 << 20  # below this much text one thread scans it (a thread hop costs more)
_SCAN_THREADS = max(1, min(2, len(os.sched_getaffinity(0))))
_scan_pool: ThreadPoolExecutor | None = None


def _forget_scan_pool() -> None:
    """A forked child (the NLP workers) has none of the parent's threads: it starts its own."""
    global _scan_pool
    _scan_pool = None


os.register_at_fork(after_in_child=_forget_scan_pool)


def _threads() -> ThreadPoolExecutor:
    """The module's worker threads (made on first use)."""
    global _scan_pool
    if _scan_pool is None:
        _scan_pool = ThreadPoolExecutor(_SCAN_THREADS, thread_name_prefix="newsflow-scan")
    return _scan_pool


def _in_parallel(calls: list[Callable[[], int]]) -> list[int]:
    """Results of the calls, run on the worker threads when there are several (compiled
    `nogil` kernels release the GIL, so they run side by side)."""
    if len(calls) <= 1:
        return [call() for call in calls]
    return list(_threads().map(lambda call: call(), calls))


def _scan_ranges(
    data: np.ndarray, offsets: np.ndarray, ranges: list[tuple[int, int]], room: list[int]
) -> tuple[list[np.ndarray], list[int], list[int]]:
    """Scan each row range [a, b) into its own slot (room[k] entries) of fresh Words columns, on
    the scan threads: (columns, slot starts, words written per range, -1 where out of room)."""
    slots = np.concatenate(([0], np.cumsum(room, dtype=np.int64))).tolist()
    columns = [np.empty(slots[-1], dtype) for dtype in _WORDS_DTYPES]

    def scan(a: int, b: int, lo: int, hi: int) -> int:
        out = [column[lo:hi] for column in columns]
        return _scan_words(data, offsets[a : b + 1], _BYTE_CLASS, _LOWERED_BYTE, a, *out)

    calls = [
        functools.partial(scan, a, b, lo, hi)
        for (a, b), lo, hi in zip(ranges, slots[:-1], slots[1:], strict=True)
    ]
    return columns, slots, _in_parallel(calls)


def tokenise(texts: pl.Series) -> Words:
    """Split texts into words on bytes, all texts at once (compiled: one pass over the bytes).

    Separators: ASCII other than letters and digits, no-break space and the U+2010-U+206F
    punctuation block (curly quotes, dashes); other non-ASCII bytes are word characters. ASCII
    letters are lower-cased. The hash folds the first 32 bytes in 8-byte little-endian chunks and
    the length through splitmix64: stable across library versions, unlike polars' `hash`.

    A batch of 1 MB or more is cut into row ranges of about equal bytes, scanned on two threads,
    each into its own slot of the output; the slots are then closed up. (Counting the words
    first, to write exact slots, cost as much as the scan.)
    """
    data, offsets = _utf8_buffers(texts)
    parts = _SCAN_THREADS if data.size >= _PARALLEL_BYTES else 1
    cuts = np.searchsorted(offsets, np.arange(parts + 1) * (data.size // parts))
    cuts[0], cuts[-1] = 0, offsets.size - 1
    ranges = [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:], strict=True) if b > a]
    # news text averages ~6 bytes per word and separator; retry with the hard bound if not
    for per_word in (3, 2):
        room = [int(offsets[b] - offsets[a] + 1) // per_word + (b - a) for a, b in ranges]
        columns, slots, written = _scan_ranges(data, offsets, ranges, room)
        if min(written, default=0) >= 0:
            break
    else:
        raise AssertionError("unreachable: the hard bound holds every possible word")
    n = 0
    for slot, count in zip(slots, written, strict=False):
        if slot != n:  # close up: move the slot's words down behind the previous slot's
            for column in columns:
                column[n : n + count] = column[slot : slot + count]
        n += count
    return Words(*(column[:n] for column in columns))


def hash_words(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """(hash, row) of every word of the texts (see `tokenise`)."""
    words = tokenise(texts)
    return words.hashes, words.rows


def _hex_key(values: pl.Series, start: int) -> np.ndarray:
    """uint64 key from 16 hex characters at `start` (0 when not hex; callers verify equality)."""
    frame = values.to_frame("v").select(
        pl.col("v")
        .str.slice(start, 8)
        .str.to_integer(base=16, strict=False)
        .fill_null(0)
        .alias("hi"),
        pl.col("v")
        .str.slice(start + 8, 8)
        .str.to_integer(base=16, strict=False)
        .fill_null(0)
        .alias("lo"),
    )
    hi = frame["hi"].to_numpy().astype(_U64)
    lo = frame["lo"].to_numpy().astype(_U64)
    return (hi << _U64(32)) | lo


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _merge_sorted(
    k1: np.ndarray, v1: np.ndarray, k2: np.ndarray, v2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Merge two non-empty key-sorted (key, row) levels in one pass; on equal keys the older
    (first) level's rows come first, so rows stay in insertion order within a key. Written
    without a data-dependent branch (hashed keys make one unpredictable): 8 vs 10 ns a key."""
    n1, n2 = k1.size, k2.size
    keys = np.empty(n1 + n2, k1.dtype)
    rows = np.empty(n1 + n2, v1.dtype)
    i = j = 0
    for out in range(n1 + n2):
        a, b = k1[min(i, n1 - 1)], k2[min(j, n2 - 1)]
        first = (j >= n2) | ((i < n1) & (a <= b))
        keys[out] = a if first else b
        rows[out] = v1[min(i, n1 - 1)] if first else v2[min(j, n2 - 1)]
        i += first
        j += 1 - first
    return keys, rows


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _bucket_order(keys: np.ndarray, bits: int) -> tuple[np.ndarray, bool]:
    """Stable order of hashed keys: a counting sort on their top `bits` bits, then an insertion
    sort, which only has to reorder inside a bucket. Gives up (False) when a bucket holds more
    than 64 keys, which uniform hashes almost never do, so clustered keys cannot make it
    quadratic."""
    n = keys.size
    shift = np.uint64(64 - bits)
    ends = np.zeros((1 << bits) + 1, np.int64)
    for i in range(n):
        ends[(keys[i] >> shift) + np.uint64(1)] += 1
    widest = 0
    for b in range(1, ends.size):
        widest = max(widest, ends[b])
        ends[b] += ends[b - 1]
    order = np.empty(n, np.int64)
    if widest > 64:
        return order, False
    for i in range(n):
        b = keys[i] >> shift
        order[ends[b]] = i
        ends[b] += 1
    for i in range(1, n):
        moving = order[i]
        key = keys[moving]
        j = i - 1
        while j >= 0 and keys[order[j]] > key:
            order[j + 1] = order[j]
            j -= 1
        order[j + 1] = moving
    return order, True


def _stable_order(keys: np.ndarray) -> np.ndarray:
    """`np.argsort(keys, kind="stable")` for uint64 hashes, 4-7x faster on them (160k band
    keys: 2-4 vs 15 ms)."""
    order, done = _bucket_order(keys, max(1, int(keys.size).bit_length() - 2))  # ~2-4 a bucket
    return order if done else np.argsort(keys, kind="stable")


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _directory(keys: np.ndarray, bits: int) -> np.ndarray:
    """starts[b]: the first position in sorted `keys` whose top `bits` bits are >= b."""
    shift = np.uint64(64 - bits)
    buckets = 1 << bits
    starts = np.empty(buckets + 1, np.int32)
    j = 0
    for b in range(buckets):
        while j < keys.size and (keys[j] >> shift) < np.uint64(b):
            j += 1
        starts[b] = j
    starts[buckets] = keys.size
    return starts


# --- a sorted multi-map of uint64 keys to row numbers -----------------------------------------


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _filter_mark(bits: np.ndarray, keys: np.ndarray, shift: int) -> None:
    """Set each key's bit: its top (64 - shift) bits number the bit."""
    for key in keys:
        slot = key >> np.uint64(shift)
        bits[slot >> np.uint64(6)] |= np.uint64(1) << (slot & np.uint64(63))


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _filter_test(bits: np.ndarray, keys: np.ndarray, shift: int) -> np.ndarray:
    """Whether each key's bit is set (see `_filter_mark`)."""
    out = np.empty(keys.size, np.bool_)
    for i in range(keys.size):
        slot = keys[i] >> np.uint64(shift)
        out[i] = (bits[slot >> np.uint64(6)] >> (slot & np.uint64(63))) & np.uint64(1) != 0
    return out


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _equal_ranges(
    keys: np.ndarray, starts: np.ndarray, shift: int, needles: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """[lo, hi) of each needle in sorted `keys`: the bucket of the needle's top bits bounds a
    binary search (a few entries when keys are hashes, the whole level at worst)."""
    lo_out = np.empty(needles.size, np.int64)
    hi_out = np.empty(needles.size, np.int64)
    for i in range(needles.size):
        needle = needles[i]
        bucket = needle >> np.uint64(shift)
        lo, hi = np.int64(starts[bucket]), np.int64(starts[bucket + 1])
        while lo < hi:  # first key >= needle
            mid = (lo + hi) >> 1
            if keys[mid] < needle:
                lo = mid + 1
            else:
                hi = mid
        hi = lo
        end = np.int64(starts[bucket + 1])
        while hi < end and keys[hi] == needle:
            hi += 1
        lo_out[i], hi_out[i] = lo, hi
    return lo_out, hi_out


_FILTER_BITS_PER_KEY = 16  # membership filter size: ~6% of absent keys pass it
_KEYS_PER_BUCKET = 4  # level directory: 2**k buckets of the keys' top bits, ~4 keys each


@dataclass
class _Level:
    """Sorted keys with their rows, and a directory: `starts[b]` is the first key whose top
    `64 - shift` bits are >= b."""

    keys: np.ndarray
    rows: np.ndarray
    starts: np.ndarray
    shift: int

    @classmethod
    def of(cls, keys: np.ndarray, rows: np.ndarray) -> _Level:
        bits = max(1, (keys.size // _KEYS_PER_BUCKET).bit_length() - 1)
        return cls(keys, rows, _directory(keys, bits), 64 - bits)

    def ranges(self, needles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _equal_ranges(self.keys, self.starts, self.shift, needles)


@dataclass
class KeyIndex:
    """uint64 key -> row numbers, as sorted levels merged geometrically (append-only).

    Built for hashed keys (LSH bands, content hashes, term keys), whose top bits are uniform:

    * a one-hash bit filter over the keys' top bits sits in front of the levels. Most lookups
      miss, and a miss costs one bit test instead of a search in every level;
    * each level has a directory on its keys' top bits, so a search touches a bucket of a few
      keys instead of binary-searching the level (~13 cache misses on a level of 8M keys).

    Without them, at a million articles, the lookups were the part of dedupe that grew with the
    index. The keys that pass the filter are sorted, so the levels are read in address order
    (sorting every key first, to read the filter in order too, cost more than it saved)."""

    levels: list[_Level] = field(default_factory=list)
    filter_bits: np.ndarray = field(default_factory=lambda: np.zeros(1, _U64))
    filter_log2: int = 6
    size: int = 0

    def __len__(self) -> int:
        return self.size

    def _mark(self, keys: np.ndarray) -> None:
        _filter_mark(self.filter_bits, keys, 64 - self.filter_log2)

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        if keys.size == 0:
            return
        if self.size + keys.size >= np.iinfo(np.int32).max or rows.max() >= np.iinfo(np.int32).max:
            raise OverflowError("KeyIndex holds at most 2**31 - 1 entries and rows")
        keys = keys.astype(_U64, copy=False)
        order = _stable_order(keys)
        self.levels.append(_Level.of(keys[order], rows[order].astype(np.int32)))
        self.size += keys.size
        while len(self.levels) > 1 and self.levels[-2].keys.size <= 2 * self.levels[-1].keys.size:
            new, old = self.levels.pop(), self.levels.pop()
            self.levels.append(_Level.of(*_merge_sorted(old.keys, old.rows, new.keys, new.rows)))
        want = max(6, int(self.size * _FILTER_BITS_PER_KEY - 1).bit_length())
        if want > self.filter_log2:  # grown: rebuild the filter larger from every level
            self.filter_log2 = want
            self.filter_bits = np.zeros(1 << (want - 6), _U64)
            for level in self.levels:
                self._mark(level.keys)
        else:
            self._mark(keys)

    def _needles(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in `keys`, sorted by key, of the keys that may be present; those keys)."""
        keys = keys.astype(_U64, copy=False)
        maybe = np.flatnonzero(_filter_test(self.filter_bits, keys, 64 - self.filter_log2))
        order = maybe[_stable_order(keys[maybe])]
        return order, keys[order]

    def counts(self, keys: np.ndarray) -> np.ndarray:
        """How many rows each key has."""
        q, _ = self.lookup(keys)
        return np.bincount(q, minlength=keys.size)

    def lookup(self, keys: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(position in `keys`, row) for every stored row of every key; with `limit`, at most
        that many rows per key, the latest first (newer levels, then later rows in a level)."""
        order, needles = self._needles(keys)
        found_q: list[np.ndarray] = []
        found_rows: list[np.ndarray] = []
        room = np.full(needles.size, np.iinfo(np.int64).max if limit is None else limit, np.int64)
        for level in reversed(self.levels):
            lo, hi = level.ranges(needles)
            lo = np.maximum(lo, hi - room)
            n = hi - lo
            room -= n
            total = int(n.sum())
            if not total:
                continue
            first = np.repeat(np.cumsum(n) - n, n)
            found_q.append(order[np.repeat(np.arange(needles.size), n)])
            found_rows.append(level.rows[np.repeat(lo, n) + np.arange(total) - first])
        if not found_q:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(found_q), np.concatenate(found_rows).astype(np.int64)


# --- state ------------------------------------------------------------------------------------


@dataclass
class DedupeState:
    """Everything dedupe knows: every earlier article (row numbers in load/arrival order), the
    content-hash and article-id indexes, MinHash LSH bands and salient-term postings of canonical
    articles, and the rows new in this run (for `state_rows`)."""

    article_ids: list[str] = field(default_factory=list)
    content_hashes: list[str] = field(default_factory=list)
    duplicate_of: list[str | None] = field(default_factory=list)
    dup_method: list[str | None] = field(default_factory=list)
    dup_similarity: list[float | None] = field(default_factory=list)
    story_ids: list[str | None] = field(default_factory=list)
    days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    signatures: np.ndarray = field(default_factory=lambda: np.zeros((0, NUM_PERM), np.uint32))
    shingle_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    story_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    size: int = 0
    by_article: KeyIndex = field(default_factory=KeyIndex)
    by_content: KeyIndex = field(default_factory=KeyIndex)
    bands: KeyIndex = field(default_factory=KeyIndex)
    terms: KeyIndex = field(default_factory=KeyIndex)
    term_df: np.ndarray = field(default_factory=lambda: np.zeros(DF_SLOTS, np.uint32))
    canonical_count: int = 0
    first_new_row: int = 0  # rows from here on are new in this run (see `state_rows`)
    new_terms: list[pl.DataFrame] = field(default_factory=list)  # (row, story_terms) per batch

    def _grow(self, n: int) -> None:
        need = self.size + n
        if need <= self.days.size:
            return
        capacity = max(need, int(self.days.size * 1.25) + 1024)
        # in-place realloc (mremap for large blocks): no second copy of a million signatures;
        # nothing keeps views of these arrays between batches
        for a in (self.days, self.signatures, self.shingle_counts, self.story_weights):
            a.resize((capacity, *a.shape[1:]), refcheck=False)

    def append(
        self, rows: pl.DataFrame, signatures: np.ndarray, shingle_counts: np.ndarray
    ) -> np.ndarray:
        """Add articles (article_id, content_hash, links, day, story_weight); return their rows."""
        n = rows.height
        self._grow(n)
        new = np.arange(self.size, self.size + n, dtype=np.int64)
        self.article_ids.extend(rows["article_id"].to_list())
        self.content_hashes.extend(rows["content_hash"].to_list())
        self.duplicate_of.extend(rows["duplicate_of"].to_list())
        self.dup_method.extend(rows["dup_method"].to_list())
        self.dup_similarity.extend(rows["dup_similarity"].to_list())
        self.story_ids.extend(rows["story_id"].to_list())
        self.days[new] = rows["day"].fill_null(0).to_numpy()
        self.signatures[new] = signatures
        self.shingle_counts[new] = shingle_counts
        self.story_weights[new] = rows["story_weight"].fill_null(0.0).to_numpy()
        self.size += n
        self.by_article.add(_hex_key(rows["article_id"], 2), new)
        self.by_content.add(_hex_key(rows["content_hash"], 0), new)
        return new


def _day_expr(col: str | pl.Expr) -> pl.Expr:
    expr = pl.col(col) if isinstance(col, str) else col
    return expr.cast(pl.Date).cast(pl.Int64)


def load_state(con: duckdb.DuckDBPyConnection) -> DedupeState:
    """Read every earlier article's hash, links and signature once (sql/queries/dedupe_state.sql)."""
    sql = (resources.path("sql") / "queries" / "dedupe_state.sql").read_text(encoding="utf-8")
    table = con.execute(sql).arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    state = DedupeState()
    if table.num_rows == 0:
        return state
    frame = pl.from_arrow(table.drop_columns(["minhash", "story_terms"]))
    assert isinstance(frame, pl.DataFrame)
    usable = (frame["sketch_version"] == SKETCH_VERSION).fill_null(False).to_numpy()
    signatures = np.zeros((frame.height, NUM_PERM), dtype=np.uint32)
    minhash = table.column("minhash").combine_chunks().cast(pa.large_list(pa.uint32()))
    usable &= np.asarray(pc.list_value_length(minhash).fill_null(0)) == NUM_PERM
    if usable.any():
        offsets = np.asarray(minhash.offsets)
        values = np.asarray(minhash.values)
        signatures[usable] = values[offsets[:-1][usable][:, None] + np.arange(NUM_PERM)[None, :]]
    shingle_counts = np.where(usable, frame["shingle_count"].fill_null(0).to_numpy(), 0)
    rows = frame.with_columns(_day_expr("story_day").alias("day"))
    new = state.append(rows, signatures, shingle_counts)
    canonical = frame["duplicate_of"].is_null().to_numpy()
    state.canonical_count = int(canonical.sum())
    indexed = new[canonical & usable & (shingle_counts > 0)]
    if indexed.size:
        state.bands.add(_band_keys(signatures[indexed - new[0]]).ravel(), np.repeat(indexed, BANDS))
    terms = table.column("story_terms").combine_chunks()
    lengths = np.asarray(pc.list_value_length(terms).fill_null(0))
    term_rows = np.repeat(new, lengths)
    term_keys = np.asarray(terms.flatten()).astype(_U64)
    rank = np.arange(term_keys.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    keep = canonical[term_rows - new[0]]
    state.term_df += np.bincount(_df_slot(term_keys[keep]), minlength=DF_SLOTS).astype(np.uint32)
    key_terms = keep & (rank < STORY_KEY_TERMS)
    state.terms.add(
        _posting_key(term_keys[key_terms], state.days[term_rows[key_terms]] // WEEK_DAYS),
        term_rows[key_terms],
    )
    state.first_new_row = state.size
    return state


# --- shingles, signatures, bands --------------------------------------------------------------


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _shingles(hashes: np.ndarray, rows: np.ndarray, n: int, tokens: np.ndarray) -> np.ndarray:
    """Word bigram hashes of each text in row order (a one-word text: the word itself) into
    `tokens`; returns the n + 1 row offsets into it."""
    offsets = np.zeros(n + 1, np.uint64)
    out = 0
    i = 0
    while i < hashes.size:
        row = rows[i]
        j = i + 1
        while j < hashes.size and rows[j] == row:
            j += 1
        if j - i == 1:
            tokens[out] = hashes[i]
            out += 1
        for k in range(i, j - 1):
            tokens[out] = _mix_one(
                hashes[k] ^ _mix_one(hashes[k + 1] + np.uint64(0x632BE59BD9B4E019))
            )
            out += 1
        offsets[row + 1] = out
        i = j
    for row in range(n):  # rows without words end where the previous row ended
        offsets[row + 1] = max(offsets[row + 1], offsets[row])
    return offsets


@contextlib.contextmanager
def _copying_digests() -> Iterator[None]:
    """For the block: Python's cyclic garbage collector paused (if it runs), and a thread
    waiting for the GIL gets it after 0.1 ms instead of 5.

    The digest copy allocates many lists of ints, which hold no cycles: paused, the collector
    makes no young collections over them. The copy holds the GIL all along, while the worker
    digesting the next chunk needs it for a moment between its compiled calls; at the default
    5 ms switch interval it waited so long that overlapping the two saved nothing (7.2 vs 7.0
    us/doc), at 0.1 ms it saves a fifth (5.8). Both settings are process-wide: the first of
    overlapping blocks (threads) changes them and the last one out restores them."""
    global _copiers, _saved_settings
    with _copiers_lock:
        if _copiers == 0:
            _saved_settings = (gc.isenabled(), sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(min(_saved_settings[1], 1e-4))
        _copiers += 1
    try:
        yield
    finally:
        with _copiers_lock:
            _copiers -= 1
            if _copiers == 0:
                was_enabled, interval = _saved_settings
                sys.setswitchinterval(interval)
                if was_enabled:
                    gc.enable()


_copiers = 0  # blocks inside _copying_digests
_copiers_lock = threading.Lock()
_saved_settings = (True, 0.005)


_DIGEST_ROWS = 1_024  # rows a digest chunk: the next chunk is digested while one is copied


def _digest_rows(words: Words, a: int, b: int) -> tuple[rensa.RMinHashDigestMatrix, np.ndarray]:
    """rensa's digest matrix and the shingle counts of rows [a, b) (shingling and rensa both
    release the GIL)."""
    lo, hi = np.searchsorted(words.rows, [a, b])
    tokens = np.empty(hi - lo, _U64)
    row_offsets = _shingles(words.hashes[lo:hi], words.rows[lo:hi] - a, b - a, tokens)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        tokens[: int(row_offsets[-1])], row_offsets, NUM_PERM, MINHASH_SEED
    )
    return matrix, np.diff(row_offsets).astype(np.int64)


def _copy_digests(matrix: rensa.RMinHashDigestMatrix, out: np.ndarray) -> None:
    """Copy the digest matrix into `out` (rows x NUM_PERM uint32).

    rensa hands the digests back as Python lists only (128 ints a row, the MinHash step's main
    cost). Appending each row to a C uint32 array with `fromlist` is the cheapest copy measured
    (5.2 us/doc; `extend` 6.3, numpy from the lists more). The caller pauses the cyclic
    collector (`_copying_digests`)."""
    flat = array.array(_UINT32_CODE)
    append_row = flat.fromlist
    for row in matrix.to_rows():
        append_row(row)
    out[:] = np.frombuffer(flat, np.uint32).reshape(out.shape)


def shingle_signatures(words: Words, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(MinHash signatures n x NUM_PERM uint32, shingle counts) of n tokenised bodies.

    Shingle counts keep repeats: news text repeats few bigrams, and a sort per batch costs more
    than the small bias in the containment estimate.

    Rows go in chunks of _DIGEST_ROWS: a worker thread shingles and digests the next chunk
    while this thread copies the digests of the current one out of rensa's Python lists (the
    copy holds the GIL, the rest does not). Each row's digest depends on its own shingles only,
    so chunking changes no signature."""
    signatures = np.empty((n, NUM_PERM), np.uint32)
    counts = np.zeros(n, np.int64)
    cuts = [*range(0, n, _DIGEST_ROWS), n]
    chunks = list(zip(cuts[:-1], cuts[1:], strict=True))
    if not chunks:
        return signatures, counts
    if _SCAN_THREADS > 1 and len(chunks) > 1:
        submit = functools.partial(_threads().submit, _digest_rows, words)
    else:
        submit = functools.partial(_done, _digest_rows, words)
    pending = submit(*chunks[0])
    with _copying_digests():
        for k, (a, b) in enumerate(chunks):
            matrix, counts[a:b] = pending.result()
            if k + 1 < len(chunks):
                pending = submit(*chunks[k + 1])
            _copy_digests(matrix, signatures[a:b])
    return signatures, counts


def _done(fn: Callable[..., object], *args: object) -> Future:
    """`fn(*args)` run now, as a finished Future."""
    future: Future = Future()
    future.set_result(fn(*args))
    return future


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _band_keys_of(signatures: np.ndarray, bands: int, rows_per_band: int) -> np.ndarray:
    keys = np.empty((signatures.shape[0], bands), np.uint64)
    for d in range(signatures.shape[0]):
        for b in range(bands):
            key = np.uint64(b) * np.uint64(0x9E3779B97F4A7C15)
            for r in range(rows_per_band):
                key = _mix_one(key ^ np.uint64(signatures[d, b * rows_per_band + r]))
            keys[d, b] = key
    return keys


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """n x BANDS uint64 LSH bucket keys (band number folded in): the band's rows folded through
    splitmix64 in order. Persisted signatures are re-banded with it: it must not change."""
    return _band_keys_of(signatures, BANDS, ROWS_PER_BAND)


@numba.njit(cache=True, nogil=True, boundscheck=False)
def _agreement(
    sig_a: np.ndarray, rows_a: np.ndarray, sig_b: np.ndarray, rows_b: np.ndarray
) -> np.ndarray:
    """Share of equal MinHash positions of each pair (sig_a[rows_a[k]], sig_b[rows_b[k]])."""
    out = np.empty(rows_a.size, np.float64)
    for k in range(rows_a.size):
        a, b = sig_a[rows_a[k]], sig_b[rows_b[k]]
        same = 0
        for p in range(a.size):
            same += a[p] == b[p]
        out[k] = same / a.size
    return out


def similarity(
    sig_a: np.ndarray,
    rows_a: np.ndarray,
    count_a: np.ndarray,
    sig_b: np.ndarray,
    rows_b: np.ndarray,
    count_b: np.ndarray,
) -> np.ndarray:
    """Word-level similarity of the pairs (row rows_a[k] of sig_a / count_a, row rows_b[k] of
    sig_b / count_b) from their signatures: (containment of the shorter) ** 1/k. Reads the rows
    in place (no copies of the candidates' signatures)."""
    jaccard = _agreement(sig_a, rows_a, sig_b, rows_b)
    count_a, count_b = count_a[rows_a], count_b[rows_b]
    shorter = np.maximum(np.minimum(count_a, count_b), 1)
    containment = np.minimum(1.0, jaccard * (count_a + count_b) / ((1.0 + jaccard) * shorter))
    return np.where((count_a > 0) & (count_b > 0), containment ** (1.0 / SHINGLE_WORDS), 0.0)


def candidate_pairs(positions: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (document, row) pairs, sorted, from band-lookup hits: `positions` index the
    looked-up band keys (BANDS a document), `rows` the stored rows they hit."""
    key = np.unique((positions // BANDS).astype(np.int64) << 32 | rows.astype(np.int64))
    return key >> 32, key & 0xFFFFFFFF


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


# --- the batch ----------------------------------------------------------------------------------


def _canonical_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows sorted by the canonical rule: earliest publication, longest body, first seen, id."""
    return frame.sort(
        ["published_date", "word_count", "input_seq", "article_id"],
        descending=[False, True, False, False],
        nulls_last=True,
        maintain_order=True,
    )


def _story_days(batch: pl.DataFrame, state: DedupeState) -> np.ndarray:
    """Each article's clock for the story window: published, else crawled, else (undated) the
    median date of the batch's dated articles, else the latest known date: a bundle is one crawl."""
    dated = batch.select(_day_expr(pl.coalesce("published_date", "crawl_date")).alias("d"))["d"]
    if dated.null_count() == dated.len():
        fallback = int(state.days[: state.size].max()) if state.size else 0
    else:
        fallback = int(dated.median())  # type: ignore[arg-type]
    return dated.fill_null(fallback).to_numpy()


def _exact_matches(state: DedupeState, hashes: pl.Series) -> np.ndarray:
    """Earliest known row with each content hash, -1 when unknown."""
    q, rows = state.by_content.lookup(_hex_key(hashes, 0))
    match = np.full(hashes.len(), -1, dtype=np.int64)
    values = hashes.to_list()
    for qi, row in sorted(zip(q.tolist(), rows.tolist(), strict=True), key=lambda p: (p[0], -p[1])):
        if state.content_hashes[row] == values[qi]:
            match[qi] = row  # sorted by descending row per query, so the earliest row wins
    return match


def _known_rows(state: DedupeState, article_ids: pl.Series) -> np.ndarray:
    q, rows = state.by_article.lookup(_hex_key(article_ids, 2))
    match = np.full(article_ids.len(), -1, dtype=np.int64)
    values = article_ids.to_list()
    for qi, row in zip(q.tolist(), rows.tolist(), strict=True):
        if state.article_ids[row] == values[qi]:
            match[qi] = row
    return match


def _near_links(
    state: DedupeState,
    sigs: np.ndarray,
    band_keys: np.ndarray,
    counts: np.ndarray,
    fresh: np.ndarray,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """For batch positions `fresh` (in canonical order): (target, similarity), target as a state
    row (>= 0) or -(batch position + 1) for an earlier fresh article of this batch; 0 sim if none.
    `band_keys` are the batch's (`_band_keys(sigs)`)."""
    m = fresh.size
    target = np.zeros(m, dtype=np.int64)
    best = np.zeros(m, dtype=np.float64)
    if m == 0:
        return target, best
    has = counts[fresh] > 0
    keys = band_keys[fresh]
    pair_i, pair_row = candidate_pairs(*state.bands.lookup(keys.ravel()))
    # within the batch: fresh articles sharing a bucket, the earlier one as target
    buckets = pl.DataFrame({"key": keys.ravel(), "i": np.repeat(np.arange(m), BANDS)}).filter(
        pl.Series(np.repeat(has, BANDS))
    )
    inner = (
        buckets.join(buckets, on="key", suffix="_j")
        .filter(pl.col("i_j") < pl.col("i"))
        .select("i", "i_j")
        .unique()
        .to_numpy()
        .reshape(-1, 2)
    )
    sims_state = similarity(
        sigs, fresh[pair_i], counts, state.signatures, pair_row, state.shingle_counts
    )
    sims_inner = similarity(sigs, fresh[inner[:, 0]], counts, sigs, fresh[inner[:, 1]], counts)
    # candidates: (i, target code, sim); state rows preferred on ties (loaded earlier)
    cand_i = np.concatenate((pair_i, inner[:, 0]))
    cand_t = np.concatenate((pair_row, -(inner[:, 1] + 1)))
    cand_s = np.concatenate((sims_state, sims_inner))
    ok = cand_s >= threshold
    cand_i, cand_t, cand_s = cand_i[ok], cand_t[ok], cand_s[ok]
    order = np.lexsort((np.abs(cand_t + 0.5), -cand_s, cand_i))
    is_dup = np.zeros(m, dtype=bool)
    # Sequential by construction: a batch article can only be a target while it is canonical,
    # which depends on the decisions for earlier articles. Loops over verified pairs only.
    for i, t, s in zip(
        cand_i[order].tolist(), cand_t[order].tolist(), cand_s[order].tolist(), strict=True
    ):
        if is_dup[i]:
            continue
        if t < 0 and is_dup[-t - 1]:
            continue
        is_dup[i], target[i], best[i] = True, t, s
    return target, np.where(is_dup, best, 0.0)


def dedupe_batch(articles: pl.DataFrame, state: DedupeState, settings: Settings) -> pl.DataFrame:
    """schema.PARSED -> schema.DEDUPED: duplicate and story links; `state` learns the batch."""
    thresholds = settings.thresholds
    frame = schema.conform(articles, schema.PARSED)
    if frame.height == 0:
        return schema.empty(schema.DEDUPED)
    if frame["content_hash"].null_count():
        frame = frame.with_columns(
            pl.coalesce(pl.col("content_hash"), ids.content_hash_expr(pl.col("body").fill_null("")))
        )
    known = _known_rows(state, frame["article_id"])
    known_out = frame.filter(pl.Series(known >= 0)).with_columns(
        pl.Series(
            "duplicate_of", [state.duplicate_of[r] for r in known[known >= 0]], dtype=pl.String
        ),
        pl.Series("dup_method", [state.dup_method[r] for r in known[known >= 0]], dtype=pl.String),
        pl.Series(
            "dup_similarity", [state.dup_similarity[r] for r in known[known >= 0]], dtype=pl.Float64
        ),
        pl.Series("story_id", [state.story_ids[r] for r in known[known >= 0]], dtype=pl.String),
    )
    batch = _canonical_order(frame.filter(pl.Series(known < 0)))
    n = batch.height
    words = tokenise(batch["body"])
    sigs, counts = shingle_signatures(words, n)
    band_keys = _band_keys(sigs)  # once: looked up for the fresh, stored for the canonical
    days = _story_days(batch, state)

    # exact: a known hash points at the known article's canonical; else the first in order wins
    exact_row = _exact_matches(state, batch["content_hash"])
    first_pos = (
        batch.select(pl.int_range(pl.len()).alias("f"))
        .with_columns(pl.col("f").min().over(batch["content_hash"]))["f"]
        .to_numpy()
    )
    positions = np.arange(n)
    fresh = positions[(exact_row < 0) & (first_pos == positions)]
    near_target, near_sim = _near_links(
        state, sigs, band_keys, counts, fresh, thresholds.near_duplicate_threshold
    )

    duplicate_of: list[str | None] = [None] * n
    method: list[str | None] = [None] * n
    sim: list[float | None] = [None] * n
    canonical_pos = np.full(n, -1, dtype=np.int64)  # batch position of the canonical, if in batch
    story_row = np.full(n, -1, dtype=np.int64)  # known row whose story a duplicate shares
    ids_list = batch["article_id"].to_list()
    for k, p in enumerate(fresh.tolist()):
        if near_sim[k] > 0:
            t = int(near_target[k])
            method[p], sim[p] = "near", round(float(near_sim[k]), 4)
            if t >= 0:
                story_row[p] = t
                duplicate_of[p] = state.article_ids[t]
            else:
                canonical_pos[p] = int(fresh[-t - 1])
                duplicate_of[p] = ids_list[canonical_pos[p]]
    for p in positions[(exact_row >= 0) | (first_pos != positions)].tolist():
        if exact_row[p] >= 0:
            row = int(exact_row[p])
            if state.duplicate_of[row] is None:
                story_row[p], method[p], sim[p] = row, "exact", 1.0
                duplicate_of[p] = state.article_ids[row]
            else:  # an exact copy of a known near duplicate: same canonical, same similarity
                duplicate_of[p], method[p], sim[p] = (
                    state.duplicate_of[row],
                    state.dup_method[row],
                    state.dup_similarity[row],
                )
                story_row[p] = row
        else:
            first = int(first_pos[p])
            if duplicate_of[first] is None:
                canonical_pos[p], method[p], sim[p] = first, "exact", 1.0
                duplicate_of[p] = ids_list[first]
            else:
                canonical_pos[p], story_row[p] = canonical_pos[first], story_row[first]
                duplicate_of[p], method[p], sim[p] = duplicate_of[first], method[first], sim[first]

    is_canonical = np.array([d is None for d in duplicate_of], dtype=bool)
    links = batch.with_columns(
        pl.Series("duplicate_of", duplicate_of, dtype=pl.String),
        pl.Series("dup_method", method, dtype=pl.String),
        pl.Series("dup_similarity", sim, dtype=pl.Float64),
        pl.lit(None, dtype=pl.String).alias("story_id"),
        pl.Series("day", days),
        pl.lit(0.0).alias("story_weight"),
    )
    new_rows = state.append(links, sigs, counts)
    indexed = np.flatnonzero(is_canonical & (counts > 0))
    state.bands.add(band_keys[indexed].ravel(), np.repeat(new_rows[indexed], BANDS))
    story_ids, terms = _assign_stories(state, batch, words, new_rows, is_canonical, settings)
    for p in np.flatnonzero(~is_canonical).tolist():  # a duplicate shares its canonical's story
        source = int(story_row[p]) if story_row[p] >= 0 else int(new_rows[canonical_pos[p]])
        story_ids[p] = state.story_ids[source]
        state.story_ids[int(new_rows[p])] = story_ids[p]
    out = links.with_columns(pl.Series("story_id", story_ids, dtype=pl.String))
    term_lists = terms.group_by("row", maintain_order=True).agg(
        pl.col("term_key").alias("story_terms")
    )
    state.new_terms.append(
        term_lists.with_columns(pl.Series("row", new_rows[term_lists["row"].to_numpy()]))
    )
    result = pl.concat(
        [known_out.select(schema.DEDUPED.names()), out.select(schema.DEDUPED.names())]
    )
    order = frame.select(pl.col("article_id"), pl.int_range(pl.len()).alias("_pos"))
    return (
        result.join(order, on="article_id").sort("_pos").drop("_pos").select(schema.DEDUPED.names())
    )


def _df_slot(term_keys: np.ndarray) -> np.ndarray:
    return (term_keys % _U64(DF_SLOTS)).astype(np.int64)


def _posting_key(term_keys: np.ndarray, weeks: np.ndarray) -> np.ndarray:
    return _mix(term_keys ^ (weeks.astype(_U64) * _U64(0xD6E8FEB86659FD93)))


def _shared_terms(pairs: pl.DataFrame) -> pl.DataFrame:
    """(i, j, shared weight, n_shared) of the article pairs (i, j, w: one row per key term they
    share) that share at least MIN_SHARED_TERMS. The weight is rounded: a float sum differs in
    its last bits with the order of its terms, and the order postings come back in must not
    decide which story an article joins (a 200k-document check found 46 that it did)."""
    return (
        pairs.group_by("i", "j")
        .agg(pl.col("w").sum().round(9).alias("shared"), pl.len().alias("n_shared"))
        .filter(pl.col("n_shared") >= MIN_SHARED_TERMS)
    )


def _assign_stories(
    state: DedupeState,
    batch: pl.DataFrame,
    words: Words,
    new_rows: np.ndarray,
    is_canonical: np.ndarray,
    settings: Settings,
) -> tuple[list[str | None], pl.DataFrame]:
    """Story ids of the batch's canonical articles (None for duplicates), and every canonical
    article's salient terms ordered key terms first (row = batch position).

    The batch is already in the state (rows in canonical order), so an article is compared with
    indexed articles and with earlier ones of its own batch alike: those with a lower row."""
    window = settings.thresholds.story_window_days
    n = batch.height
    canonical_positions = pl.Series(np.flatnonzero(is_canonical)).implode()
    terms = salient_terms(batch["title"], words).filter(pl.col("row").is_in(canonical_positions))
    keys = terms["term_key"].to_numpy()
    state.term_df += np.bincount(_df_slot(keys), minlength=DF_SLOTS).astype(np.uint32)
    state.canonical_count += int(is_canonical.sum())
    df = state.term_df[_df_slot(keys)].astype(np.float64)
    idf = np.log((state.canonical_count + IDF_PRIOR_DOCS) / np.maximum(df, 1.0))
    tf = terms["tf"].to_numpy().astype(np.float64)
    terms = (
        terms.with_columns(
            pl.Series("w", (1.0 + np.log(tf)) * idf),
            pl.int_range(pl.len()).over("row").alias("seen"),
        )
        .sort(["row", "w", "seen"], descending=[False, True, False])
        .with_columns((pl.int_range(pl.len()).over("row") < STORY_KEY_TERMS).alias("key"))
    )
    key_terms = terms.filter("key")
    positions = key_terms["row"].to_numpy()
    key_w = key_terms["w"].to_numpy()
    key_hashes = key_terms["term_key"].to_numpy()
    rows = new_rows[positions]
    state.story_weights[new_rows] = np.bincount(positions, weights=key_w, minlength=n)
    state.terms.add(_posting_key(key_hashes, state.days[rows] // WEEK_DAYS), rows)

    # candidates: earlier articles posting a shared key term in a week the window touches
    days = state.days[rows]
    first_week, last_week = (days - window) // WEEK_DAYS, (days + window) // WEEK_DAYS
    spans = last_week - first_week + 1
    probe = np.repeat(np.arange(rows.size), spans)
    offsets = np.arange(probe.size) - np.repeat(np.cumsum(spans) - spans, spans)
    q, found = state.terms.lookup(
        _posting_key(key_hashes[probe], first_week[probe] + offsets), limit=POSTINGS_PER_LOOKUP
    )
    q = probe[q]
    i_rows = rows[q]
    near = (found < i_rows) & (np.abs(state.days[found] - state.days[i_rows]) <= window)
    pairs = pl.DataFrame(
        {"i": i_rows[near], "j": found[near], "w": key_w[q][near]},
        schema={"i": pl.Int64, "j": pl.Int64, "w": pl.Float64},
    )
    scored = _shared_terms(pairs)
    smaller = np.minimum(
        state.story_weights[scored["i"].to_numpy()], state.story_weights[scored["j"].to_numpy()]
    )
    best = (
        scored.with_columns(
            (pl.col("shared") / pl.Series(np.maximum(smaller, 1e-9))).alias("score")
        )
        .filter(pl.col("score") >= settings.thresholds.story_threshold)
        .sort(["i", "score", "j"], descending=[False, True, False])
        .unique("i", keep="first", maintain_order=True)
    )
    best_j = dict(zip(best["i"].to_list(), best["j"].to_list(), strict=True))
    ids_list = batch["article_id"].to_list()
    story_ids: list[str | None] = [None] * n
    # Sequential: an article's story is known once the earlier one it joins has one.
    for p in np.flatnonzero(is_canonical).tolist():
        row = int(new_rows[p])
        j = best_j.get(row)
        story = state.story_ids[j] if j is not None else None
        story_ids[p] = story or "s_" + ids.short_hash("story", ids_list[p])
        state.story_ids[row] = story_ids[p]
    return story_ids, terms.select("row", "term_key")


SIGNATURE_COLUMNS = [
    "article_id",
    "content_hash",
    "sketch_version",
    "shingle_count",
    "minhash",
    "story_day",
    "story_terms",
    "story_weight",
]


def state_rows(state: DedupeState) -> dict[str, pl.DataFrame]:
    """Rows new this run, by table, for the load's insert-or-replace by primary key:
    `article_signatures` (story_terms ordered key terms first)."""
    first, last = state.first_new_row, state.size
    rows = pl.DataFrame(
        {
            "article_id": state.article_ids[first:last],
            "content_hash": state.content_hashes[first:last],
            "row": np.arange(first, last, dtype=np.int64),
        },
        schema={"article_id": pl.String, "content_hash": pl.String, "row": pl.Int64},
    )
    counts = state.shingle_counts[first:last]
    terms = (
        pl.concat(state.new_terms)
        if state.new_terms
        else pl.DataFrame(schema={"row": pl.Int64, "story_terms": pl.List(pl.UInt64)})
    )
    signatures = (
        rows.with_columns(
            pl.lit(SKETCH_VERSION).alias("sketch_version"),
            pl.Series("shingle_count", counts, dtype=pl.Int32),
            pl.when(pl.Series(counts) > 0)
            .then(pl.Series(state.signatures[first:last], dtype=pl.Array(pl.UInt32, NUM_PERM)))
            .alias("minhash"),
            pl.Series("story_day", state.days[first:last]).cast(pl.Int32).cast(pl.Date),
            pl.Series("story_weight", state.story_weights[first:last], dtype=pl.Float64),
        )
        .join(
            terms.with_columns(pl.col("row").cast(pl.Int64)),
            on="row",
            how="left",
            maintain_order="left",
        )
        .with_columns(pl.col("story_terms").fill_null(pl.lit([], dtype=pl.List(pl.UInt64))))
        .select(SIGNATURE_COLUMNS)
    )
    return {"article_signatures": signatures.cast(SIGNATURE_SCHEMA)}


SIGNATURE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String,
        "content_hash": pl.String,
        "sketch_version": pl.String,
        "shingle_count": pl.Int32,
        "minhash": pl.Array(pl.UInt32, NUM_PERM),
        "story_day": pl.Date,
        "story_terms": pl.List(pl.UInt64),
        "story_weight": pl.Float64,
    }
)
