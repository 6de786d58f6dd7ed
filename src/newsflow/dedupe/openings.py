"""An updated page of a running story is not a near duplicate (issue 21).

A news site updates the page of a running story in place: the later page keeps most paragraphs of
the earlier one but gets a new headline and a new lead about a later development ("Tories back ID
cards", then "Howard denies split over ID cards"; "Talks aim to avert pension strike", then
"Stalemate in pension strike talks"). MinHash sees the repeated body; the agreement keys
(`agreement_keys`: names, figures, dates) see the same people and numbers. What tells the two
pages apart is the wording of the headline and the first sentence: each says something the other
page never says. A re-save or a re-filing of one report (a word fixed, a headline trimmed, a
reaction added below the lead) rewrites at most one of them, or words its headline and lead
from the other's text.

Every article gets an *opening*: the hashes of the content words (not stop words; a final "s"
dropped, so a plural or a third-person verb is the same word) of its title and of its body's first
sentence (LEAD_MIN to LEAD_MAX words), each flagged as title or lead, at most OPENING_SLOTS; and a
Bloom filter (BLOOM_WORDS x 32 bits, BLOOM_PROBES probes) of the content words of its title and
first EXT_WORDS body words: what the other article's opening is looked up in. A pair is an *updated page*
(`updated_page`) when each title holds a word absent from the other text and each first sentence
holds at least NEW_LEAD_WORDS words absent from the other text. Both directions are needed: an
extended copy adds words to one side only.

Set on the BBC near links (`bench/labels/neardup/judged_bbc.jsonl`, spent by this rule): its six
false links are updated pages and its 27 true ones have one headline and lead or reword only one.
The Reuters links it would part are companies' results tables and corrected items, whose
re-filings rewrite headline and lead with the same report (`agreement`: those are exempt).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsflow.dedupe.agreement_keys import EXT_WORDS, STOP_BIT, Texts, is_stop_word
from newsflow.dedupe.kernels import kernel
from newsflow.dedupe.words import mix_one

OPENING_SLOTS = 32  # title and first-sentence words kept per article (128 bytes in the state)
TITLE_SLOTS = 10  # of which the title's at most
LEAD_MIN = 8  # a first sentence is at least this many words ("U.S. Treasury" does not end one)
LEAD_MAX = 40  # ... and at most this many
# uint32 words of the Bloom filter: 2,048 bits, three probes, for the ~110 content words of 200
# words of prose: a word absent from the text is found in it by chance 0.3% of the time (1,024
# bits and two probes found "backing" in the BBC page that says only "back": 4%)
BLOOM_WORDS = 64
BLOOM_PROBES = 3
NEW_LEAD_WORDS = 2  # words of each first sentence absent from the other text

_TITLE_FLAG = np.uint32(1 << 30)
_HASH_MASK = np.uint32((1 << 30) - 1)
_SET = np.uint32(1 << 31)  # every slot in use has it: 0 is an empty slot


@dataclass(frozen=True)
class Openings:
    """A batch's openings (n x OPENING_SLOTS uint32, 0 = none) and Bloom filters of their text
    (n x BLOOM_WORDS uint32; all 0 for an article stored before openings were kept)."""

    words: np.ndarray
    blooms: np.ndarray


@kernel(cache=True, inline="always")
def _alnum(b: int) -> bool:
    return 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128


@kernel(cache=True, inline="always")
def _word_end(data: np.ndarray, at: int, end: int) -> int:
    """The byte after the word at data[at]."""
    while at < end and _alnum(data[at]):
        at += 1
    return at


@kernel(cache=True, nogil=True, inline="always")
def _word_hash(data: np.ndarray, at: int, end: int) -> tuple[np.uint32, int]:
    """(30-bit hash of the lower-cased word at data[at], a final "s" dropped unless "ss"; the
    byte after the word)."""
    j = _word_end(data, at, end)
    stop = j
    if stop - at > 3 and data[stop - 1] | 32 == 115 and data[stop - 2] | 32 != 115:
        stop -= 1
    h = np.uint64(0xCBF29CE484222325)
    for i in range(at, stop):
        b = data[i]
        if 65 <= b <= 90:
            b += 32
        h = (h ^ np.uint64(b)) * np.uint64(0x100000001B3)
    return np.uint32(mix_one(h) >> np.uint64(34)) & _HASH_MASK, j


@kernel(cache=True, inline="always")
def _probe(h: np.uint32, i: int) -> np.uint64:
    """Bit i (0..BLOOM_PROBES-1) of word hash `h` in a Bloom filter."""
    return (mix_one(np.uint64(h)) >> np.uint64(11 * i)) & np.uint64(BLOOM_WORDS * 32 - 1)


@kernel(cache=True, inline="always")
def _bloom_add(bloom: np.ndarray, h: np.uint32) -> None:
    for i in range(BLOOM_PROBES):
        bit = _probe(h, i)
        bloom[bit >> np.uint64(5)] |= np.uint32(1) << np.uint32(bit & np.uint64(31))


@kernel(cache=True, inline="always")
def _bloom_has(bloom: np.ndarray, h: np.uint32) -> bool:
    for i in range(BLOOM_PROBES):
        bit = _probe(h, i)
        if not bloom[bit >> np.uint64(5)] & (np.uint32(1) << np.uint32(bit & np.uint64(31))):
            return False
    return True


@kernel(cache=True, inline="always")
def _sentence_ends(data: np.ndarray, after: int, next_at: int, next_cap: bool) -> bool:
    """Whether a sentence ends between two words: ".", "!" or "?" then a space or a line break
    before the next word, which is capitalised."""
    if not next_cap:
        return False
    for i in range(after, next_at):
        if data[i] == 46 or data[i] == 33 or data[i] == 63:
            for k in range(i + 1, next_at):
                if data[k] == 32 or data[k] == 10 or data[k] == 13:
                    return True
    return False


@kernel(cache=True, nogil=True, boundscheck=False)
def _openings(
    n: int,
    tw_hash: np.ndarray, tw_off: np.ndarray, tw_start: np.ndarray, t_data: np.ndarray,
    t_base: np.ndarray,
    bw_hash: np.ndarray, bw_off: np.ndarray, bw_cap: np.ndarray, bw_start: np.ndarray,
    b_data: np.ndarray, b_base: np.ndarray, slots: np.ndarray, bits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(openings, Bloom filters) of rows 0..n-1 (see the module doc)."""
    words = np.zeros((n, OPENING_SLOTS), np.uint32)
    blooms = np.zeros((n, BLOOM_WORDS), np.uint32)
    for r in range(n):
        used = 0
        for j in range(tw_start[r], tw_start[r + 1]):
            if is_stop_word(slots, bits, tw_hash[j]):
                continue
            h, _ = _word_hash(t_data, t_base[r] + tw_off[j], t_base[r + 1])
            _bloom_add(blooms[r], h)
            key = _SET | _TITLE_FLAG | h
            seen = False
            for s in range(used):
                seen |= words[r, s] == key
            if not seen and used < TITLE_SLOTS:
                words[r, used] = key
                used += 1
        title_used = used
        first, last = bw_start[r], min(bw_start[r + 1], bw_start[r] + EXT_WORDS)
        in_lead = True
        for j in range(first, last):
            at = b_base[r] + bw_off[j]
            stop = is_stop_word(slots, bits, bw_hash[j])
            if stop and not in_lead:
                continue  # a stop word is hashed for nothing: only the lead's ends need it
            if stop:
                h, after = np.uint32(0), _word_end(b_data, at, b_base[r + 1])
            else:
                h, after = _word_hash(b_data, at, b_base[r + 1])
                _bloom_add(blooms[r], h)
            if in_lead and not stop and used < OPENING_SLOTS:
                key = _SET | h
                seen = False
                for s in range(title_used, used):
                    seen |= words[r, s] == key
                if not seen:
                    words[r, used] = key
                    used += 1
            if in_lead and j + 1 < last:
                count = j + 1 - first
                if count >= LEAD_MAX or (
                    count >= LEAD_MIN
                    and _sentence_ends(b_data, after, b_base[r] + bw_off[j + 1], bw_cap[j + 1])
                ):
                    in_lead = False
    return words, blooms


