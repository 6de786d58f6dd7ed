"""Countries a story's members are about: items that name different ones are different stories.

A wire files many items of one template on one subject in a day: the USDA's export bonus
offers, each to another country ("CCC ACCEPTS EXPORT BONUS FOR WHEAT TO SRI LANKA", "USDA
OFFERS EEP BARLEY MALT TO COLOMBIA"). They share most key terms, yet each is news of its own
(bench/labels/stories/GUIDE.md: routine items that only share a template are separate stories).
An article whose headline names a country does not join a candidate whose title and lead
(its agreement keys, `dedupe.agreement_keys`: title first, then the lead) name countries of
which the article mentions none (a country's adjective counts as its name: "Iranian" is Iran; names of several words and
abbreviations count whole: "U.S.", "Saudi Arabia").
Reports of one happening name its country somewhere (France's backing of the US raid on an
Iranian platform, and the diplomats' view of it, both name Iran), so they still meet.
"""

from __future__ import annotations

import functools
import json

import numpy as np
import polars as pl

from newsflow import resources
from newsflow.dedupe.agreement_keys import _STOP, NAME
from newsflow.dedupe.kernels import kernel
from newsflow.dedupe.state import DedupeState
from newsflow.dedupe.words import Words, hash_words, mix, mix_one, outside, word_set

# The country names are extract's (data/entities: `patterns_countries.jsonl`, built from
# pycountry, GeoNames, `country_aliases.jsonl` and `demonyms_irregular.jsonl`, both read here),
# less those that are mostly something else in English news: US states, Channel islands, a gulf
# ("Persian Gulf"), a language, a first name, a nickname.
NOT_COUNTRIES = frozenset(
    ["Chad", "Georgia", "Georgian", "Jersey", "Guernsey", "Reunion", "Réunion", "Persian",
     "English", "Kiwi", "Pole", "Dominica"]
)  # fmt: skip
# Names that hold a country's name yet name none: read whole (the longest name first), they
# cover their words, so "Latin America" is not "America" (the USA) and the EEP offer "to Latin
# America" names no country against an offer to Brazil.
REGIONS = frozenset(
    ["Latin America", "South America", "Central America", "North America", "Middle America",
     "Latin American", "South American", "Central American", "North American"]
)  # fmt: skip
# Short names a wire writes for one country that the entity lists leave out (extract keeps
# "Korea" ambiguous between the two): in news, bare "Korea" is the Republic of Korea.
EXTRA_NAMES = (("Korea", "KOR"),)
_NONE = "-"  # the "country" of a REGIONS name: covers its words, names nothing
_SEQUENCE = np.uint64(0x9E3779B97F4A7C15)


def _sequence_hashes(words: np.ndarray) -> np.ndarray:
    """One hash per row of an (n, length) array of word hashes or keys: the words in order."""
    out = np.zeros(words.shape[0], np.uint64)
    for k in range(words.shape[1]):
        out = mix((out * _SEQUENCE) ^ words[:, k].astype(np.uint64))
    return out


def _name_keys(hashes: np.ndarray) -> np.ndarray:
    """The agreement NAME keys of word hashes (as agreement_keys._key writes a NAME)."""
    return (0x80000000 | (NAME << 28) | (hashes >> np.uint64(36)).astype(np.int64)).astype(
        np.uint32
    )


def _names() -> list[tuple[str, str]]:
    """(name, ISO-3) of every country name and demonym of data/entities, less NOT_COUNTRIES."""
    folder = resources.path("data/entities")

    def jsonl(name: str) -> list[dict]:
        return [json.loads(x) for x in (folder / name).read_text("utf-8").splitlines() if x]

    names = [
        (r["pattern"], r["id"].removeprefix("country:")) for r in jsonl("patterns_countries.jsonl")
    ]
    names += [(r["demonym"], r["iso3"]) for r in jsonl("demonyms_irregular.jsonl")]
    names += [*EXTRA_NAMES, *((region, _NONE) for region in REGIONS)]
    return sorted({(n, iso) for n, iso in names if n not in NOT_COUNTRIES})


@functools.cache
def named_countries() -> tuple[str, ...]:
    """The ISO-3 codes `_mentions` and `_key_countries` number their countries by (index =
    country number); `_NONE` among them is no country (a region's name)."""
    return tuple(sorted({iso for _, iso in _names()}))


