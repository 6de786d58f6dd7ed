"""Countries a story's members are about: items that name different ones are different stories.

A wire files many items of one template on one subject in a day: the USDA's export bonus
offers, each to another country ("CCC ACCEPTS EXPORT BONUS FOR WHEAT TO SRI LANKA", "USDA
OFFERS EEP BARLEY MALT TO COLOMBIA"). They share most key terms, yet each is news of its own
(bench/labels/stories/GUIDE.md: routine items that only share a template are separate stories).
An article whose headline names a country does not join a candidate whose title and lead
(its agreement keys, `dedupe.agreement_keys`: title first, then the lead) name countries of
which the article mentions none (a country's adjective counts as its name: "Iranian" is Iran).
Reports of one happening name its country somewhere (France's backing of the US raid on an
Iranian platform, and the diplomats' view of it, both name Iran), so they still meet.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow.dedupe.agreement_keys import NAME
from newsflow.dedupe.state import DedupeState
from newsflow.dedupe.words import Words, hash_words

# one-word country names and the distinctive word of the longer ones (GeoNames' country list,
# words of at least four letters), less those that are mostly something else in English news
# (Chad, Georgia, Jersey, Reunion); the 1987 wire's USSR and Soviet beside them
_COUNTRY_WORDS = [
    "afghanistan", "africa", "albania", "algeria", "andorra", "angola", "antarctica", "arabia",
    "argentina", "armenia", "australia", "austria", "azerbaijan", "bahamas", "bahrain",
    "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bermuda", "bhutan",
    "bolivia", "bosnia", "botswana", "brazil", "britain", "brunei", "bulgaria", "burundi",
    "cambodia", "cameroon", "canada", "chile", "china", "colombia", "congo", "croatia", "cuba",
    "cyprus", "czechia", "czechoslovakia", "denmark", "djibouti", "ecuador", "egypt", "emirates",
    "eritrea", "estonia", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "germany",
    "ghana", "gibraltar", "greece", "greenland", "grenada", "guatemala", "guinea", "guyana",
    "haiti", "holland", "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq",
    "ireland", "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kong",
    "korea", "kuwait", "lanka", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya",
    "lithuania", "luxembourg", "macao", "madagascar", "malawi", "malaysia", "mali", "malta",
    "mauritania", "mauritius", "mexico", "moldova", "monaco", "mongolia", "morocco",
    "mozambique", "myanmar", "namibia", "nepal", "nicaragua", "niger", "nigeria", "norway",
    "oman", "pakistan", "panama", "paraguay", "peru", "philippines", "poland", "portugal",
    "qatar", "romania", "russia", "rwanda", "saudi", "senegal", "serbia", "singapore",
    "slovakia", "slovenia", "somalia", "soviet", "spain", "sudan", "suriname", "sweden",
    "switzerland", "syria", "taiwan", "tanzania", "thailand", "togo", "tunisia", "turkey",
    "uganda", "ukraine", "uruguay", "ussr", "venezuela", "vietnam", "yemen", "yugoslavia",
    "zaire", "zambia", "zealand", "zimbabwe",
]  # fmt: skip
# adjectives and other names of a country, as the wire writes them: (word, its country above)
_OTHER_NAMES = [
    ("afghan", "afghanistan"), ("algerian", "algeria"), ("america", "usa"),
    ("american", "usa"), ("argentine", "argentina"), ("argentinian", "argentina"),
    ("australian", "australia"), ("austrian", "austria"), ("belgian", "belgium"),
    ("brazilian", "brazil"), ("british", "britain"), ("canadian", "canada"),
    ("chilean", "chile"), ("chinese", "china"), ("colombian", "colombia"), ("cuban", "cuba"),
    ("danish", "denmark"), ("dutch", "holland"), ("netherlands", "holland"),
    ("ecuadorean", "ecuador"), ("ecuadorian", "ecuador"), ("egyptian", "egypt"),
    ("french", "france"), ("german", "germany"), ("greek", "greece"), ("indian", "india"),
    ("indonesian", "indonesia"), ("iranian", "iran"), ("iraqi", "iraq"), ("irish", "ireland"),
    ("israeli", "israel"), ("italian", "italy"), ("japanese", "japan"),
    ("jordanian", "jordan"), ("korean", "korea"), ("kuwaiti", "kuwait"),
    ("lebanese", "lebanon"), ("libyan", "libya"), ("malaysian", "malaysia"),
    ("mexican", "mexico"), ("nigerian", "nigeria"), ("norwegian", "norway"),
    ("pakistani", "pakistan"), ("peruvian", "peru"), ("philippine", "philippines"),
    ("portuguese", "portugal"), ("russian", "russia"), ("soviet", "ussr"), ("spanish", "spain"),
    ("swedish", "sweden"), ("swiss", "switzerland"), ("syrian", "syria"), ("thai", "thailand"),
    ("turkish", "turkey"), ("venezuelan", "venezuela"),
]  # fmt: skip


def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(word hashes, their country, agreement NAME keys, their country), each sorted by the first."""
    words = _COUNTRY_WORDS + [w for w, _ in _OTHER_NAMES]
    country = {w: k for k, w in enumerate(_COUNTRY_WORDS + ["usa"])}
    ids = np.array(
        [country[w] for w in _COUNTRY_WORDS] + [country[c] for _, c in _OTHER_NAMES], np.int64
    )
    hashes, _ = hash_words(pl.Series(words))
    keys = (0x80000000 | (NAME << 28) | (hashes >> np.uint64(36)).astype(np.int64)).astype(
        np.uint32
    )  # as agreement_keys._key writes a NAME: how a stored row's keys hold them
    by_hash, by_key = np.argsort(hashes), np.argsort(keys)
    return hashes[by_hash], ids[by_hash], keys[by_key], ids[by_key]


