"""The distinguishing tokens of an article that near-duplicate agreement compares (issue 21).

`article_keys` gives every article its key list (kinds, figures as written or rounded, dates,
sessions, flags, tickers; see `newsflow.dedupe.agreement`, which compares two lists).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from newsflow.dedupe.kernels import kernel
from newsflow.dedupe.words import Words, hash_words, mix_one, utf8_buffers

LEAD_WORDS = 60  # the lead whose keys must be found in the other text
LIST_WORDS = 120  # an article's key list reaches this far (what the other lead is checked in)
EXT_WORDS = 200  # the new article's tokens a stored lead is checked in
KMAX = 32  # keys kept per article (title first), 128 bytes in the dedupe state
WRITTEN_BELOW = 1e6  # a figure in digits below this is compared as written, not rounded
WRITTEN_DIGITS = 7

NAME, NUMBER, TITLE_NUMBER, DATE, MONTH, SESSION, FLAG, TICKER = range(8)

_U64 = np.uint64

# --- vocabulary (hashed like every other word: words.hash_words) ------------------------------

_STOP = [
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her",
    "their", "our", "said", "says", "say", "will", "would", "could", "should", "may", "might",
    "must", "not", "no", "new", "also", "after", "before", "over", "under", "into", "up", "down",
    "out", "about", "than", "then", "there", "here", "who", "what", "which", "when", "where",
    "why", "how", "all", "any", "each", "more", "most", "other", "some", "such", "only", "own",
    "same", "so", "too", "very", "can", "just", "inc", "corp", "co", "ltd", "plc", "company",
    "group", "unit", "units", "mr", "mrs", "ms", "dr", "pct", "vs", "cts", "ct", "dlrs", "dlr",
    "mln", "bln", "billion", "million",
]  # fmt: skip
_NUMBER_WORDS = {
    "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
# the wire's slugs too: "NY COFFEE OPG TRENDS", "NY COFFEE CLSG"
_SESSIONS = ["opening", "closing", "close", "morning", "afternoon", "midday", "midsession",
             "noon", "evening", "opg", "clsg", "clsng", "opng"]  # fmt: skip
_FLAGS = ["corrected", "correction"]
# developments of one subject that are two news items (GUIDE: a price raised vs cut, an offering
# launched vs completed): title verbs of each side of a pair, as NAME keys. Not the moves of a
# figure ("rise", "fall"): one item often reports both ("EXPORTS UP BUT COFFEE VALUES FALL")
_DEVELOPMENTS = (
    (["raise", "raises", "raised", "raising", "hike", "hikes", "boosts"],
     ["cut", "cuts", "cutting", "lower", "lowers", "lowered", "reduce", "reduces", "reduced"]),
    (["offers", "files", "proposes", "plans", "launches", "registers", "seeks"],
     ["completes", "completed", "closes", "closed", "prices", "priced", "sells", "sold"]),
)  # fmt: skip


# word classes (bits: a word may be several, "may" is a month and a stop word)
_IS_STOP, _IS_NUMBER, _IS_MONTH, _IS_SESSION, _IS_FLAG = 1, 2, 4, 8, 16
_VOCAB_SLOTS = 1 << 10  # open addressing on the word hash: one probe for most words


def _vocabulary() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(slot hashes, class bits, value) of the vocabulary words, by linear probing."""
    classes: dict[str, int] = {}
    values: dict[str, int] = {}
    for bit, words in (
        (_IS_STOP, dict.fromkeys(_STOP, 0)),
        (_IS_NUMBER, _NUMBER_WORDS),
        (_IS_MONTH, _MONTHS),
        (_IS_SESSION, dict.fromkeys(_SESSIONS, 0)),
        (_IS_FLAG, dict.fromkeys(_FLAGS, 0)),
    ):
        for word, number in words.items():
            classes[word] = classes.get(word, 0) | bit
            values[word] = max(values.get(word, 0), number)
    hashes, _ = hash_words(pl.Series(list(classes)))
    slots = np.zeros(_VOCAB_SLOTS, np.uint64)
    bits = np.zeros(_VOCAB_SLOTS, np.int64)
    value = np.zeros(_VOCAB_SLOTS, np.int64)
    for h, word in zip(hashes.tolist(), classes, strict=True):
        at = h & (_VOCAB_SLOTS - 1)
        while slots[at]:
            at = (at + 1) & (_VOCAB_SLOTS - 1)
        slots[at], bits[at], value[at] = h, classes[word], values[word]
    return slots, bits, value


