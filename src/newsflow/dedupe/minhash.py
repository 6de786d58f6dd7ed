"""Word-bigram shingles, MinHash signatures, LSH band keys and verified similarity.

The signatures are rensa's R-MinHash (algorithm version 2, rensa 0.5: `rminhash/bucket.rs`),
computed here (`_digests`) rather than by rensa: rensa hands its digests back only as Python
lists, and copying 128 ints a row out of them held the GIL for most of the MinHash step
(5.5 us/doc). The values are rensa's, bit for bit (tests/test_minhash.py checks them against
rensa on real articles and edge cases), so signatures stored by earlier releases still match.
"""

from __future__ import annotations

import numpy as np

from newsflow.dedupe.kernels import kernel, runs_compiled
from newsflow.dedupe.words import Words, mix_one

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 2
MINHASH_SEED = 5
RENSA_ALGORITHM = 2  # rensa's RMinHash.ALGORITHM_VERSION whose values `_digests` computes
SKETCH_VERSION = (
    f"rensa-r{RENSA_ALGORITHM}-w{SHINGLE_WORDS}-p{NUM_PERM}-s{MINHASH_SEED}-t12-h8"
    # agreement keys (dup_keys) beside the sketch: older rows have none (issue 21); k2: a
    # figure written in digits is keyed as written, not at three significant digits; k3: number
    # words to "hundred" and a body's sessions written in capitals keyed
    "-k3"
)

_U64 = np.uint64

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


# R-MinHash v2: each shingle is thrown into one of the NUM_PERM buckets in each of three rounds
# (a bucket keeps the least rank, the round number in its top two bits); a bucket no round
# filled takes the least of a classic MinHash permutation (a_k * h + b_k) with rank 3 on top.
_RANK_BITS = 2
_ROUNDS = 3
_FALLBACK = 3 << 30
_BUCKET_DOMAIN = 0x6A09E667F3BCC909
_ROUND_DOMAIN = 0x3C6EF372FE94F82B
_FALLBACK_DOMAIN = 0xBB67AE8584CAA73B
_GOLDEN = 0x9E3779B97F4A7C15
_BUCKET_SHIFT = 32 - (NUM_PERM.bit_length() - 1)  # a hash's low 32 bits -> one of NUM_PERM
_M64 = (1 << 64) - 1


