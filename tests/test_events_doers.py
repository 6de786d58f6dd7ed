"""A help or backing whose "by" phrase names a thing is no event (issue 20, `newsflow.doers`).

"The pound was supported by an improved British economic outlook" was a SUPPORT by the United
Kingdom; "backed by a letter of credit by Union Bank of Switzerland" a SUPPORT by the bank (a
note issue's security: routine business). A phrase that names who helps stays an event: an
actor, a name, an agent noun, or "a large number of" them.

Real sentences of the Reuters corpus (newids 13379, 17490, 1594, 16039, 11654, 12248) through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from newsflow import doers
from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["British", "Britain"]),
    ("act_ubs", "Union Bank of Switzerland", "ORGANIZATION", "CHE", ["Union Bank of Switzerland"]),
    ("act_hkg", "Hong Kong", "COUNTRY", "HKG", ["Hong Kong"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["U.S."]),
    ("act_aus", "Australia", "COUNTRY", "AUS", ["Australia"]),
    ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
]  # fmt: skip
WHEN = date(1987, 4, 7)


def _help(body: str, nlp) -> list[tuple[str, str | None, str | None]]:
    return [e for e in found_events(body, nlp, ACTORS, WHEN) if e[0] in ("SUPPORT", "AID")]


def test_an_outlook_that_supports_the_pound_is_no_backer(nlp):
    body = (
        "Dealers said the pound was also supported by an improved British economic outlook "
        "and stability in the oil market."
    )
    assert _help(body, nlp) == []  # before: SUPPORT by the United Kingdom


def test_a_letter_of_credit_behind_a_deal_is_no_support(nlp):
    body = (
        "The Marine Midland cars deal is rated a top-flight AAA by both Moody's and Standard "
        "and Poor's because it is backed by a letter of credit by Union Bank of Switzerland."
    )
    assert _help(body, nlp) == []  # before: SUPPORT by Union Bank of Switzerland


def test_a_named_backer_and_a_number_of_backers_stay(nlp):
    named = "They are supported by Canada and Australia, the delegates said."
    assert [s for _, s, _ in _help(named, nlp)] == ["act_can"]
    numbered = (
        "In another development, Hong Kong, supported by a large number of developing "
        "countries, attacked the textile and apparel trade act of 1987 introduced in the U.S."
    )
    support = _help(numbered, nlp)
    assert support and {t for _, _, t in support} == {"act_hkg"}


def test_an_industry_backing_a_bill_stays_a_backer(nlp):
    body = (
        "The bill, backed by the textile industry and senators from textile-producing states, "
        "would impose global quotas on textile imports and for the first time include Europe."
    )
    assert [e[0] for e in _help(body, nlp)] == ["SUPPORT"]


def test_agent_nouns_outside_the_sector_lists_name_doers(nlp):
    # Reuters newid 11654: "committee" names no CAMEO sector; `doers` adds it (with "industry",
    # "investors" ...) so a committee's backing is no thing's
    doc = nlp(
        "General Motors might also be faced with wildcat strikes, or walkouts by local union "
        "units that are not endorsed by the union's central committee, analysts said."
    )
    committee = next(t for t in doc if t.lower_ == "committee")
    assert committee.head.dep_ == "agent"
    assert doers.names_doer(committee, ())
    pound = nlp(
        "Dealers said the pound was also supported by an improved British economic outlook "
        "and stability in the oil market."
    )  # newid 13379
    outlook = next(t for t in pound if t.lower_ == "outlook")
    assert outlook.head.dep_ == "agent" and not doers.names_doer(outlook, ())


def test_a_title_in_apposition_to_a_name_is_a_backer(nlp):
    # Reuters newid 12248 (the wire's own typo "chariman"): the apposed name is the doer
    actors = ACTORS + [("act_stg", "Fernand St Germain", "PERSON", "USA", ["Fernand St Germain"])]
    body = (
        "The committee, backed by committee chariman Fernand St Germain (D-RI) and House "
        "Speaker Jim Wright (D-Tex), voted 25-24 to change the amount of borrowing authority."
    )
    support = [e for e in found_events(body, nlp, actors, WHEN) if e[0] == "SUPPORT"]
    assert [s for _, s, _ in support] == ["act_stg"]
