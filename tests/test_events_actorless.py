"""Verbs whose doer is no known actor (issue 20, `actorless`): the event is kept with null roles
when its verb has a subject that names a doer (a noun, a name, he/she/they), and dropped when
no subject names one (a noun trigger, a modifier, "to protest", "some"), in a relative clause,
or of a type whose verbs are as often figures of speech or money flows (AID, ASSAULT, COERCE).

Real sentences of the spent held-out sets (heldout, heldout2) and the tune half
(bench/labels/events/), through the real events stage; mentions are alias matches of the
actors listed here, so each sentence passes the parse gate on an actor that takes no role.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import sentence_roles

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain", "UK"]),
    ("act_unison", "Unison", "ORG", "GBR", ["Unison"]),
    ("act_parliament", "Parliament", "ORG", None, ["Parliament"]),
    ("act_prince", "Prince of Wales", "PERSON", "GBR", ["Prince of Wales"]),
    ("act_wb", "World Bank", "ORG", None, ["the bank"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["America"]),
    ("act_tories", "Conservative Party", "GROUP", "GBR", ["Tories", "Tory"]),
    ("act_labour", "Labour Party", "GROUP", "GBR", ["Labour"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    return sentence_roles(body, nlp, ACTORS, date(2005, 2, 1))


def test_an_unresolved_he_still_rejects(nlp):
    # heldout2 (spent): bbc/politics/201, gold REJECT, source "He" (Michael Howard, named
    # sentences before). "He" has no antecedent here and Britain takes no role: the rejection
    # used to be dropped for want of an actor.
    body = "He again rejected newspaper speculation that his own father entered Britain illegally."
    assert found(body, nlp) == [(0, "REJECT", None, None)]


def test_an_unresolved_she_still_accuses(nlp):
    # tune: bbc/politics/279, gold ACCUSE by "she" (Irene Khan) of human rights groups (a
    # generic role: null). The quote's speaker is named only in another sentence.
    body = (
        '"Public passivity on the war against terror is the single most powerful indictment on '
        'the failures of human rights groups," she said.'
    )
    assert found(body, nlp) == [(0, "ACCUSE", None, None)]


def test_a_verb_without_a_subject_of_its_own_is_no_report(nlp):
    # heldout2 (spent): reuters 10770, gold PROTEST by "opposition". "to protest" hangs on
    # "delayed" and has no subject of its own, so nothing names who protests: a miss this rule
    # leaves, as it does "without asking people to pay" (tune bbc/politics/367, gold none).
    body = (
        "The budget has been delayed by opposition boycotts of Parliament to protest government "
        "plans for a new sales tax."
    )
    assert found(body, nlp) == []


def test_a_quantifier_subject_names_no_doer(nlp):
    # heldout2 (spent): bbc/politics/412, gold no event: "some will accept them by fax" says
    # how forms are handed in; "some" (authorities) is no one the text names.
    body = (
        "Completed registration forms can be handed into local authorities throughout the day on "
        "Friday, and some will accept them by fax."
    )
    assert "AGREE" not in [r[1] for r in found(body, nlp)]


def test_a_fight_with_no_party_is_a_figure_of_speech(nlp):
    # tune: bbc/politics/395, gold ACCUSE (the prime minister against the Tories), no fight:
    # "the election will be fought on the economy" is no ASSAULT.
    body = (
        "The prime minister and his campaign boss Alan Milburn have already insisted the election "
        "will be fought on the economy and what they claim is a stark choice between Labour's "
        "stability and investment against Tory cuts and boom and bust."
    )
    assert "ASSAULT" not in [r[1] for r in found(body, nlp)]


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
    # tune: bbc/tech/262, gold no event: "technology which lets copper lines support high
    # speeds" describes the technology; the lines support no one.
    body = (
        "Whereas in the UK, most people hook up to broadband via Asymmetric Digital Subscriber "
        "Line (ADSL) technology which lets ordinary copper phone lines support high data speeds."
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
