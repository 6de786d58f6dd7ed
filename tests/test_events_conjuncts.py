"""Coordinated and listed actors (issue 20): who is the other party, who is the same one.

Real sentences of the events tune half and of the spent first held-out half
(bench/labels/events/), through the real events stage; mentions are alias matches of the
actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_ind", "India", "COUNTRY", "IND", ["India"]),
    ("act_rus", "Russia", "COUNTRY", "RUS", ["Russia"]),
    ("act_raha", "Subir Raha", "PERSON", "IND", ["Subir Raha"]),
    ("act_miller", "Aleksey Miller", "PERSON", "RUS", ["Aleksey Miller"]),
    ("act_aiyar", "Mani Shankar Aiyar", "PERSON", "IND", ["Mani Shankar Aiyar"]),
    ("act_gcc", "Gulf Cooperation Council", "ORG", None, ["GCC"]),
    ("act_are", "United Arab Emirates", "COUNTRY", "ARE", ["UAE"]),
    ("act_sau", "Saudi Arabia", "COUNTRY", "SAU", ["Saudi Arabia"]),
    ("act_bhr", "Bahrain", "COUNTRY", "BHR", ["Bahrain"]),
    ("act_qat", "Qatar", "COUNTRY", "QAT", ["Qatar"]),
    ("act_omn", "Oman", "COUNTRY", "OMN", ["Oman"]),
    ("act_kwt", "Kuwait", "COUNTRY", "KWT", ["Kuwait"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(1987, 3, 1))


def test_two_countries_that_signed_a_memorandum_are_each_others_party(nlp):
    # heldout (spent): bbc/business/181, gold AGREE India -> Russia. "X and Y backed Z" keeps
    # only X as source; for an agreement the conjunct is the other party, not someone named
    # later in the sentence (it was Subir Raha).
    body = (
        "Russian media reported that India and Russia signed a memorandum of understanding on "
        "energy co-operation on Tuesday during a meeting between Oil and Natural Gas Corporation "
        "chairman Subir Raha, Gazprom chairman Aleksey Miller and India's petroleum minister "
        "Mani Shankar Aiyar."
    )
    agree = [r for r in found(body, nlp) if r[0] == "AGREE"]
    assert agree == [("AGREE", "act_ind", "act_rus")]


def test_the_members_listed_after_a_group_are_no_other_party(nlp):
    # tune: reuters 17196, gold AGREE by the GCC, target null: the countries listed in the
    # apposition are the GCC states themselves (Saudi Arabia was the target).
    body = (
        "The GCC states -- the UAE, Saudi Arabia, Bahrain, Qatar, Oman and Kuwait -- have agreed "
        "in principle to link their currencies to a common grid."
    )
    assert found(body, nlp) == [("AGREE", "act_gcc", None)]