_VOCAB_H, _VOCAB_BITS, _VOCAB_VALUE = _vocabulary()
STOP_BIT = (_VOCAB_H, _VOCAB_BITS)  # what `is_stop_word` reads (dedupe.openings)


def _development_keys() -> tuple[np.ndarray, np.ndarray]:
    """(NAME key, side bit) of the development verbs: bit 2g for the first side of pair g, bit
    2g + 1 for the second."""
    keys, sides = [], []
    for g, pair in enumerate(_DEVELOPMENTS):
        for side, words in enumerate(pair):
            hashes, _ = hash_words(pl.Series(words))
            keys += [0x80000000 | (NAME << 28) | int(h >> 36) for h in hashes.tolist()]
            sides += [1 << (2 * g + side)] * len(words)
    return np.array(keys, np.uint32), np.array(sides, np.int64)


DEVELOPMENT_KEYS, DEVELOPMENT_SIDES = _development_keys()
# a company's results table ("Shr 44 cts vs 11 cts", "... 3RD QTR NET"), ticker or not: its
# re-filings correct a few figures, so the price-table rule leaves it alone
RESULTS_KEYS = np.array(
    [0x80000000 | (NAME << 28) | int(h >> 36) for h in hash_words(pl.Series(["shr", "qtr"]))[0]],
    np.uint32,
)
DEVELOPMENT_PAIRS = len(_DEVELOPMENTS)


# --- compiled helpers -------------------------------------------------------------------------


@kernel(cache=True, inline="always")
def _lookup(slots: np.ndarray, h: np.uint64) -> int:
    """Slot of word hash `h` in the vocabulary, or -1."""
    mask = np.uint64(slots.size - 1)
    at = h & mask
    while slots[at] != 0:
        if slots[at] == h:
            return np.int64(at)  # type: ignore[return-value]  # numba: int(uint64) is a float
        at = (at + np.uint64(1)) & mask
    return -1


@kernel(cache=True, inline="always")
def is_stop_word(slots: np.ndarray, bits: np.ndarray, h: np.uint64) -> bool:
    """Whether word hash `h` is a stop word (`STOP_BIT`: the vocabulary's slots and bits)."""
    slot = _lookup(slots, h)
    return slot >= 0 and (bits[slot] & _IS_STOP) != 0


@kernel(cache=True, inline="always")
def _key(kind: int, h: np.uint64) -> np.uint32:
    return np.uint32(0x80000000 | (kind << 28) | int(h >> np.uint64(36)))


@kernel(cache=True, inline="always")
def same_key(key: np.uint32) -> np.uint32:
    """The key compared: a figure in the title is the same figure in the body."""
    if (key >> np.uint32(28)) & np.uint32(7) == TITLE_NUMBER:
        return np.uint32((key & np.uint32(0x8FFFFFFF)) | np.uint32(NUMBER << 28))
    return key


@kernel(cache=True, inline="always")
def key_kind(key: np.uint32) -> int:
    return int((key >> np.uint32(28)) & np.uint32(7))


@kernel(cache=True)
def _figure_hash(value: float, digits: int = 3) -> np.uint64:
    """Hash of `value` at `digits` significant digits (a mantissa of that many digits and a power
    of ten); at three, the hash does not depend on `digits` being given."""
    if value <= 0.0:
        return mix_one(np.uint64(0x51ED27))
    top = 10.0**digits
    e = int(np.floor(np.log10(value)))
    for _ in range(2):
        shift = digits - 1 - e
        q = np.round(value * 10.0**shift) if shift >= 0 else np.round(value / 10.0 ** (-shift))
        if q >= top:
            e += 1
        elif q < top / 10.0:
            e -= 1
        else:
            break
    tag = np.uint64(0) if digits == 3 else np.uint64(digits) << np.uint64(56)
    return mix_one(np.uint64(q) * np.uint64(0x9E3779B97F4A7C15) ^ np.uint64(e + 400) ^ tag)


