"""A state body's generic name is one actor per country (issue 20: one actor per real entity).

The registry matched "the Finance Ministry", "the Treasury" by name alone: the Reuters run
stored one "Finance Ministry" (Spain's) for Tokyo's and Paris' reports, one "Treasury"
(Britain's) for Washington's, and the BBC's Treasury as the United States'. Real Reuters
records and a real BBC file (tests/fixtures/bodies), through the real pipeline into a real
DuckDB file, in two runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from newsflow import pipeline
from newsflow.extract import Lexicon, extract_batch, load_nlp
from newsflow.national_bodies import (
    body_of_form,
    entity_bodies,
    known_bodies,
    polity,
    request,
    story_countries,
)
from newsflow.resolve import ActorRegistry
from newsflow.resources import path as resource_path
from newsflow.settings import Settings
from tests.test_extract import deduped

FIXTURES = Path(__file__).parent / "fixtures" / "bodies"
SETTINGS = Settings()


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.load(resource_path("data/entities"))


@pytest.mark.parametrize(
    ("form", "body"),
    [
        ("Finance Ministry", ("ministry:finance", None)),
        ("Ministry of Finance", ("ministry:finance", None)),
        ("Japanese Finance Ministry", ("ministry:finance", "JPN")),
        ("Japan's Finance Ministry", ("ministry:finance", "JPN")),
        ("Foreign Affairs Ministry", ("ministry:foreign", None)),
        ("Ministry of Foreign Affairs", ("ministry:foreign", None)),
        ("Defense Ministry", ("ministry:defence", None)),
        ("Agricultural Ministry", ("ministry:agriculture", None)),
        ("Department for Education", ("ministry:education", None)),
        ("Commerce Department", ("ministry:commerce", None)),
        ("Department of Commerce", ("ministry:commerce", None)),
        ("U.S. Treasury", ("ministry:treasury", "USA")),
        ("Treasury", ("ministry:treasury", None)),
        ("Treasury Department", ("ministry:treasury", None)),
        ("Central Bank of Brazil", ("bank:central", "BRA")),
        ("Reserve Bank of India", ("bank:reserve", "IND")),
        ("House", ("house", None)),
        ("House of Representatives", ("house:representatives", None)),
        ("Upper House", ("house:upper", None)),
        ("U.S. Senate", ("senate", "USA")),
        ("Parliament", ("parliament", None)),
        ("Supreme Court", ("court:supreme", None)),
        ("National Assembly", ("assembly:national", None)),
        ("Irish Finance Ministry", ("ministry:finance", "IRL")),
        # proper names, committees and other bodies are not a country's generic body
        ("Bank of Japan", None),
        ("World Bank", None),
        ("Bank", None),
        ("Ministry", None),
        ("White House", None),
        ("Scottish Parliament", None),
        ("Senate Finance Committee", None),
        ("General Assembly", None),
        ("California Senate", None),
        ("U.S.-Japan Finance Ministry", None),
        ("Federal Reserve", None),
    ],
)
def test_body_of_form(lex, form, body) -> None:
    assert body_of_form(form, lex.countries, lex.capitals) == body


def _keys(bodies: list, lex: Lexicon, known: dict | None = None) -> list:
    """(registry key, country) of each body, as extract asks the registry for it."""
    return [
        (request(b, [b.name], lex, known or {})[0][2], b.country) if b else None for b in bodies
    ]


def test_country_order_form_attributed_article_dateline(lex) -> None:
    forms = [
        ["Finance Ministry"],  # bare: the article's "Japanese Finance Ministry" says whose
        ["Japanese Finance Ministry"],
        ["Treasury", "Ministry"],  # a bare head beside it does not stop it
        ["Senate"],  # attributed by the article ("the U.S. Senate")
        ["White House"],
        ["Finance Ministry", "French Finance Ministry", "Japanese Finance Ministry"],
    ]
    attributed = [None, None, None, "USA", None, None]
    keys = _keys(entity_bodies(forms, attributed, "GBR", lex), lex)
    assert keys == [
        ("body:JPN:ministry:finance", "JPN"),
        ("body:JPN:ministry:finance", "JPN"),
        ("body:GBR:ministry:treasury", "GBR"),  # the dateline's country
        ("body:USA:senate", "USA"),
        None,
        None,  # two countries: no one body
    ]
    # a body of no known country is one per name: two BBC items' commerce ministries
    # ("Ministry of Commerce", "Commerce Department") may be China's and America's
    forms = [["the Treasury"], ["Ministry of Commerce"], ["Commerce Department"]]
    assert _keys(entity_bodies(forms, [None, None, None], None, lex), lex) == [
        ("body:-:treasury", None),
        ("body:-:ministry of commerce", None),
        ("body:-:commerce department", None),
    ]


def test_a_story_gives_a_body_its_country(lex) -> None:
    # the seeds: Dawn's Islamabad report names Pakistan's "Foreign Office"; Khaama Press's
    # item of the same story, with no dateline and three countries named, says "Foreign
    # Office (FO)" and left it an actor of no country beside Pakistan's
    dawn = entity_bodies([["Foreign Office"]], [None], "PAK", lex)
    khaama = entity_bodies([["Foreign Office", "FO"]], [None], None, lex)
    other = entity_bodies([["Foreign Office"]], [None], None, lex)
    filled = story_countries([("s_talks", dawn), ("s_talks", khaama), ("s_trade", other)])
    assert [_keys(bodies, lex) for bodies in filled] == [
        [("body:PAK:ministry:foreign", "PAK")],
        [("body:PAK:ministry:foreign", "PAK")],
        [("body:-:foreign office", None)],  # another story: says nothing of this one
    ]


def test_the_acronym_an_article_gives_a_body_goes_with_it(lex) -> None:
    # "the U.S. Department of Transportation (DOT)": one entity of both forms (Reuters)
    forms = [["Department of Transportation", "DOT"], ["DOT"]]
    assert _keys(entity_bodies(forms, [None, None], "USA", lex), lex) == [
        ("body:USA:ministry:transport", "USA"),
        None,  # an acronym alone names no body
    ]


def test_a_bodys_name_is_its_most_used_form() -> None:
    # the longest form named the actor before: "U.S. Department of Agriculture of the" (one
    # NER span) for 247 mentions of "U.S. Agriculture Department" (Reuters)
    registry = ActorRegistry()
    key = "body:USA:ministry:agriculture"
    forms = ["U.S. Agriculture Department"] * 3 + ["Department", "Agriculture Department"]
    registry.resolve("ORG", forms, "USA", key=key)
    actor_id = registry.resolve("ORG", ["U.S. Department of Agriculture of the"], "USA", key=key)
    frame = registry.to_frame()
    assert frame.filter(frame["actor_id"] == actor_id)["name"].to_list() == [
        "U.S. Agriculture Department"
    ]


def test_a_curated_body_takes_its_countrys_bare_name(lex) -> None:
    # a Zurich item's "the National Bank" is the Swiss National Bank (known_actors.jsonl)
    known = known_bodies(lex)
    assert known["body:CHE:bank:national"] == "known:swiss_national_bank"
    swiss = entity_bodies([["National Bank"]], [None], "CHE", lex)
    assert _keys(swiss, lex, known) == [("known:swiss_national_bank", "CHE")]
    polish = entity_bodies([["National Bank"]], [None], "POL", lex)
    assert _keys(polish, lex, known) == [("body:POL:bank:national", "POL")]


def test_polity_of_an_article_without_a_dateline() -> None:
    assert polity(["GBR", "GBR", None]) == "GBR"  # Labour, the Commons, the UN
    assert polity(["GBR", "USA"]) is None  # the Bank of England and the Fed
    assert polity([None]) is None


@pytest.fixture(scope="module")
def extract_nlp():
    return load_nlp(SETTINGS.spacy_model)


def test_an_undated_item_naming_one_country_gives_it_its_bodies(extract_nlp) -> None:
    # a real BBC file: no dateline, no curated actor, one country named ("the US")
    body = (FIXTURES / "bbc_business_jobs_us.txt").read_text(encoding="utf-8")
    registry = ActorRegistry()
    extract_batch(deduped([body]), extract_nlp, registry, SETTINGS)
    found = {(r["name"], r["country_code"]) for r in registry.to_frame().iter_rows(named=True)}
    assert ("Labor Department", "USA") in found


def test_a_departments_acronym_with_of_joins_it(extract_nlp) -> None:
    # Reuters names "the U.S. Department of Transportation", then "the DOT report said": the
    # acronym keeps the "of" (audit26: three "DOT" mentions were an actor of their own)
    record = json.loads((FIXTURES / "reuters_dot_smoking.json").read_text(encoding="utf-8"))
    registry = ActorRegistry()
    articles = deduped([record["body"]], dateline=["WASHINGTON"])
    extract_batch(articles, extract_nlp, registry, SETTINGS)
    found = {r["name"]: r for r in registry.to_frame().iter_rows(named=True)}
    assert "DOT" not in found
    assert found["U.S. Department of Transportation"]["country_code"] == "USA"
    assert "DOT" in found["U.S. Department of Transportation"]["aliases"]


def _bodies(warehouse: Path) -> dict[tuple[str, str | None], set[str]]:
    """(actor name, country) of the generic bodies -> the datelines of their mentions' articles
    (the BBC file's: "-")."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """select a.name, a.country_code, coalesce(split_part(r.dateline, ',', 1), '-')
               from mentions m join actors a using (actor_id) join articles r using (article_id)
               where a.name in ('Finance Ministry', 'Treasury', 'Treasury Department')"""
        ).fetchall()
    out: dict[tuple[str, str | None], set[str]] = {}
    for name, country, dateline in rows:
        out.setdefault((name, country), set()).add(dateline)
    return out


def test_each_countrys_body_is_its_own_actor_across_runs(tmp_path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    shutil.copy(FIXTURES / "reuters_first.jsonl", first / "wire.jsonl")
    shutil.copy(FIXTURES / "reuters_later.jsonl", later / "wire.jsonl")
    shutil.copy(FIXTURES / "bbc_politics_077.txt", later / "077.txt")
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0)
    assert pipeline.run_bundle(first, settings)["loaded"] == 4
    assert pipeline.run_bundle(later, settings)["loaded"] == 2
    found = _bodies(settings.warehouse)
    # Tokyo's reports of both runs are Japan's ministry, Paris' France's
    assert found[("Finance Ministry", "JPN")] == {"TOKYO"}
    assert found[("Finance Ministry", "FRA")] == {"PARIS"}
    # "The Treasury Department said ..., the Treasury said": one body, the United States'
    assert found[("Treasury Department", "USA")] == {"WASHINGTON"}
    # the BBC file has no dateline; its curated actors (the Commons, Labour) are Britain's, so
    # its Treasury is the London wire's, apart from the United States'
    assert found[("Treasury", "GBR")] == {"LONDON", "-"}
    assert len(found) == 4
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        ids = con.execute(
            """select count(distinct actor_id) from actors
               where name = 'Finance Ministry' and country_code = 'JPN'"""
        ).fetchone()[0]
    assert ids == 1  # the later run's Tokyo report joined the first run's actor
