"""Word-bigram shingles, rensa MinHash signatures, LSH band keys and verified similarity."""

from __future__ import annotations

import array
from concurrent.futures import Future

import numpy as np
import rensa

from newsflow.dedupe.concurrency import SCAN_THREADS, copying_digests, done, threads
from newsflow.dedupe.kernels import kernel
from newsflow.dedupe.words import Words, mix_one

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 2
MINHASH_SEED = 5
SKETCH_VERSION = (
    f"rensa-r{rensa.RMinHash.ALGORITHM_VERSION}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{MINHASH_SEED}-t12-h8"
    # agreement keys (dup_keys) beside the sketch: older rows have none (issue 21); k2: a
    # figure written in digits is keyed as written, not at three significant digits; k3: number
    # words to "hundred" and a body's sessions written in capitals keyed
    "-k3"
)

_U64 = np.uint64
_UINT32_CODE = next(code for code in "IL" if array.array(code).itemsize == 4)  # C uint32


# --- shingles, signatures, bands --------------------------------------------------------------


@kernel(cache=True, nogil=True, boundscheck=False)
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
            tokens[out] = mix_one(
                hashes[k] ^ mix_one(hashes[k + 1] + np.uint64(0x632BE59BD9B4E019))
            )
            out += 1
        offsets[row + 1] = out
        i = j
    for row in range(n):  # rows without words end where the previous row ended
        offsets[row + 1] = max(offsets[row + 1], offsets[row])
    return offsets


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
    collector (`copying_digests`)."""
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
    pool = threads() if SCAN_THREADS > 1 and len(chunks) > 1 else None

    def submit(a: int, b: int) -> Future[tuple[rensa.RMinHashDigestMatrix, np.ndarray]]:
        return pool.submit(_digest_rows, words, a, b) if pool else done(_digest_rows, words, a, b)

    pending = submit(*chunks[0])
    with copying_digests():
        for k, (a, b) in enumerate(chunks):
            matrix, counts[a:b] = pending.result()
            if k + 1 < len(chunks):
                pending = submit(*chunks[k + 1])
            _copy_digests(matrix, signatures[a:b])
    return signatures, counts


@kernel(cache=True, nogil=True, boundscheck=False)
def _band_keys_kernel(signatures: np.ndarray, bands: int, rows_per_band: int) -> np.ndarray:
    keys = np.empty((signatures.shape[0], bands), np.uint64)
    for d in range(signatures.shape[0]):
        for b in range(bands):
            key = np.uint64(b) * np.uint64(0x9E3779B97F4A7C15)
            for r in range(rows_per_band):
                key = mix_one(key ^ np.uint64(signatures[d, b * rows_per_band + r]))
            keys[d, b] = key
    return keys


def lsh_band_keys(signatures: np.ndarray) -> np.ndarray:
    """n x BANDS uint64 LSH bucket keys (band number folded in): the band's rows folded through
    splitmix64 in order. Persisted signatures are re-banded with it: it must not change."""
    return _band_keys_kernel(signatures, BANDS, ROWS_PER_BAND)


@kernel(cache=True, nogil=True, boundscheck=False)
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