def article_openings(texts: Texts) -> Openings:
    """Each article's opening and the Bloom filter of its text (see the module doc)."""
    title, body = texts.word_arrays()
    tw_hash, tw_off, _, tw_start, t_data, t_base = title
    bw_hash, bw_off, bw_cap, bw_start, b_data, b_base = body
    slots, bits = STOP_BIT
    words, blooms = _openings(
        texts.n, tw_hash, tw_off, tw_start, t_data, t_base, bw_hash, bw_off, bw_cap, bw_start,
        b_data, b_base, slots, bits,
    )  # fmt: skip
    return Openings(words, blooms)


@kernel(cache=True, nogil=True, inline="always")
def _absent(words: np.ndarray, bloom: np.ndarray, title: bool) -> int:
    """How many title (or lead) words of an opening the other text's Bloom filter lacks."""
    missing = 0
    for s in range(words.size):
        key = words[s]
        if key == 0:
            break
        if ((key & _TITLE_FLAG) != 0) == title and not _bloom_has(bloom, key & _HASH_MASK):
            missing += 1
    return missing


@kernel(cache=True, nogil=True)
def updated_page(
    a_words: np.ndarray, a_bloom: np.ndarray, c_words: np.ndarray, c_bloom: np.ndarray
) -> bool:
    """Whether each title holds a word absent from the other text and each first sentence
    NEW_LEAD_WORDS: a new headline and lead on another development over a repeated body. False
    when either article has no opening (stored before openings were kept)."""
    if a_words[0] == 0 or c_words[0] == 0 or not a_bloom.any() or not c_bloom.any():
        return False
    return (
        _absent(a_words, c_bloom, True) >= 1
        and _absent(c_words, a_bloom, True) >= 1
        and _absent(a_words, c_bloom, False) >= NEW_LEAD_WORDS
        and _absent(c_words, a_bloom, False) >= NEW_LEAD_WORDS
    )