_HASHES, _HASH_IDS, _KEYS, _KEY_IDS = _table()


def _countries(values: np.ndarray, table: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The country of each value (a word hash or a key), -1 for other words."""
    at = np.minimum(np.searchsorted(table, values), table.size - 1)
    return np.where(table[at] == values, ids[at], -1)


def _mentions(w: Words, rows: np.ndarray, wanted: np.ndarray | None) -> pl.DataFrame:
    """(i, country) of every country the capitalised words `w` name: of every text, or of the
    texts at batch positions `wanted` (sorted); `rows` maps batch positions to state rows (i)."""
    at = np.flatnonzero(w.capitalised)
    if wanted is not None:
        found = np.minimum(np.searchsorted(wanted, w.rows[at]), max(wanted.size - 1, 0))
        at = at[wanted[found] == w.rows[at]] if wanted.size else at[:0]
    country = _countries(w.hashes[at], _HASHES, _HASH_IDS)
    hit = country >= 0
    return pl.DataFrame(
        {"i": rows[w.rows[at[hit]]], "country": country[hit]},
        schema={"i": pl.Int64, "country": pl.Int64},
    )


def other_countries(
    state: DedupeState, pairs: pl.DataFrame, title_words: Words, words: Words, rows: np.ndarray
) -> np.ndarray:
    """Per pair (i: a batch article's state row, j: an earlier row) of `pairs`: whether i's
    headline names a country, j's keys (its title and lead) name countries, and i's title and
    body mention none of them. `rows` maps batch positions to state rows."""
    conflict = np.zeros(pairs.height, bool)
    titled = _mentions(title_words, rows, None)
    asked = pairs["i"].is_in(titled["i"].unique().implode()).to_numpy()
    if not asked.any():
        return conflict
    ask = pairs.filter(pl.Series(asked))
    country = _countries(state.dup_keys[ask["j"].to_numpy()], _KEYS, _KEY_IDS)
    p, _ = np.nonzero(country >= 0)
    j_countries = pl.DataFrame(
        {"p": p, "country": country[country >= 0]}, schema={"p": pl.Int64, "country": pl.Int64}
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
