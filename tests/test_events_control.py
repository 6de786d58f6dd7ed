"""A trigger in the setting of an act is no content of the controlling trigger (issue 20,
`control.controller`): "signed during his visit" keeps the visit as a CONSULT of its own.

Real sentences of the events tune half and a spent held-out article through the real events
stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_irna", "IRNA", "ORG", "IRN", ["IRNA"]),
    ("act_aqazadeh", "Gholamreza Aqazadeh", "PERSON", "IRN", ["Gholamreza Aqazadeh"]),
    ("act_iran", "Iran", "COUNTRY", "IRN", ["Tehran"]),
    ("act_ussr", "Soviet Union", "COUNTRY", "SUN", ["Moscow"]),
    ("act_india", "India", "COUNTRY", "IND", ["India"]),
    ("act_russia", "Russia", "COUNTRY", "RUS", ["Russia"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(1987, 4, 1))


def test_a_visit_during_which_a_protocol_was_signed_is_a_consultation(nlp):
    # tune: reuters 21568 (gold AGREE and CONSULT, Aqazadeh -> Moscow): the visit was folded
    # into the subjectless "signed" and the sentence gave no event
    text = (
        "IRNA, monitored in Nicosia, quoted Oil Minister Gholamreza Aqazadeh as saying on his "
        "return to Tehran from Moscow that the agreement was part of a protocol on economic "
        "cooperation signed during his visit."
    )
    assert ("CONSULT", "act_aqazadeh", None) in found(text, nlp)


def test_a_meeting_during_which_a_memorandum_was_signed_is_a_consultation(nlp):
    # spent heldout article bbc/business/181.txt (a sentence not labelled there)
    text = (
        "Russian media reported that India and Russia signed a memorandum of understanding on "
        "energy co-operation on Tuesday during a meeting between Oil and Natural Gas Corporation "
        "chairman Subir Raha, Gazprom chairman Aleksey Miller and India's petroleum minister Mani "
        "Shankar Aiyar."
    )
    assert ("CONSULT", "act_india", "act_russia") in found(text, nlp)


SUBJECT_CLAUSES = [
    ("act_unions", "five unions", "GROUP", "GBR", ["The five unions"]),
    ("act_prescott", "John Prescott", "PERSON", "GBR", ["Mr Prescott"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["the government"]),
    ("act_tories", "Conservative Party", "ORG", "GBR", ["the Conservatives"]),
    ("act_eu", "European Union", "IGO", None, ["European Union"]),
]  # fmt: skip


def test_a_clause_describing_who_acts_is_not_what_the_act_controls(nlp):
    # bbc/politics/069: the meeting says which unions want (REQUEST -> Prescott before, whom
    # the meeting lent as the one asked); bbc/politics/136: a passive subject is what the act
    # is about, so the lifting stays folded into the condemnation (no CONCEDE of its own)
    text = "The five unions meeting Mr Prescott want the government to withdraw these regulations."
    events = found_events(text, nlp, SUBJECT_CLAUSES, date(2005, 1, 1))
    assert ("REQUEST", "act_unions", "act_gbr") in events, events
    text = (
        "Moves to lift the European Union's ban on arms exports to China have been condemned by "
        "human rights groups and the Conservatives."
    )
    events = found_events(text, nlp, SUBJECT_CLAUSES, date(2005, 1, 1))
    assert [e[:3] for e in events] == [("ACCUSE", "act_tories", "act_eu")], events