def _named(at: list[np.ndarray], countries: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(position, country) of the hits gathered per name length, the REGIONS' hits (which
    only cover their words) left out."""
    if not at:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    where, country = np.concatenate(at), np.concatenate(countries)
    real = country != named_countries().index(_NONE)
    return where[real], country[real]


@functools.cache
def _tables() -> tuple[
    dict[int, tuple[np.ndarray, np.ndarray]], dict[int, tuple[np.ndarray, np.ndarray]]
]:
    """Per length in words, (sequence hashes sorted, their country number) of every country
    name as a text writes it, and as an article's agreement keys hold it (stop words dropped,
    each word once: `agreement_keys`; abbreviations left out: see below)."""
    names = _names()
    number = {iso: k for k, iso in enumerate(named_countries())}
    stop = word_set(_STOP)
    in_text: dict[int, list[tuple[int, int]]] = {}
    in_keys: dict[int, list[tuple[int, int]]] = {}
    for name, iso in names:
        words, _ = hash_words(pl.Series([name]))
        seq = int(_sequence_hashes(words[None, :])[0])
        in_text.setdefault(words.size, []).append((seq, number[iso]))
        kept = np.array(list(dict.fromkeys(words[outside(words, stop)].tolist())), np.uint64)
        # not an abbreviation ("U.S.", "USA", "UK"): a wire names its home country so in
        # nearly every item ("U.S. Agriculture Department", "Cam USA Inc"), so as a candidate's
        # country it would join every pair (on the 12 spent story blocks, with "U.S." kept:
        # pooled precision 0.816 -> 0.775, the EEP offers to different countries joined)
        if kept.size and "." not in name and not name.isupper():
            seq = int(_sequence_hashes(_name_keys(kept)[None, :])[0])
            in_keys.setdefault(kept.size, []).append((seq, number[iso]))

    def sorted_table(rows: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        hashes, ids = np.array([h for h, _ in rows], np.uint64), np.array([c for _, c in rows])
        order = np.argsort(hashes)
        return hashes[order], ids[order].astype(np.int64)

    return (
        {n: sorted_table(r) for n, r in in_text.items()},
        {n: sorted_table(r) for n, r in in_keys.items()},
    )


def _letters(lengths: np.ndarray) -> np.ndarray:
    """Per row of word lengths: whether the name is an abbreviation, single letters only."""
    return (lengths == 1).all(axis=1)


# An abbreviation goes on: "U.S." is not the start of "U.S.S.R." (nor its keys "u s r")
_LETTER_KEYS = _name_keys(hash_words(pl.Series([" ".join("abcdefghijklmnopqrstuvwxyz")]))[0])


def _lookup(values: np.ndarray, table: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The country of each sequence hash, -1 for other sequences."""
    hashes, ids = table
    at = np.minimum(np.searchsorted(hashes, values), hashes.size - 1)
    return np.where(hashes[at] == values, ids[at], -1)