@kernel(cache=True)
def _written_hash(value: float) -> np.uint64:
    """Hash of a figure written out in digits: at as many significant digits as it has (up to
    WRITTEN_DIGITS), so that "122.3" and "122.2", "10230" and "10250", "12:00" and "12:01" differ;
    a figure of three significant digits or fewer ("8000", "5.92") hashes as at three."""
    if value <= 0.0:
        return _figure_hash(value)
    e = int(np.floor(np.log10(value)))
    for digits in range(3, WRITTEN_DIGITS + 1):
        scale = 10.0 ** (digits - 1 - e)
        if abs(np.round(value * scale) - value * scale) < 1e-6 * max(1.0, value * scale):
            return _figure_hash(value, digits)
    return _figure_hash(value, WRITTEN_DIGITS)


@kernel(cache=True, inline="always")
def _digit(b: int) -> bool:
    return 48 <= b <= 57


@kernel(cache=True, inline="always")
def _alnum(b: int) -> bool:
    return 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128


# multipliers after a figure, as lower-case letters packed little-endian
_MLN, _MILLION = 0x6E6C6D, 0x6E6F696C6C696D
_BLN, _BILLION, _TRILLION = 0x6E6C62, 0x6E6F696C6C6962, 0x6E6F696C6C697274


@kernel(cache=True, nogil=True, boundscheck=False)
def _figure(data: np.ndarray, i: int, end: int) -> tuple[np.uint64, int, int]:
    """The figure starting at digit data[i] (text ends at `end`): (its hash, its value when a
    plain integer 0-31 else -1, the byte after it). "," between digits groups thousands, one "."
    starts decimals, ":" joins a time ("11:30" is 1130); "-a/b" adds a fraction ("49-1/4"), "/b"
    divides ("1/8"); a following "mln", "billion"... multiplies. A figure written out in digits
    below WRITTEN_BELOW is hashed as written (`_written_hash`: a price, a time, a volume); an
    amount, a multiplied or a fractional one at three significant digits, so that "1.46
    billion" and "1,459,193,000" agree."""
    j = i
    whole = 0.0
    fraction = 0.0
    scale = 1.0
    decimals = False
    plain = True  # an integer written with digits only
    written = True  # no fraction, no multiplier: the digits are the figure
    while j < end:
        b = data[j]
        if _digit(b):
            if decimals:
                scale /= 10.0
                fraction += (b - 48) * scale
            else:
                whole = whole * 10.0 + (b - 48)
            j += 1
        elif j + 1 < end and _digit(data[j + 1]) and (b == 44 or b == 58) and not decimals:
            plain = False  # "," thousands, ":" a time: the digits run on
            j += 1
        elif j + 1 < end and _digit(data[j + 1]) and b == 46 and not decimals:
            decimals = True
            plain = False
            j += 1
        else:
            break
    value = whole + fraction
    if j + 1 < end and (data[j] == 45 or data[j] == 47) and _digit(data[j + 1]):
        k = j + 1
        top = 0.0
        while k < end and _digit(data[k]):
            top = top * 10.0 + (data[k] - 48)
            k += 1
        if data[j] == 47 and top > 0:  # "1/8"
            value /= top
            plain = written = False
            j = k
        elif data[j] == 45 and k + 1 < end and data[k] == 47 and _digit(data[k + 1]):
            m = k + 1
            bottom = 0.0
            while m < end and _digit(data[m]):
                bottom = bottom * 10.0 + (data[m] - 48)
                m += 1
            if bottom > 0:  # "49-1/4"
                value += top / bottom
                plain = written = False
                j = m
    k = j
    while k < end and k < j + 2 and data[k] == 32:
        k += 1
    packed = 0
    letters = 0
    while k < end and letters < 8 and (65 <= data[k] <= 90 or 97 <= data[k] <= 122):
        packed |= (data[k] | 32) << (8 * letters)
        letters += 1
        k += 1
    if letters and (k >= end or not _alnum(data[k])):
        if packed in (_MLN, _MILLION):
            value *= 1e6
            plain = written = False
        elif packed in (_BLN, _BILLION):
            value *= 1e9
            plain = written = False
        elif packed == _TRILLION:
            value *= 1e12
            plain = written = False
    small = int(value) if plain and value <= 31.0 else -1
    if written and value < WRITTEN_BELOW:
        return _written_hash(value), small, j
    return _figure_hash(value), small, j


