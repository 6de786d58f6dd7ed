"""Names the small model gives the wrong kind, through extract_batch and the ActorRegistry on
real BBC and Reuters text: a name that one article of a batch writes as a firm's or a club's is
an organisation in every article of the batch (`firm_names.batch_firms`, fixtures in
tests/fixtures/batch_firms), and a country's very name is the country."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from bench.bench_extract import deduped
from newsflow import pipeline
from newsflow.extract import extract_batch, load_nlp
from newsflow.firm_names import NameCues, batch_firms
from newsflow.name_memory import NameMemory
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings
from newsflow.short_orgs import names_one
from tests.extract_frames import extract_bodies

SETTINGS = Settings()
FIXTURES = Path(__file__).parent / "fixtures" / "batch_firms"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(SETTINGS.spacy_model)


def types_of(nlp, name: str, *files: str) -> dict[str, set[tuple[str, str]]]:
    """article_id -> {(actor name, actor type)} of the mentions whose text is `name`, with
    the `files` extracted as one batch (a_0, a_1, ... in order)."""
    found: dict[str, set[tuple[str, str]]] = {}
    bodies = [(FIXTURES / f).read_text(encoding="utf-8") for f in files]
    for row in extract_bodies(nlp, *bodies, settings=SETTINGS).iter_rows(named=True):
        if row["mention_text"] == name:
            found.setdefault(row["article_id"], set()).add((row["actor_name"], row["actor_type"]))
    return found


def test_a_firm_named_with_its_boss_in_one_article_is_a_firm_in_the_others(nlp):
    # bbc business 324 writes "Yukos" eleven times and never with a firm's word: alone, the
    # small model's PERSON stands; 157 writes "former Yukos boss Mikhail Khodorkovsky"
    assert types_of(nlp, "Yukos", "bbc_business_324.txt") == {"a_0": {("Yukos", "PERSON")}}
    both = types_of(nlp, "Yukos", "bbc_business_157.txt", "bbc_business_324.txt")
    assert both == {"a_0": {("Yukos", "ORG")}, "a_1": {("Yukos", "ORG")}}


def test_a_club_named_with_its_staff_is_a_club_in_every_article(nlp):
    # 280: "Chelsea boss Jose Mourinho" (NER's ORG) and "Chelsea beat Portsmouth" (its PERSON);
    # 141 ("when they play Chelsea") alone reads a person; 255 writes "Premiership leaders
    # Chelsea", an office in the plural, which names no person
    assert types_of(nlp, "Chelsea", "bbc_sport_141.txt") == {"a_0": {("Chelsea", "PERSON")}}
    chelsea = types_of(
        nlp, "Chelsea", "bbc_sport_280.txt", "bbc_sport_141.txt", "bbc_sport_255.txt"
    )
    assert chelsea == {a: {("Chelsea", "ORG")} for a in ("a_0", "a_1", "a_2")}


def test_a_name_of_a_clubs_shape_is_a_club(nlp):
    # 148 ("United fans had ...") has no staff word after "Manchester United", which the small
    # model reads a person; 249 writes "Manchester United striker Ole Gunnar Solskjaer"
    alone = types_of(nlp, "Manchester United", "bbc_sport_148.txt")
    assert alone == {"a_0": {("Manchester United", "ORG")}}
    batch = types_of(nlp, "Manchester United", "bbc_sport_249.txt", "bbc_sport_148.txt")
    assert batch == {a: {("Manchester United", "ORG")} for a in ("a_0", "a_1")}


def test_a_band_named_as_one_spreads_unless_the_batch_names_a_person_so(nlp):
    # 142: "Rock band Keane won Sound of 2004"; 253 names the band "Keane" only, and alone the
    # small model reads a person
    assert types_of(nlp, "Keane", "bbc_entertainment_253.txt")["a_0"] == {("Keane", "PERSON")}
    bands = types_of(nlp, "Keane", "bbc_entertainment_142.txt", "bbc_entertainment_253.txt")
    assert bands["a_1"] == {("Keane", "ORG")}
    # with 282's "Roy Keane" in the batch, "Keane" is a person's surname too: the batch decides
    # nothing for it (each article's own words still do: 142 keeps its band)
    mixed = types_of(
        nlp, "Keane", "bbc_entertainment_142.txt", "bbc_sport_282.txt", "bbc_entertainment_253.txt"
    )
    assert mixed["a_0"] == {("Keane", "ORG")}
    assert {t for _, t in mixed["a_2"]} == {"PERSON"}


def test_a_place_the_gazetteer_does_not_know_is_the_firm_the_batch_names(nlp):
    # 324: "Gazprom" a PLACE to the small model; 164 writes it as a firm; a known place of
    # the batch stays a place
    assert types_of(nlp, "Gazprom", "bbc_business_324.txt") == {"a_0": {("Gazprom", "PLACE")}}
    both = types_of(nlp, "Gazprom", "bbc_business_164.txt", "bbc_business_324.txt")
    assert both == {"a_0": {("Gazprom", "ORG")}, "a_1": {("Gazprom", "ORG")}}
    moscow = types_of(nlp, "Moscow", "bbc_business_164.txt", "bbc_business_324.txt")
    assert {t for found in moscow.values() for _, t in found} == {"PLACE"}


def test_a_countrys_name_is_the_country_whatever_ner_calls_it(nlp):
    # Reuters newid 9719: the small model reads "Sri Lanka" a PERSON at three of its four
    # mentions (36 Reuters mentions, 15 BBC ones, at ff3078e)
    body = (
        "Sri Lanka will appeal to its major aid\ndonors for at least 21 mln dlrs in financial "
        "support to help it\novercome the country's worst drought in 26 years.\n    Government "
        "officials told Reuters that letters detailing\nthe extent of the drought would be sent "
        "this week to the 14\ncountries that gave some 700 mln dlrs in development aid to Sri\n"
        "Lanka last year.\n    Officials in the Finance and Planning Ministry coordinating\nthe "
        "aid request said Sri Lanka wanted the money over a\nsix-month period."
    )
    rows = extract_bodies(nlp, body, settings=SETTINGS).iter_rows(named=True)
    found = {(r["actor_name"], r["actor_type"], r["country_code"]) for r in rows
             if r["mention_text"].replace("\n", " ") == "Sri Lanka"}  # fmt: skip
    assert found == {("Sri Lanka", "COUNTRY", "LKA")}


def test_a_person_named_to_an_office_stays_a_person(nlp):
    # Reuters newids 14519 and 12639: the staff word follows the person it names, not a club
    # or a firm before its holder's name ("Chelsea boss Jose Mourinho")
    elected = (
        "Manhattan National Corp said it elected\nCharles Hinckley chairman and chief executive "
        "officer of the\nlife insurance holding company.\n    Hinckley succeeds Wilmot Wheeler "
        "Jr, who returns to his\nformer position as vice chairman, the company said."
    )
    quoted = (
        "Heightened concern over renewed\ninflation is feeding the rally in silver and the "
        "upward move\ncould drive the inflation hedge metal this year to as much as\n9.00 dlrs "
        "per troy ounce, Mike Boswell chairman of Sunshine\nMining Co told Reuters in an "
        "interview."
    )
    # BBC entertainment 181: "broadcaster" stands before firms and people alike
    broadcaster = (FIXTURES / "bbc_entertainment_181.txt").read_text(encoding="utf-8")
    rows = extract_bodies(nlp, elected, quoted, broadcaster, settings=SETTINGS).iter_rows(
        named=True
    )
    names = ("Charles Hinckley", "Hinckley", "Mike Boswell", "Chris Evans", "Evans")
    found = {(r["mention_text"], r["actor_type"]) for r in rows if r["mention_text"] in names}
    assert found == {(name, "PERSON") for name in names}


def test_an_acronym_defined_for_a_countrys_government_is_kept(nlp):
    # BBC politics 209: "The Palestinian Authority (PA)" is the curated country's government
    # (any label, above); its "PA" had been an organisation's acronym, and was lost with it
    body = (FIXTURES / "bbc_politics_209.txt").read_text(encoding="utf-8")
    rows = extract_bodies(nlp, body, settings=SETTINGS).iter_rows(named=True)
    found = {(r["actor_type"], r["country_code"]) for r in rows if r["mention_text"] == "PA"}
    assert found == {("COUNTRY", "PSE")}


def test_a_lone_word_that_ends_many_club_names_joins_no_one_club(nlp):
    # BBC sport 107 writes "United" alone for Dundee United; 249 names Manchester United and
    # then "played for United": the lone word of 107 is not Manchester United's
    found = types_of(nlp, "United", "bbc_sport_249.txt", "bbc_sport_107.txt")
    assert found["a_0"] == {("Manchester United", "ORG")}
    assert ("Manchester United", "ORG") not in found["a_1"]


def test_a_name_that_begins_a_longer_one_is_not_its_acronym(nlp):
    # BBC tech 136 names BT and "BT Together", a calling plan: the letters of "BT" are the
    # plan's initials, and the company's mentions had joined the plan (74 BBC mentions of the
    # ORG "BT" were the actor "BT Together")
    assert not names_one("BT", "BT Together")
    assert names_one("NAO", "National Audit Office")
    body = (FIXTURES / "bbc_tech_136.txt").read_text(encoding="utf-8")
    rows = extract_bodies(nlp, body, settings=SETTINGS).filter(
        (pl.col("mention_text") == "BT") & (pl.col("actor_type") == "ORG")
    )
    assert set(rows["actor_name"]) == {"BT"}


def test_a_place_that_is_the_surname_of_a_person_named_in_full_is_that_person(nlp):
    # BBC sport 302: "Ronan O'Gara", then "O'Gara" three times a PLACE the gazetteer does not
    # know ("with O'Gara landing the conversion"), each its own actor
    body = (FIXTURES / "bbc_sport_302.txt").read_text(encoding="utf-8")
    rows = extract_bodies(nlp, body, settings=SETTINGS).filter(pl.col("mention_text") == "O'Gara")
    assert set(rows.select("actor_name", "actor_type").iter_rows()) == {("Ronan O'Gara", "PERSON")}
    # Reuters newid 16937: "Fujioka", a Japanese town the gazetteer knows, where it speaks
    # ("central bank, Fujioka said"); Manila and Osaka stay places
    body = (
        "The Asian Development Bank (ADB) will\nnot change its decision to admit China as a "
        "member despite\nprotests from founder member Taiwan, bank president Masao\nFujioka "
        "said.\n    Fujioka told Reuters in an interview that Taiwan had been\ninvited to the "
        "bank's 20th annual meeting starting April 27 in\nOsaka. ADB loans would be\nrouted "
        "through the country's central bank, Fujioka said.\n    Its last annual meeting was "
        "in Manila."
    )
    rows = extract_bodies(nlp, body, settings=SETTINGS)
    found = set(rows.filter(pl.col("mention_text") == "Fujioka")["actor_name"])
    assert found == {"Masao Fujioka"}
    places = rows.filter(pl.col("mention_text").is_in(["Osaka", "Manila"]))
    assert set(places["actor_type"]) == {"PLACE"}
    # BBC entertainment 255: "Indie dance band Kasabian", named after Linda Kasabian, whom
    # the article names in full: the band is no person
    body = (FIXTURES / "bbc_entertainment_255.txt").read_text(encoding="utf-8")
    rows = extract_bodies(nlp, body, settings=SETTINGS).filter(pl.col("mention_text") == "Kasabian")
    assert "Linda Kasabian" not in set(rows["actor_name"])


def types_in_batches(nlp, name: str, *batches: list[str]) -> list[set[tuple[str, str]]]:
    """{(actor name, actor type)} of the mentions whose text is `name`, per batch, with each
    list of `files` extracted as one batch, one after another, into one registry."""
    registry, found = ActorRegistry(), []
    for files in batches:
        bodies = [(FIXTURES / f).read_text(encoding="utf-8") for f in files]
        mentions = extract_batch(deduped(bodies), nlp, registry, SETTINGS).mentions
        rows = mentions.join(registry.to_frame(), on="actor_id").filter(
            pl.col("mention_text") == name
        )
        found.append(set(rows.select("name", "actor_type").iter_rows()))
    return found


def test_a_firm_named_in_an_earlier_batch_is_a_firm_in_a_later_one(nlp):
    # 324 alone reads "Yukos" a person (above); 157's "former Yukos boss" a batch before
    earlier, later = types_in_batches(
        nlp, "Yukos", ["bbc_business_157.txt"], ["bbc_business_324.txt"]
    )
    assert earlier == later == {("Yukos", "ORG")}


def test_a_surname_blocks_a_firm_in_its_own_batch_only(nlp):
    # 282's "Roy Keane" (a person named in full, written with no person's cue of its own)
    # keeps the band's name a surname in its batch; a batch later, 253's lone "Keane" is the
    # band that 142 named
    _, same = types_in_batches(
        nlp,
        "Keane",
        ["bbc_entertainment_142.txt"],
        ["bbc_sport_282.txt", "bbc_entertainment_253.txt"],
    )
    assert {t for _, t in same} == {"PERSON"}
    *_, later = types_in_batches(
        nlp,
        "Keane",
        ["bbc_entertainment_142.txt"],
        ["bbc_sport_282.txt"],
        ["bbc_entertainment_253.txt"],
    )
    assert later == {("Keane", "ORG")}


def test_a_name_given_a_person_before_is_a_firm_no_more():
    # BBC: "Fox" is Liam Fox ("Mr Fox", politics 007) and the broadcaster (entertainment 226)
    memory = NameMemory()
    assert batch_firms([NameCues(firms={"fox"})], NameMemory(), {"fox"}) == {"fox"}
    assert batch_firms([NameCues(people={"fox"}, surnames={"keane"})], memory, {"fox"}) == set()
    assert batch_firms([NameCues(firms={"fox", "keane"})], memory, {"fox"}) == {"keane"}
    learned = memory.new_rows("r1").select("name", "cue").rows()
    assert learned == [("fox", "person"), ("fox", "firm"), ("keane", "firm")]


def _bundle(folder: Path, *files: str) -> Path:
    folder.mkdir()
    for f in files:
        (folder / f).write_text((FIXTURES / f).read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _yukos_types(warehouse: Path, source: str) -> set[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select distinct t.actor_type from mentions m join actors t using (actor_id) "
            "join articles a using (article_id) "
            "where m.mention_text = 'Yukos' and a.source_path like '%' || $source",
            {"source": source},
        ).fetchall()
    return {t for (t,) in rows}


@pytest.mark.parametrize("history", ["full", "on_demand"])
def test_a_firm_named_in_an_earlier_run_is_a_firm_in_a_later_one(tmp_path, history):
    # a daily deployment: Monday's bundle writes "former Yukos boss Mikhail Khodorkovsky"
    # (157), Tuesday's names "Yukos" alone (324), which the small model reads a person
    monday = _bundle(tmp_path / "monday", "bbc_business_157.txt")
    tuesday = _bundle(tmp_path / "tuesday", "bbc_business_324.txt")
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0, history=history)
    pipeline.run_bundle(monday, settings)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cues = con.execute("select name, cue from name_cues").fetchall()
    assert ("yukos", "firm") in cues
    pipeline.run_bundle(tuesday, settings)
    assert _yukos_types(settings.warehouse, "bbc_business_324.txt") == {"ORG"}
    alone = settings.replace(warehouse=tmp_path / "alone.duckdb")
    pipeline.run_bundle(tuesday, alone)
    assert _yukos_types(alone.warehouse, "bbc_business_324.txt") == {"PERSON"}
