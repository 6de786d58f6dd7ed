"""Organisations the small model misses, splits or mistypes (issue 22), through extract_batch
and the ActorRegistry: each test pins one rule of extract, doc_entities or sports."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsflow.extract import load_nlp
from newsflow.settings import Settings
from tests.extract_frames import extract_bodies

SETTINGS = Settings()
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(SETTINGS.spacy_model)


def extract(nlp, *bodies: str) -> list[dict]:
    """Every mention as {text, name, type, country} (mentions joined to actors), in order."""
    return [
        {"text": r["mention_text"], "name": r["actor_name"], "type": r["actor_type"],
         "country": r["country_code"]}
        for r in extract_bodies(nlp, *bodies, settings=SETTINGS).iter_rows(named=True)
    ]  # fmt: skip


def by_text(mentions: list[dict]) -> dict[str, tuple[str, str]]:
    return {m["text"]: (m["name"], m["type"]) for m in mentions}


def test_clubs_named_after_places_in_a_sports_report(nlp):
    body = (
        "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.\n\n"
        "LONDON 1996-08-30\n\n"
        "Leicestershire beat Somerset by an innings and 39 runs in two days to take over at the "
        "head of the county championship. Title rivals Essex, Derbyshire and Surrey all closed "
        "in on victory while Kent made up for lost time. Derbyshire's bowlers took four wickets "
        "before lunch, and rain stopped play in Leicester after tea."
    )
    found = by_text(extract(nlp, body))
    for club in ("LEICESTERSHIRE", "Leicestershire", "Somerset", "Essex", "Derbyshire", "Kent"):
        assert found[club][1] == "ORG", (club, found.get(club))
    assert found["LONDON"] == ("London", "PLACE")  # the dateline is a place
    assert found["Leicester"][1] == "PLACE"  # "in Leicester": the venue
    assert "CRICKET" not in found  # a section label, not an actor


def test_places_stay_places_outside_sports_reports(nlp):
    body = (
        "Floods closed roads across Derbyshire and Somerset on Monday, and the county council "
        "in Essex said schools in Leicestershire would stay open."
    )
    found = by_text(extract(nlp, body))
    assert {found[p][1] for p in ("Derbyshire", "Somerset", "Essex", "Leicestershire")} == {"PLACE"}


def test_an_organisation_named_before_its_head_word_is_one_name(nlp):
    body = (
        "Massoud Barzani's Kurdistan Democratic Party took the town on Saturday. In Washington "
        "the Democratic Party said it would press the White House to act."
    )
    mentions = extract(nlp, body)
    found = by_text(mentions)
    assert found["Kurdistan Democratic Party"] == ("Kurdistan Democratic Party", "GROUP")
    assert found["Democratic Party"] == ("Democratic Party", "GROUP")  # the US party, curated
    kdp = next(m for m in mentions if m["text"] == "Kurdistan Democratic Party")
    assert kdp["country"] != "USA"


def test_an_acronym_written_as_a_word_joins_its_expansion(nlp):
    body = (
        "The Organisation of Petroleum Exporting Countries (Opec) meets in Vienna next week. "
        "Analysts expect Opec to hold output steady."
    )
    mentions = extract(nlp, body)
    opec = [m for m in mentions if m["text"] == "Opec"]
    expansion = next(m for m in mentions if m["text"].endswith("Exporting Countries"))
    assert len(opec) == 2
    # "(Opec)" is a curated actor (known_actors.jsonl): the expansion is that actor too
    assert {m["name"] for m in opec} == {expansion["name"]} == {"OPEC"}
    assert expansion["type"] == "ORG"


def test_a_curated_acronym_defined_for_another_name_is_that_names(nlp):
    # reuters 20526: "DNC" is the US Democratic Party's curated acronym (known_actors.jsonl);
    # the bank, its own expansion, became that party and took its mentions
    body = (
        "Den Norske Creditbank (DNC) <NCBO.OL>, Norway's biggest commercial bank, said it "
        "boosted its profits in 1987's first eight months by 32.3 pct after vigorously "
        "cutting loan losses and operating costs. DNC said operating profit rose."
    )
    mentions = extract(nlp, body)
    dnc = [m for m in mentions if m["text"] == "DNC"]
    assert len(dnc) == 2
    assert {m["name"] for m in dnc} == {"Den Norske Creditbank"}
    assert {m["type"] for m in dnc} == {"ORG"}
    # the party's acronym with its own expansion stays the party (a listed variant; the
    # guard's sharing branch is test_an_acronym_written_as_a_word_joins_its_expansion's "Opec")
    body = "The Democratic National Committee (DNC) met in Atlanta. The DNC chairman spoke."
    assert {m["name"] for m in extract(nlp, body) if m["text"] == "DNC"} == {"Democratic Party"}


def test_an_acronym_defined_inline_joins_its_expansion(nlp):
    body = (
        "The Association of Directors of Social Services (ADSS) said it agreed in principle. "
        "But ADSS wants more money for foster carers."
    )
    mentions = extract(nlp, body)
    adss = [m for m in mentions if m["text"] == "ADSS"]
    expansion = next(m for m in mentions if m["text"].startswith("Association of Directors"))
    assert len(adss) == 2 and {m["name"] for m in adss} == {expansion["name"]}
    assert expansion["name"] == "Association of Directors of Social Services"


def test_party_adjectives_and_forms_of_the_parties(nlp):
    body = (
        "The Conservative leader Michael Howard attacked the plans. Liberal Democrat "
        "spokeswoman Sandra Gidley said the Liberal Democrats would oppose them, and "
        "Republicans in Washington agreed."
    )
    found = by_text(extract(nlp, body))
    assert found["Conservative"] == ("Conservative Party", "GROUP")
    assert found["Liberal Democrat"] == ("Liberal Democrats", "GROUP")
    assert found["Liberal Democrats"] == ("Liberal Democrats", "GROUP")
    assert found["Republicans"][1] in {"GROUP", "ORG"}


def test_a_capital_that_acts_is_its_government(nlp):
    body = (
        "Washington said on Tuesday it would impose new sanctions. Tehran rejected the offer, "
        "and officials in Tehran said talks were over."
    )
    mentions = extract(nlp, body)
    washington = next(m for m in mentions if m["text"] == "Washington")
    assert (washington["type"], washington["country"]) == ("COUNTRY", "USA")
    tehrans = [(m["type"], m["country"]) for m in mentions if m["text"] == "Tehran"]
    assert tehrans == [("COUNTRY", "IRN"), ("PLACE", "IRN")]  # the second is where talks were


def test_person_names_lose_titles_and_keep_peerages(nlp):
    body = (
        "Archbishop Desmond Tutu met Lord Falconer and Ms Jamieson, a lawyer, before Guy "
        "Mansfield QC spoke. Later Lord Falconer said the talks had gone well."
    )
    texts = [m["text"] for m in extract(nlp, body) if m["type"] == "PERSON"]
    assert "Desmond Tutu" in texts and "Guy Mansfield" in texts and "Jamieson" in texts
    assert texts.count("Lord Falconer") == 2


def test_facilities_are_places(nlp):
    body = "Flights from Heathrow were cancelled and protesters gathered in Parliament Square."
    found = by_text(extract(nlp, body))
    assert found["Heathrow"][1] == "PLACE" and found["Parliament Square"][1] == "PLACE"


def test_a_short_company_name_joins_its_full_name_in_the_article(nlp):
    """Issue 20: "Occidental" after "Occidental Petroleum Corp" and "the NAO" after "the
    National Audit Office" are one actor each (Reuters and BBC text), while "Treasury" is not
    the "Treasury Select Committee" (a committee is no company: no legal form)."""
    reuters = (
        "Occidental Petroleum Corp said the previously reported retirement of nine series of "
        "Natural Gas Pipeline Co of America debt will occur on July two. Retirement of the "
        "subsidiary's was announced by Occidental last week."
    )
    bbc = (
        "A National Audit Office report on the 20 biggest projects says costs have risen by "
        "£1.7bn. The NAO's annual report showed the total cost of the 20 projects covered was "
        "expected to reach £50bn. The Treasury Select Committee said the Treasury had not "
        "answered its questions."
    )
    found = by_text(extract(nlp, reuters, bbc))
    assert found["Occidental"] == found["Occidental Petroleum Corp"]
    assert found["NAO"] == found["National Audit Office"]
    assert found["Treasury"] != found["Treasury Select Committee"]


def test_a_hyphenated_surname_typed_org_joins_the_person_named_in_full(nlp):
    """Issue 20: BBC "Kilroy unveils immigration policy". NER types the later "Mr Kilroy-Silk"
    ORG; as an organisation it only joined an exact name, so Robert Kilroy-Silk was two actors
    and "he argued" (a pronoun takes only people) had no one to stand for."""
    body = (
        "Ex-chatshow host Robert Kilroy-Silk has attacked UK policy on immigration saying "
        'Britain\'s open door approach is hitting low wage "indigenous" workers. The MEP said '
        "his party would only admit foreigners who were required because they had specific "
        "skills to offer. Mr Kilroy-Silk said that worked out at £143,000 per successful "
        "asylum seeker."
    )
    found = extract(nlp, body)
    people = {(m["name"], m["type"]) for m in found if "Kilroy" in m["text"]}
    assert people == {("Robert Kilroy-Silk", "PERSON")}, found


def test_a_firm_reuters_marks_in_angle_brackets_is_named_without_them(nlp):
    # reuters21578 newids 12881 and 1606: Reuters writes an unlisted firm "<Algoma Steel Corp
    # Ltd>"; NER took the closing bracket into the name ("Algoma Steel Corp Ltd>"), an actor
    # apart from the firm named plainly (1,266 such actors in the whole corpus)
    algoma = (
        "<Algoma Steel Corp Ltd> said there were no specific developments to explain the recent "
        "increase in its share price and there were no announcements planned or anticipated.\n\n"
        "The company said it made the statement at the request of the Toronto Stock Exchange."
    )
    comdata = (
        "Comdata Network Inc said it is in active talks with other parties on a possible "
        "acquisition or recapitalization of Comdata in an effort to maximize shareholder "
        "values.\n\nComdata said <Rosewood Financial Inc> together with <Cypress Partners LP> "
        "and <Driftwood Ltd> have acquired over five pct of Comdata stock and Rosewood intends "
        "to acquire over 15 pct of Comdata.\n\nComdata said it has not yet reached a definitive "
        "agreement with <Mason Best Co> for the previously-announced recapitalization and "
        "self-tender offer."
    )
    mentions = extract(nlp, algoma, comdata)
    assert all(
        "<" not in m["text"] + m["name"] and ">" not in m["text"] + m["name"] for m in mentions
    ), mentions
    names = {m["name"] for m in mentions}
    assert {"Algoma Steel Corp Ltd", "Rosewood Financial Inc", "Mason Best Co"} <= names, names


def test_a_name_run_across_a_ticker_bracket_is_cut_at_it(nlp):
    # newid 16576: NER took "Sears, Roebuck and Co <S" (the name of 51 Sears mentions in the
    # whole corpus); newid 482: "Texas Air Corp's <TEX> Continental Airlines" gave "TEX>
    # Continental Airlines"
    sears = (
        "Hitech Engineering Co said it won\nlitigation brought against it by Coldwell Banker "
        "Commercial\nServices Group, a unit of Sears, Roebuck and Co <S>.\n    In the lawsuit, "
        "tried in U.S. District Court for the\nEastern District of Virginia, Coldwell had "
        "claimed that Hitech\nimproperly canceled a lease for additional office space and\n"
        "sought damages of 350,000 dlrs."
    )
    continental = (
        "Presidential Airways Inc said it will serve 12 cities when it starts operating "
        "Continental Express under a joint marketing agreement with Texas Air Corp's <TEX> "
        "Continental Airlines on March 23."
    )
    # newid 1808: NER's "BAC> Corp" leaves no name but a legal form, no actor "Corp"
    bankamerica = (
        "He said BankAmerica <BAC> Corp has had numerous inquiries\nfrom lenders who want to "
        "participate in a 2.25 billion dlr financing for the deal."
    )
    mentions = extract(nlp, sears, continental, bankamerica)
    names = {m["name"] for m in mentions}
    assert not [n for n in names if "<" in n or ">" in n], names
    assert {"Sears, Roebuck and Co", "Continental Airlines"} <= names, names
    assert "Corp" not in names, names


def test_a_one_word_name_with_a_digit_or_in_capitals_is_no_person(nlp):
    # bbc/politics/100 and 369: NER called "MI6" and "BAA" people, and an arrest owned by "his"
    # went to the MI6 "person" the clause named (COERCE -> MI6)
    found = extract(
        nlp,
        "Martin Mubanga claimed in the Observer that an MI6 officer played a key role in "
        "consigning him to the US camp in Cuba, following his arrest in Zambia.",
        "UK airport operator BAA has reiterated its support for the government's aviation "
        "expansion plans to airports throughout the country. BAA, which operates all three, said "
        "it was consulting with local communities.",
    )
    types = {(m["text"], m["type"]) for m in found}
    assert ("MI6", "ORG") in types, found
    assert ("BAA", "ORG") in types and ("BAA", "PERSON") not in types, found
    assert ("Martin Mubanga", "PERSON") in types


def test_initials_numerals_and_a_line_in_capitals_keep_their_people(nlp):
    found = extract(
        nlp,
        "J.B. Hunt said profits rose. Henry VIII was a king.",
        "BAKER SAYS BAA PLAN IS FINE\n\nTreasury Secretary James Baker said on Monday the plan "
        "was fine.",
    )
    types = {(m["text"], m["type"]) for m in found}
    assert {("J.B. Hunt", "PERSON"), ("Henry VIII", "PERSON"), ("BAKER", "PERSON")} <= types, found


def test_standard_and_poors_is_one_actor_however_reuters_writes_it(nlp):
    # reuters21578 newid 12387: NER split "Standard and Poor's Corp" at "and" ("Poor's Corp",
    # 134 Reuters mentions), and "S and P" was an ORG "P" (76): ten actors for one agency
    found = extract(
        nlp,
        "Standard and Poor's Corp said it may\ndowngrade GAF Corp's 415 mln dlrs of BB-minus "
        "senior debt and\nB-rated subordinated debt.\n    S and P cited GAF's 3.2 billion dlr "
        "acquisition offer for\nBorg-Warner Corp <BOR>.",
    )
    agency = [m for m in found if m["name"] == "Standard and Poor's Corp"]
    assert [m["text"] for m in agency] == ["Standard and Poor's Corp", "S and P"], found
    assert not any(m["text"] in ("BB", "P", "Poor's Corp") for m in found), found


def test_wire_table_words_are_no_actors(nlp):
    # newids 619 (an earnings table: "Revs" was a PERSON with 297 Reuters mentions), 10746,
    # 14649
    found = extract(
        nlp,
        "Qtr ended Jan 31\n    Shr 72 cts vs 71 cts\n    Net 3,062,000 vs 3,023,000\n    Revs "
        "58.5 mln vs 56.4 mln\n    Nine mths\n    Shr 2.10 dlrs vs 1.73 dlrs",
        "Singapore's M-1 money supply  rose\n2.7 pct in January to 10.09 billion Singapore dlrs "
        "after a 3.7\npct increase in December, the Monetary Authority of Singapore\nsaid.",
        "Based on that\nprice, dealers said refined corn oil, FOB, New York, was\nnominally 27.15 "
        "cents a lb.",
    )
    texts = {m["text"] for m in found}
    assert not texts & {"Revs", "Shr", "M-1", "FOB"}, found
    assert {"Singapore", "Monetary Authority of Singapore", "New York"} <= texts, found


def test_the_us_written_without_its_last_point_is_the_country(nlp):
    # reuters21578: "the U.S seeks" was a PLACE "U.S" (58 Reuters mentions)
    found = extract(
        nlp,
        "Baker said the U.S seeks a greater say in bank decisions for its contributions.",
        "EC sales to the U.S, against about a third in recent years, were half of the total.",
    )
    us = [(m["text"], m["name"], m["type"]) for m in found if m["text"] == "U.S"]
    assert us == [("U.S", "United States", "COUNTRY")] * 2, found


def test_a_place_name_after_an_office_is_a_person(nlp):
    # bbc-news-2005: "President Bush" was a PLACE (Bush, Egypt) in 35 of the BBC's 58 "Bush"
    # PLACE mentions; a bare "Manchester" NER calls PERSON stays a place
    found = extract(
        nlp,
        "President Bush has said he will work with Europe on Iran.",
        "The meeting will be held in Manchester next week.",
    )
    types = {(m["text"], m["type"]) for m in found}
    assert ("Bush", "PERSON") in types, found
    assert ("Manchester", "PLACE") in types, found


DOME = (  # reuters21578 newid 1825
    "Dome Petroleum Ltd's plan to reschedule\ndebt of more than 6.1 billion Canadian dlrs will "
    "likely be\ndetailed to a group of 56 major creditors on Monday or Tuesday\nnext week, a "
    "company spokesman said.\n    Circulation of the complex plan to reschedule the company's\n"
    "debt was delayed to incorporate late changes resulting from\ndiscussions with Dome's "
    "lenders, spokesman David Annesley told\nReuters in response to an inquiry.\n    Annesley "
    "said Dome expects its debt will total between 6.3\nbillion and 6.5 billion dlrs by June 30, "
    "1987, when it hopes to\nimplement the debt plan now under negotiation."
)
BAKER = (  # newid 1920
    "The directors of Hughes Tool Co\n<HT> said they would recommend to shareholders that they "
    "reject\na merger with Baker International Corp <BKO> today.\n    The Hughes board objected "
    "to a U.S. Department of Justice\nrequirement that Baker sell off several specialised\n"
    "subsidiaries in businesses related to oil-drilling."
)


def test_a_firms_short_name_ner_called_a_place_or_person_is_the_firm(nlp):
    # "Dome" was a PLACE (151 Reuters mentions), "Baker" a PERSON beside Baker International
    # Corp: each is the company the article named in full
    found = extract(nlp, DOME, BAKER)
    short = {(m["text"], m["name"], m["type"]) for m in found if m["text"] in ("Dome", "Baker")}
    assert short == {
        ("Dome", "Dome Petroleum Ltd", "ORG"),
        ("Baker", "Baker International Corp", "ORG"),
    }, found


def test_a_place_where_a_firm_works_and_a_person_of_its_name_stay(nlp):
    # the same firm names beside the town and the man: "in Burlington" is where, and "Baker"
    # after "James Baker" is the Treasury Secretary
    found = extract(
        nlp,
        "Burlington Industries Inc said it will close its plant in Burlington next year.",
        "Treasury Secretary James Baker met Baker International Corp executives. Baker said "
        "the dollar was stable.",
    )
    kinds = {(m["text"], m["type"]) for m in found if m["text"] in ("Burlington", "Baker")}
    assert ("Baker", "ORG") not in kinds, found
    assert ("Burlington", "ORG") not in kinds, found


def test_an_award_is_no_actor(nlp):
    # bbc-news-2005 entertainment: "Oscar" was a PERSON with 137 BBC mentions ("winning him an
    # Oscar in 1973"); the man named Oscar stays a person
    found = extract(
        nlp,
        "But Brando, who died last July at the age of 80, eventually took the role of Don "
        "Corleone, winning him an Oscar in 1973 which he notoriously refused.",
        "Meanwhile, design engineer Takuo Miyagishima will be awarded an Oscar at the Scientific "
        "and Technical Awards Dinner on 12 February 2005. Oscar Wilde wrote plays.",
    )
    texts = {m["text"]: m["type"] for m in found}
    assert "Oscar" not in texts, found
    assert texts.get("Oscar Wilde") == "PERSON" and texts.get("Brando") == "PERSON", found


def test_the_law_lords_are_the_house_of_lords_in_any_case(nlp):
    # bbc-news-2005 politics/384: NER missed the lower-case "law lords" (16 BBC mentions), so
    # their ruling had no source
    found = extract(
        nlp,
        "It comes after law lords ruled that the detention of 12 foreign terror suspects "
        "without trial breached human rights. The Law Lords said the rules were incompatible.",
    )
    assert [(m["text"], m["name"]) for m in found] == [
        ("law lords", "House of Lords"),
        ("Law Lords", "House of Lords"),
    ], found


def test_a_name_written_like_a_firms_is_no_person(nlp):
    # bbc-news-2005 business/025 (whole): "Yukos" was a PERSON at all 178 BBC mentions; the
    # article writes "oil giant Yukos", "Yukos claimed it"
    body = (FIXTURES / "firm_names" / "bbc_business_025.txt").read_text(encoding="utf-8")
    kinds = {m["type"] for m in extract(nlp, body) if m["text"] == "Yukos"}
    assert kinds == {"ORG"}, kinds
    # business/047: "Budget airline Ryanair"; a man of one name written like a person stays
    found = extract(
        nlp,
        "Budget airline Ryanair has placed an order for 70 Boeing 737-800 planes.",
        "The band Keane played. Keane, who formed the band in 1997, said he was pleased.",
    )
    kinds = {(m["text"], m["type"]) for m in found}
    assert ("Ryanair", "ORG") in kinds and ("Keane", "ORG") not in kinds, found


def test_a_firm_short_name_is_no_person_of_its_initial_nor_a_state_of_a_body(nlp):
    # entity_changes28 (judged blind; mended after, so tuned on): reuters21578 newid 16023
    # "Goodrich said Moore is still actively looking" joined "M. Keith Goodrich" by the initial
    # M; newid 7644 "the Public Utilities Commission of Ohio" beside "Ohio Edison Co"
    found = extract(
        nlp,
        "Moore Corp Ltd expects 1987 profits from\ncontinuing operations will exceed 1986 "
        "results, president M. Keith Goodrich said.\n    Goodrich said Moore is still actively "
        "looking for\nacquisitions related to its core areas of business.",
        "Ohio Edison Co said it has\ncompleted the sale and leaseback of 30 pct of its 30 pct\n"
        "interest. It plans\non filing a rate application with the Public Utilities\nCommission "
        "of Ohio to recover the Perry costs later this year.",
    )
    names = {(m["text"], m["name"]) for m in found}
    assert ("Moore", "Moore Corp Ltd") in names, found
    assert ("Ohio", "Ohio Edison Co") not in names, found


def test_a_fixture_is_two_clubs_and_a_kings_numeral_stays(nlp):
    # bbc-news-2005 sport/192 (an FA Cup draw): "Everton v Sunderland" was one PERSON actor,
    # 14 such fixture actors in the BBC bundle (157 mentions)
    found = extract(
        nlp,
        "Arsenal v Wolverhampton\n\nEverton v Sunderland\n\nNottm Forest v Peterborough\n\n",
        "Henry V was staged at the National Theatre.",
    )
    texts = {m["text"] for m in found}
    assert not any(" v " in t for t in texts), found
    assert {"Everton", "Sunderland"} <= texts, found
    assert "Henry" not in texts, found


def test_a_product_is_no_actor_its_maker_is(nlp):
    # bbc-news-2005 tech: "iPod" was an ORG with 49 mentions in the technology section, "Xbox" 39,
    # "Windows XP" a PLACE
    found = extract(
        nlp,
        "Microsoft has said it will replace more than 14 million power cables for its Xbox "
        "consoles due to safety concerns. A follow-up to Xbox is expected to released at the end "
        "of this year or the beginning of 2006.",
        "The event will play host to a large collection of digital music players, from companies "
        "such as Creative, Sony and Philips as well as the ubiquitously fashionable iPod from "
        "Apple.",
    )
    texts = {m["text"] for m in found}
    assert not texts & {"Xbox", "iPod"}, found
    assert {"Microsoft", "Sony", "Apple"} <= texts, found


def test_a_rating_word_that_is_also_a_body_keeps_the_body(nlp):
    # reuters21578 newid 19: "CCC" is the Commodity Credit Corporation (169 Reuters mentions);
    # listing "ccc" with the ratings as junk had dropped 123 of them. bbc sport/001: "the AAAs
    # title", the Amateur Athletic Association. A bare rating stays no actor ("BB", newid 618)
    ccc = extract(
        nlp,
        "The Commodity Credit Corporation, CCC,\nhas accepted an export bonus offer to cover the "
        "sale of 37,000\nlong tons of wheat flour to North Yemen, the U.S. Agriculture\n"
        "Department said.\n    The wheat four is for shipment March-May and the bonus\nawarded "
        "was 119.05 dlrs per tonnes and will be paid in the form\nof commodities from the CCC "
        "inventory.",
    )
    assert [m["name"] for m in ccc if m["text"] == "CCC"] == ["Commodity Credit Corporation"] * 2
    rating = extract(
        nlp,
        "Raised were the companies' senior debt to BB from B and\nsubordinated debt to B-plus "
        "from CCC-plus.",
    )
    assert "BB" not in [m["text"] for m in rating], rating


AMC_ITEM = (  # Reuters 1987, "AMERICAN MOTORS <AMO> STATEMENT QUALIFIED" (random_audit37 178)
    "American Motors said earlier that an arbitration award, made to Emerson Electric Co <EMR> "
    "in February, amounted to 60 mln dlrs plus legal expenses.\n\n"
    "The automaker sold the AM General unit to LTV Corp <QLTV> in 1983, the same year it was "
    "awarded a five-year, 1.2 billion dlr procurement contract with the military. LTV and AM "
    "General last year sought protection under Chapter 11.\n\n"
    "The arbitration proceeding was called after Emerson Electric charged AM General violated "
    "an agreement covering the development of certain components in the contract."
)


def test_a_name_of_two_words_repeated_where_ner_missed_it_is_a_mention(nlp):
    # "AM General" was a mention once; its two later uses were none, so the ACCUSE of the last
    # sentence had a null target
    general = [m for m in extract(nlp, AMC_ITEM) if m["text"] == "AM General"]
    assert len(general) == 3
    assert {m["name"] for m in general} == {"AM General"}


def test_a_repeat_inside_a_longer_capitalised_name_is_not_that_name(nlp):
    body = (
        "Diamond Shamrock said it would spin off its refining arm. Roger Hemminghaus will be "
        "chairman of the new Diamond Shamrock Refining and Marketing Co."
    )
    assert [m["text"] for m in extract(nlp, body)].count("Diamond Shamrock") == 1


def test_the_curated_actors_patterns_are_built_from_known_actors():
    # a row added to known_actors.jsonl matches nothing until build_patterns.py is rerun: the
    # European Investment Bank was added so and stayed an uncurated actor (this session's audit)
    import importlib.util
    import json

    path = Path(__file__).parents[1] / "data" / "entities" / "build_patterns.py"
    spec = importlib.util.spec_from_file_location("build_patterns", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    names, acronyms = build.known_patterns()
    for name, rows in (
        ("patterns_known_names.jsonl", names),
        ("patterns_known_acronyms.jsonl", acronyms),
    ):
        shipped = (path.parent / name).read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in shipped if line.strip()] == rows, name