@kernel(cache=True, inline="always")
def _day(
    h: np.uint64, data: np.ndarray, at: int, end: int, slots: np.ndarray, bits: np.ndarray,
    value: np.ndarray,
) -> int:  # fmt: skip
    """A word's value as a day of the month (1-31), or -1 (`at`: its first byte)."""
    if _digit(data[at]):
        return _figure(data, at, end)[1]
    slot = _lookup(slots, h)
    day = value[slot] if slot >= 0 and bits[slot] & _IS_NUMBER else -1
    return day if 1 <= day <= 31 else -1


@kernel(cache=True, inline="always")
def _ticker_at(data: np.ndarray, at: int, end: int) -> bool:
    """Whether the word at data[at] is a ticker: "<" before it, then 1-6 of A-Z 0-9 &, an
    optional exchange suffix ("." or " " and 1-3 of A-Z), ">" (several words: a name)."""
    if at == 0 or data[at - 1] != 60:
        return False
    i = at
    while i < end and i - at < 7 and (65 <= data[i] <= 90 or 48 <= data[i] <= 57 or data[i] == 38):
        i += 1
    if i == at or i - at > 6 or i >= end:
        return False
    if data[i] == 46 or data[i] == 32:
        k = i + 1
        while k < end and k - i <= 3 and 65 <= data[k] <= 90:
            k += 1
        if 1 < k - i <= 4 and k < end and data[k] == 62:
            return True
    return data[i] == 62


@kernel(cache=True, inline="always")
def _upper_word(data: np.ndarray, at: int, end: int) -> bool:
    """Whether the word at data[at] is written in capitals (a heading: "AFTERNOON BUSINESS")."""
    i = at
    while i < end and (65 <= data[i] <= 90 or 97 <= data[i] <= 122):
        if data[i] >= 97:
            return False
        i += 1
    return i > at + 1


