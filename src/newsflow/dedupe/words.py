"""Words of a batch of texts on bytes, hashed stably (compiled: one pass over the bytes)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa

from newsflow.dedupe.concurrency import SCAN_THREADS, in_parallel
from newsflow.dedupe.kernels import kernel

_U64 = np.uint64


# --- stable vectorised hashing ---------------------------------------------------------------


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (uint64 arithmetic wraps)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def utf8_buffers(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
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


@kernel(cache=True, inline="always")
def mix_one(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser of one value (the scalar twin of `mix`)."""
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


@kernel(cache=True, nogil=True, boundscheck=False)
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
                        h = mix_one(h ^ chunk)
                        chunk = np.uint64(0)
            elif start >= 0:
                if n == capacity:
                    return -1
                length = i - start
                if length < 32 and length & 7:
                    h = mix_one(h ^ chunk)
                hashes[n] = mix_one(h ^ np.uint64(length))
                rows[n] = first_row + row
                starts[n] = start - offsets[row]
                lengths[n] = length
                upper[n] = 65 <= data[start] <= 90
                n += 1
                start = -1
            i += width
    return n


_PARALLEL_BYTES = 1 << 20  # below this much text one thread scans it (a thread hop costs more)


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
    return columns, slots, in_parallel(calls)


def tokenise(texts: pl.Series, buffers: tuple[np.ndarray, np.ndarray] | None = None) -> Words:
    """Split texts into words on bytes, all texts at once (compiled: one pass over the bytes).

    Separators: ASCII other than letters and digits, no-break space and the U+2010-U+206F
    punctuation block (curly quotes, dashes); other non-ASCII bytes are word characters. ASCII
    letters are lower-cased. The hash folds the first 32 bytes in 8-byte little-endian chunks and
    the length through splitmix64: stable across library versions, unlike polars' `hash`.

    A batch of 1 MB or more is cut into row ranges of about equal bytes, scanned on two threads,
    each into its own slot of the output; the slots are then closed up. (Counting the words
    first, to write exact slots, cost as much as the scan.)
    """
    data, offsets = buffers if buffers is not None else utf8_buffers(texts)
    parts = SCAN_THREADS if data.size >= _PARALLEL_BYTES else 1
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


def hex_key(values: pl.Series, start: int) -> np.ndarray:
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


def word_set(words: list[str]) -> np.ndarray:
    """The sorted hashes of `words` (as `hash_words` hashes them), for `outside`."""
    return np.unique(hash_words(pl.Series([" ".join(words)]))[0])


def outside(hashes: np.ndarray, word_set_: np.ndarray) -> np.ndarray:
    """Which `hashes` are not in `word_set_` (from `word_set`): a binary search of each, where
    np.isin would sort the whole batch's words with the set."""
    at = np.minimum(np.searchsorted(word_set_, hashes), word_set_.size - 1)
    return word_set_[at] != hashes