def _xoshiro_pairs(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """rensa's permutations: (a | 1, b) pairs drawn from xoshiro256++ seeded by splitmix64 (the
    rand_xoshiro crate's `seed_from_u64`)."""
    state, s = seed, []
    for _ in range(4):
        state = (state + _GOLDEN) & _M64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
        s.append(z ^ (z >> 31))

    def rotl(x: int, k: int) -> int:
        return ((x << k) | (x >> (64 - k))) & _M64

    def draw() -> int:
        out = (rotl((s[0] + s[3]) & _M64, 23) + s[0]) & _M64
        t = (s[1] << 17) & _M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    pairs = [(draw() | 1, draw()) for _ in range(count)]
    return np.array([a for a, _ in pairs], _U64), np.array([b for _, b in pairs], _U64)


_PERM_A, _PERM_B = _xoshiro_pairs(NUM_PERM, MINHASH_SEED)
_ROUND_SEEDS = np.array(
    [int(_PERM_B[0]) ^ _BUCKET_DOMAIN ^ ((r * _ROUND_DOMAIN) & _M64) for r in range(_ROUNDS)], _U64
)
_FALLBACK_SEED = _U64(int(_PERM_A[0]) ^ _FALLBACK_DOMAIN)


@kernel(cache=True, inline="always")
def _splitmix(x: np.uint64) -> np.uint64:
    x = x + np.uint64(_GOLDEN)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@kernel(cache=True, nogil=True, boundscheck=False)
def _digests(
    tokens: np.ndarray, offsets: np.ndarray, round_seeds: np.ndarray, fallback_seed: np.uint64,
    perm_a: np.ndarray, perm_b: np.ndarray, out: np.ndarray,
) -> None:  # fmt: skip
    """R-MinHash signature of each row's tokens (tokens[offsets[r]:offsets[r + 1]]) into
    out[r]; a row without tokens is all 0xFFFFFFFF. A round whose buckets are all filled ends
    the row: a later round's ranks are greater (round number on top), so none would count."""
    width = out.shape[1]
    shift = np.uint64(_BUCKET_SHIFT)
    scratch = np.empty(0, np.uint64)
    for r in range(out.shape[0]):
        v = out[r]
        v[:] = np.uint32(0xFFFFFFFF)
        lo, hi = int(offsets[r]), int(offsets[r + 1])
        if hi == lo:
            continue
        for rnd in range(round_seeds.size):
            seed = round_seeds[rnd]
            prefix = np.uint32(rnd << 30)
            for t in range(lo, hi):
                m = _splitmix(tokens[t] ^ seed)
                bucket = (m & np.uint64(0xFFFFFFFF)) >> shift
                rank = prefix | np.uint32(m >> np.uint64(32 + _RANK_BITS))
                if rank < v[bucket]:
                    v[bucket] = rank
            if v.max() < np.uint32((rnd + 1) << 30):
                break
        if v.max() < np.uint32(_FALLBACK):
            continue
        if scratch.size < hi - lo:
            scratch = np.empty(hi - lo, np.uint64)
        for t in range(lo, hi):
            scratch[t - lo] = _splitmix(tokens[t] ^ fallback_seed)
        for k in range(width):
            if v[k] < np.uint32(_FALLBACK):
                continue
            best = np.uint32(0xFFFFFFFF)
            for t in range(hi - lo):
                rank = np.uint32(_FALLBACK) | np.uint32(
                    (perm_a[k] * scratch[t] + perm_b[k]) >> np.uint64(32 + _RANK_BITS)
                )
                if rank < best:
                    best = rank
            v[k] = best


def _splitmix_all(x: np.ndarray) -> np.ndarray:
    x = x + _U64(_GOLDEN)
    x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _digests_numpy(tokens: np.ndarray, offsets: np.ndarray, out: np.ndarray) -> None:
    """`_digests` in numpy array operations, for a few articles (where the compiled kernel's
    load would cost more than the work: `kernels`): every round of every row at once."""
    n, width = out.shape
    counts: np.ndarray = np.diff(offsets.astype(np.int64))
    rows = np.repeat(np.arange(n, dtype=np.int64), counts)
    flat = out.reshape(-1)
    flat.fill(0xFFFFFFFF)
    with np.errstate(over="ignore"):
        for rnd, seed in enumerate(_ROUND_SEEDS):
            m = _splitmix_all(tokens ^ seed)
            bucket = ((m & _U64(0xFFFFFFFF)) >> _U64(_BUCKET_SHIFT)).astype(np.int64)
            rank = np.uint32(rnd << 30) | (m >> _U64(32 + _RANK_BITS)).astype(np.uint32)
            np.minimum.at(flat, rows * width + bucket, rank)
        missing = (out >= np.uint32(_FALLBACK)) & (counts > 0)[:, None]
        for r in np.flatnonzero(missing.any(axis=1)).tolist():
            mixed = _splitmix_all(tokens[offsets[r] : offsets[r + 1]] ^ _FALLBACK_SEED)
            ks = np.flatnonzero(missing[r])
            ranks = (_PERM_A[ks][None, :] * mixed[:, None] + _PERM_B[ks][None, :]) >> _U64(
                32 + _RANK_BITS
            )
            out[r, ks] = np.uint32(_FALLBACK) | ranks.min(axis=0).astype(np.uint32)


def digest_matrix(tokens: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """rows x NUM_PERM uint32 R-MinHash signatures of each row's token hashes
    (tokens[offsets[r]:offsets[r + 1]], uint64): what rensa's
    `RMinHash.digest_matrix_from_flat_token_hashes(tokens, offsets, NUM_PERM, MINHASH_SEED)`
    returns."""
    out = np.empty((offsets.size - 1, NUM_PERM), np.uint32)
    if runs_compiled(tokens):
        _digests(tokens, offsets, _ROUND_SEEDS, _FALLBACK_SEED, _PERM_A, _PERM_B, out)
    else:
        _digests_numpy(tokens, offsets, out)
    return out


def shingle_signatures(words: Words, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(MinHash signatures n x NUM_PERM uint32, shingle counts) of n tokenised bodies.

    Shingle counts keep repeats: news text repeats few bigrams, and a sort per batch costs more
    than the small bias in the containment estimate."""
    tokens = np.empty(words.hashes.size, _U64)
    offsets = _shingles(words.hashes, words.rows, n, tokens)
    signatures = digest_matrix(tokens[: int(offsets[-1])], offsets)
    return signatures, np.diff(offsets).astype(np.int64)


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