@kernel(cache=True, nogil=True, boundscheck=False)
def _text_tokens(
    first: int, last: int, lead_end: int, title: bool, every_word: bool,
    w_hash: np.ndarray, w_off: np.ndarray, w_cap: np.ndarray,
    data: np.ndarray, base: int, end: int, vocab: tuple, row_start: int, kmax: int,
    out_key: np.ndarray, out_lead: np.ndarray, n: int,
) -> int:  # fmt: skip
    """Write the keys of words first..last-1 of one title or body (its bytes data[base:end])
    to out_*[n:] and return the new n. A body's session word written in capitals (a table's
    section: "AFTERNOON BUSINESS") is keyed as a title's. With kmax > 0, keys already written
    since row_start are not written again, and writing stops at kmax of them."""
    slots, bits, value = vocab
    kind_number = TITLE_NUMBER if title else NUMBER
    capitals = False  # a title in capitals: all its words are names (a wire slug)
    if title:
        capitals = True
        for i in range(base, end):
            if 97 <= data[i] <= 122:
                capitals = False
                break
    figure_end = 0  # the bytes of a figure already read ("1,660,300" is three words)
    for j in range(first, last):
        h = w_hash[j]
        at = base + w_off[j]
        key = np.uint32(0)
        if _digit(data[at]):
            if at < figure_end:
                continue
            figure, _, figure_end = _figure(data, at, end)
            key = _key(kind_number, figure)
        else:
            slot = _lookup(slots, h)
            cls = bits[slot] if slot >= 0 else 0
            if title and _ticker_at(data, at, end):
                key = _key(TICKER, h)
            elif cls & _IS_NUMBER:
                key = _key(kind_number, _figure_hash(float(value[slot])))
            elif cls & _IS_MONTH and (w_cap[j] or every_word):
                day = -1
                if j + 1 < last:
                    day = _day(w_hash[j + 1], data, base + w_off[j + 1], end, slots, bits, value)
                if day < 1 and j > first:
                    day = _day(w_hash[j - 1], data, base + w_off[j - 1], end, slots, bits, value)
                if day >= 1:
                    key = _key(DATE, mix_one(np.uint64(value[slot] * 64 + day + 0x0DA7E)))
                else:
                    key = _key(MONTH, mix_one(np.uint64(value[slot] + 0x0307)))
            elif cls & _IS_SESSION and (title or _upper_word(data, at, end)):
                key = _key(SESSION, h)
            elif title and cls & _IS_FLAG:
                key = _key(FLAG, h)
            elif not cls & _IS_STOP and (every_word or w_cap[j] or capitals):
                key = _key(NAME, h)
        if key == 0:
            continue
        if kmax:
            seen = False
            for t in range(row_start, n):
                if out_key[t] == key:
                    seen = True
                    break
            if seen:
                continue
        out_key[n] = key
        out_lead[n] = title or j < lead_end
        n += 1
        if kmax and n - row_start >= kmax:
            break
    return n