def _text_countries(w: Words, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(word index, country) of the country names of the texts `w` that start at the word
    indices `at` (sorted), the longest name first: a word inside a longer name found earlier
    ("Korean" in "North Korean", "U.S." in "U.S. Virgin Islands") names nothing more."""
    covered = np.zeros(w.hashes.size + 1, bool)
    starts, countries = [], []
    for length, table in sorted(_tables()[0].items(), reverse=True):
        last = at + length - 1
        ok = at[(last < w.hashes.size)]
        ok = ok[w.rows[ok + length - 1] == w.rows[ok]] if ok.size else ok
        ok = ok[~covered[ok]]
        if not ok.size:
            continue
        words = w.hashes[ok[:, None] + np.arange(length)]
        country = _lookup(_sequence_hashes(words), table)
        after = np.minimum(ok + length, w.hashes.size - 1)
        country[_letters(w.lengths[ok[:, None] + np.arange(length)]) & (w.lengths[after] == 1)
                & (w.rows[after] == w.rows[ok]) & (after == ok + length)] = -1  # fmt: skip
        hit = ok[country >= 0]
        for k in range(length):
            covered[hit + k] = True
        starts.append(hit)
        countries.append(country[country >= 0])
    return _named(starts, countries)


_NAME_TOP = np.uint32(8 | NAME)  # a NAME key's top four bits (agreement_keys._key)


@kernel(cache=True, nogil=True, boundscheck=False)
def _key_country_hits(
    keys: np.ndarray, lengths: np.ndarray, bounds: np.ndarray, hashes: np.ndarray,
    ids: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(row, country) of the names each row of `keys` holds: at each free key, the longest
    name first (names of length lengths[t] are hashes[bounds[t]:bounds[t + 1]], sorted, with
    their countries `ids`); a name's keys are then covered. The tables hold no abbreviation
    (`_tables`), so unlike a text's names none can be the start of a longer one ("U.S." of
    "U.S.S.R.")."""
    m, width = keys.shape
    out_rows = np.empty(m + 16, np.int64)  # grown as needed: most rows name a country or none
    out_countries = np.empty(m + 16, np.int64)
    n = 0
    covered = np.zeros(width + 1, np.bool_)
    for r in range(m):
        covered[:] = False
        for t in range(lengths.size):
            length = lengths[t]
            if length > width:
                continue
            for c in range(width - length + 1):
                if covered[c] or (keys[r, c] >> np.uint32(28)) != _NAME_TOP:
                    continue  # a name's keys are NAME keys (an empty slot is 0)
                h = np.uint64(0)
                for k in range(length):
                    h = mix_one((h * _SEQUENCE) ^ np.uint64(keys[r, c + k]))
                lo, hi = bounds[t], bounds[t + 1]
                while lo < hi:  # first table hash >= h
                    mid = (lo + hi) >> 1
                    if hashes[mid] < h:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo == bounds[t + 1] or hashes[lo] != h:
                    continue
                covered[c : c + length] = True
                if n == out_rows.size:
                    out_rows = np.concatenate((out_rows, np.empty(n, np.int64)))
                    out_countries = np.concatenate((out_countries, np.empty(n, np.int64)))
                out_rows[n], out_countries[n] = r, ids[lo]
                n += 1
    return out_rows[:n], out_countries[:n]


@functools.cache
def _key_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The agreement-key name tables of `_tables` as `_key_country_hits` reads them: lengths
    (longest first), bounds, hashes, countries."""
    by_length = sorted(_tables()[1].items(), reverse=True)
    lengths = np.array([length for length, _ in by_length], np.int64)
    sizes = [table[0].size for _, table in by_length]
    bounds = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    hashes = np.concatenate([table[0] for _, table in by_length]).astype(np.uint64)
    ids = np.concatenate([table[1] for _, table in by_length]).astype(np.int64)
    return lengths, bounds, hashes, ids


def _key_countries(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, country) of the country names each row of agreement keys holds, longest first."""
    rows, countries = _key_country_hits(keys, *_key_table())
    return _named([rows], [countries])


def _mentions(w: Words, rows: np.ndarray, wanted: np.ndarray | None) -> pl.DataFrame:
    """(i, country) of every country the words `w` name (starting with a capitalised word): of
    every text, or of the texts at batch positions `wanted` (sorted); `rows` maps batch
    positions to state rows (i)."""
    at = np.flatnonzero(w.capitalised)
    if wanted is not None:
        found = np.minimum(np.searchsorted(wanted, w.rows[at]), max(wanted.size - 1, 0))
        at = at[wanted[found] == w.rows[at]] if wanted.size else at[:0]
    starts, country = _text_countries(w, at)
    return pl.DataFrame(
        {"i": rows[w.rows[starts]], "country": country},
        schema={"i": pl.Int64, "country": pl.Int64},
    )


def other_countries(
    state: DedupeState, pairs: pl.DataFrame, title_words: Words, words: Words, rows: np.ndarray
) -> np.ndarray:
    """Per pair (i: a batch article's state row, j: an earlier row) of `pairs`: whether j's
    keys (its title and lead) name a country that i's title and body never mention, and i's
    headline names one that j's keys lack. `rows` maps batch positions to state rows."""
    conflict = np.zeros(pairs.height, bool)
    titled = _mentions(title_words, rows, None)
    asked = pairs["i"].is_in(titled["i"].unique().implode()).to_numpy()
    if not asked.any():
        return conflict
    ask = pairs.filter(pl.Series(asked))
    p, country = _key_countries(state.dup_keys[ask["j"].to_numpy()])
    j_countries = pl.DataFrame(
        {"p": p, "country": country}, schema={"p": pl.Int64, "country": pl.Int64}
    )
    positions = np.flatnonzero(np.isin(rows, ask["i"].unique().to_numpy()))
    mentioned = pl.concat([titled, _mentions(words, rows, positions)])
    indexed = ask.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("p"), "i")
    shared = j_countries.join(indexed, on="p").join(mentioned, on=["i", "country"], how="semi")
    conflict[asked] = (
        indexed.select(
            pl.col("p").is_in(j_countries["p"].unique().implode())
            & ~pl.col("p").is_in(shared["p"].unique().implode())
        )
        .to_series()
        .to_numpy()
    )
    return conflict
