"""KeyIndex: an append-only uint64 key -> rows multi-map of sorted levels (LSH bands, hashes)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsflow.dedupe.kernels import kernel

_U64 = np.uint64


@kernel(cache=True, nogil=True, boundscheck=False)
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


@kernel(cache=True, nogil=True, boundscheck=False)
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


@kernel(cache=True, nogil=True, boundscheck=False)
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


@kernel(cache=True, nogil=True, boundscheck=False)
def _filter_mark(bits: np.ndarray, keys: np.ndarray, shift: int) -> None:
    """Set each key's bit: its top (64 - shift) bits number the bit."""
    for key in keys:
        slot = key >> np.uint64(shift)
        bits[slot >> np.uint64(6)] |= np.uint64(1) << (slot & np.uint64(63))


@kernel(cache=True, nogil=True, boundscheck=False)
def _filter_test(bits: np.ndarray, keys: np.ndarray, shift: int) -> np.ndarray:
    """Whether each key's bit is set (see `_filter_mark`)."""
    out = np.empty(keys.size, np.bool_)
    for i in range(keys.size):
        slot = keys[i] >> np.uint64(shift)
        out[i] = (bits[slot >> np.uint64(6)] >> (slot & np.uint64(63))) & np.uint64(1) != 0
    return out


@kernel(cache=True, nogil=True, boundscheck=False)
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

    def lookup(
        self, keys: np.ndarray, limit: int | np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(position in `keys`, row) for every stored row of every key; with `limit` (one for
        all keys, or one per key), at most that many rows per key, the latest first (newer
        levels, then later rows in a level)."""
        order, needles = self._needles(keys)
        found_q: list[np.ndarray] = []
        found_rows: list[np.ndarray] = []
        if isinstance(limit, np.ndarray):
            room = np.maximum(limit.astype(np.int64)[order], 0)
        else:
            room = np.full(needles.size, np.iinfo(np.int64).max if limit is None else limit)
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