@kernel(cache=True, nogil=True, boundscheck=False)
def _row_tokens(
    wanted: np.ndarray, window: int, every_word: bool, kmax: int,
    tw_hash: np.ndarray, tw_off: np.ndarray, tw_cap: np.ndarray, tw_start: np.ndarray,
    t_data: np.ndarray, t_base: np.ndarray,
    bw_hash: np.ndarray, bw_off: np.ndarray, bw_cap: np.ndarray, bw_start: np.ndarray,
    b_data: np.ndarray, b_base: np.ndarray, vocab: tuple,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(k, key, in lead) of the tokens of each wanted row k: its title words and figures, then
    its first `window` body words and figures, in text order. With kmax > 0 only each row's
    first kmax distinct keys."""
    room = 0
    for r in wanted:
        room += tw_start[r + 1] - tw_start[r] + min(window, bw_start[r + 1] - bw_start[r])
    out_row = np.empty(room, np.int64)
    out_key = np.empty(room, np.uint32)
    out_lead = np.empty(room, np.bool_)
    n = 0
    for k in range(wanted.size):
        r = wanted[k]
        start = n
        n = _text_tokens(
            tw_start[r], tw_start[r + 1], 0, True, every_word, tw_hash, tw_off, tw_cap,
            t_data, t_base[r], t_base[r + 1], vocab, start, kmax, out_key, out_lead, n,
        )  # fmt: skip
        first = bw_start[r]
        if not kmax or n - start < kmax:
            n = _text_tokens(
                first, min(bw_start[r + 1], first + window), first + LEAD_WORDS, False,
                every_word, bw_hash, bw_off, bw_cap, b_data, b_base[r], b_base[r + 1], vocab,
                start, kmax, out_key, out_lead, n,
            )  # fmt: skip
        out_row[start:n] = k
    return out_row[:n], out_key[:n], out_lead[:n]


@kernel(cache=True, nogil=True, boundscheck=False)
def _key_lists(
    row_of_key: np.ndarray, keys: np.ndarray, in_lead: np.ndarray, n: int, kmax: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's keys (distinct, at most kmax, in order) as a row of an n x kmax array, and
    how many of them are lead keys."""
    out = np.zeros((n, kmax), np.uint32)
    lead = np.zeros(n, np.int16)
    count = np.zeros(n, np.int64)
    for t in range(keys.size):
        row = row_of_key[t]
        out[row, count[row]] = keys[t]
        count[row] += 1
        lead[row] += in_lead[t]
    return out, lead


@kernel(cache=True, nogil=True)
def _same_all(keys: np.ndarray) -> np.ndarray:
    out = np.empty(keys.size, np.uint32)
    for i in range(keys.size):
        out[i] = same_key(keys[i])
    return out


# --- keys of a batch ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """Key lists of a batch: n x KMAX uint32 (0 = no key), and how many of each row's keys come
    from its title and first LEAD_WORDS words."""

    lists: np.ndarray
    lead: np.ndarray


class Texts:
    """A batch's titles and bodies as the key kernels read them (bytes, words, row starts):
    made once, read for the key lists of all and the tokens of the few with candidates."""

    def __init__(
        self,
        titles: pl.Series,
        bodies: pl.Series,
        title_words: Words,
        body_words: Words,
        buffers: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> None:
        """`buffers`: (titles, bodies) as `utf8_buffers` reads them, if the caller has them."""
        self.n = titles.len()
        rows = np.arange(self.n + 1)
        (t_data, t_base), (b_data, b_base) = buffers or (utf8_buffers(titles), utf8_buffers(bodies))
        tw, bw = title_words, body_words
        self._title = (tw.hashes, tw.offsets, tw.capitalised, np.searchsorted(tw.rows, rows),
                       t_data, t_base)  # fmt: skip
        self._body = (bw.hashes, bw.offsets, bw.capitalised, np.searchsorted(bw.rows, rows),
                      b_data, b_base)  # fmt: skip

    def word_arrays(self) -> tuple[tuple, tuple]:
        """(title, body) as the kernels read them: word hashes, offsets, capitalised, row starts,
        bytes, byte offsets of the rows."""
        return self._title, self._body

    def tokens(
        self, wanted: np.ndarray, window: int, every_word: bool, kmax: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(k, key, in lead) of the tokens of rows wanted[k] (see _row_tokens)."""
        return _row_tokens(
            wanted, window, every_word, kmax, *self._title, *self._body,
            (_VOCAB_H, _VOCAB_BITS, _VOCAB_VALUE),
        )  # fmt: skip


def article_keys(texts: Texts) -> Keys:
    """Each article's key list (see the module doc)."""
    rows, keys, in_lead = texts.tokens(np.arange(texts.n), LIST_WORDS, False, KMAX)
    lists, lead = _key_lists(rows, keys, in_lead, texts.n, KMAX)
    return Keys(lists, lead)


def every_token(texts: Texts, rows: np.ndarray) -> np.ndarray:
    """Sorted (k << 32 | key) of every token of the title and first EXT_WORDS body words of
    row rows[k], any word a NAME: what a stored article's lead keys are looked up in."""
    k, keys, _ = texts.tokens(rows, EXT_WORDS, True, 0)
    return np.sort((k.astype(np.uint64) << np.uint64(32)) | _same_all(keys).astype(np.uint64))


def proper_title_names(texts: Texts, rows: np.ndarray) -> np.ndarray:
    """Sorted (k << 32 | key) of the NAME keys of row rows[k]'s title that its first EXT_WORDS
    body words also write capitalised: the proper names of the headline ("FRANKLIN OHIO SETS
    PAYOUT" ... "Franklin Ohio Insured Tax-Free Income Fund": Franklin, Ohio), not its verbs."""
    k_title, title, _ = texts.tokens(rows, 0, False, 0)
    k_all, every, _ = texts.tokens(rows, EXT_WORDS, False, 0)

    def names(k: np.ndarray, keys: np.ndarray) -> np.ndarray:
        name = (keys >> np.uint32(28)) & np.uint32(7) == NAME
        return (k[name].astype(np.uint64) << np.uint64(32)) | keys[name].astype(np.uint64)

    in_title, title_count = np.unique(names(k_title, title), return_counts=True)
    in_all, all_count = np.unique(names(k_all, every), return_counts=True)
    at = np.searchsorted(in_all, in_title)  # every title key is in `in_all` too
    return in_title[all_count[at] > title_count]
