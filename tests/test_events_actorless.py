"""Triggers whose doer is no known actor (issue 20, `actorless`): the event is kept with null
roles when the trigger is a clause's own verb, dropped when it is a noun, a modifier, a
relative clause's act or an AID money word.

Real sentences of the spent held-out sets (heldout, heldout2) and the tune half
(bench/labels/events/), through the real events stage; mentions are alias matches of the
actors listed here, so each sentence passes the parse gate on an actor that takes no role.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import sentence_roles

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_unison", "Unison", "ORG", "GBR", ["Unison"]),
    ("act_parliament", "Parliament", "ORG", None, ["Parliament"]),
    ("act_prince", "Prince of Wales", "PERSON", "GBR", ["Prince of Wales"]),
    ("act_fcap", "First Capital", "ORG", "USA", ["First Capital", "Pilgrim Group Inc"]),
    ("act_wb", "World Bank", "ORG", None, ["the bank"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["America"]),
    ("act_tories", "Conservative Party", "GROUP", "GBR", ["Tories"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    return sentence_roles(body, nlp, ACTORS, date(2005, 2, 1))


def test_an_unresolved_he_still_rejects(nlp):
    # heldout2 (spent): bbc/politics/201, gold REJECT, source "He" (Michael Howard, named
    # sentences before). "He" has no antecedent here and Britain takes no role: the rejection
    # used to be dropped for want of an actor.
    body = "He again rejected newspaper speculation that his own father entered Britain illegally."
    assert found(body, nlp) == [(0, "REJECT", None, None)]


def test_a_verb_whose_doer_has_no_role_still_reports(nlp):
    # heldout2 (spent): reuters 10770, gold PROTEST, source "opposition". The parse hangs
    # "to protest" on "delayed", so its doer (the boycotts' opposition) takes no role.
    body = (
        "The budget has been delayed by opposition boycotts of Parliament to protest government "
        "plans for a new sales tax."
    )
    assert [r[1] for r in found(body, nlp)] == ["PROTEST"]


def test_a_noun_with_no_party_is_no_report(nlp):
    # heldout (spent): bbc/politics/069, gold PROTEST (possible) by Unison, which the parse
    # leaves without a role on "strikes". A bare noun with no party may be a topic ("the need
    # for regional cooperation"), so it stays dropped: a miss this rule does not win back.
    body = (
        "In four days, Britain's biggest union Unison will start balloting 800,000 local "
        "government workers on strikes."
    )
    assert found(body, nlp) == []


def test_money_words_with_no_party_are_no_aid(nlp):
    # heldout (spent): bbc/politics/044, gold no event: "grants-in-aid" is a funding stream.
    body = (
        "However, the Prince of Wales did receive over £4m from government departments and "
        "grants-in-aid in 2003-4."
    )
    assert found(body, nlp) == []


def test_a_sending_verb_with_no_party_is_no_aid(nlp):
    # tune: bbc/business/414, gold no event: a collapse "sent shockwaves through markets".
    body = (
        "Its demise sent shockwaves through financial markets and dented investor confidence in "
        "corporate America."
    )
    assert found(body, nlp) == []


def test_an_act_told_in_a_relative_clause_is_no_report(nlp):
    # tune: reuters 6260, gold no event: "products which will be offered" describes products.
    body = (
        "The joint venture partners also intend to create new products which will be offered "
        "through its Pilgrim Group Inc mutual funds subsidiary, First Capital said."
    )
    assert found(body, nlp) == []


def test_a_participle_modifying_a_noun_is_no_report(nlp):
    # heldout2 (spent): reuters 19740 (a World Bank loan), gold no event: "loan-supported"
    # describes the programme; nothing is supported by anyone in this sentence.
    body = (
        "The loan-supported program hopes to reduce the extensive public sector involvement in "
        "the country's energy production and supply, the bank said."
    )
    assert found(body, nlp) == []


def test_a_gerund_under_a_preposition_is_no_report(nlp):
    # tune: bbc/politics/367, gold no event: "without asking people to pay"
    # tells how the Tories would cut crime, not a request anyone made.
    body = (
        "The Tories, he said, can cut crime and improve public services without asking people "
        "to pay more taxes."
    )
    assert "REQUEST" not in [r[1] for r in found(body, nlp)]
