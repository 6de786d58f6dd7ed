"""A question asked is no request (issue 20, `newsflow.questions`).

Real BBC and Reuters sentences that the whole-corpus warehouses at 13673eb stored as REQUESTs
(random_audit35 judged the cross-examination a non-event; the others were found by a search of
those warehouses' REQUESTs for "ask"), through the real events stage; mentions are alias
matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_kuwait", "Kuwait", "COUNTRY", "KWT", ["Kuwait"]),
    ("act_tsvet", "Tsvetmetpromexport", "ORG", "SUN", ["Tsvetmetpromexport"]),
    ("act_phl", "Philippines", "COUNTRY", "PHL", ["Philippine government"]),
    ("act_fallon", "Michael Fallon", "PERSON", "GBR", ["Michael Fallon"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Mr Brown"]),
    ("act_weingarten", "Reid Weingarten", "PERSON", "USA", ["Reid Weingarten"]),
    ("act_sullivan", "Scott Sullivan", "PERSON", "USA", ["Mr Sullivan"]),
    ("act_dunham", "Dunham", "PERSON", "USA", ["Dunham"]),
    ("act_prater", "Craig Prater", "PERSON", "USA", ["Craig Prater"]),
    ("act_mcconnell", "Jack McConnell", "PERSON", "GBR", ["Mr McConnell"]),
]  # fmt: skip

QUESTIONS = [
    # bbc/business: cross-examination (REQUEST Weingarten -> Sullivan before)
    "In the New York court on Wednesday, Mr Ebbers' lawyer Reid Weingarten asked Mr Sullivan: "
    '"If you believe something is in your interest, you are willing and able to lie to '
    "accomplish it, isn't that right?\"",
    # bbc/politics: a question in the Commons (REQUEST Fallon -> Brown before)
    "Conservative Michael Fallon asked Mr Brown whether the Treasury had leaned on ONS to make "
    "this change, and said that the ONS had received a written paper from the Treasury on this "
    "matter.",
    # reuters: a quoted question (REQUEST -> Dunham before)
    '"What will be the standard octane level in various grades of unleaded gasoline?" asked '
    "Dunham.",
    # bbc/entertainment: oneself asked (REQUEST Prater before)
    '"When the disaster happened, we naturally asked ourselves if we should cancel," said the '
    "festival's executive director, Craig Prater.",
    # bbc/politics: a pupil's question (REQUEST -> McConnell before)
    "When one pupil asked Mr McConnell how the executive proposed to tackle under-age drinking, "
    "began his response with the quip: \"I'm sure there's no under-age drinking in the "
    'Highlands."',
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_asked_is_no_request(text, nlp):
    assert found_events(text, nlp, ACTORS, date(2005, 2, 1)) == []


def test_a_request_put_as_a_question_stays(nlp):
    # reuters: what Kuwait asked could be provided is what it asked for
    text = (
        "Defence officials said Kuwait had asked if protection for up to a dozen vessels, most "
        "of them tankers, could be provided by three U.S. Navy destroyers and two frigates now "
        "in the southern Gulf and the Gulf of Oman."
    )
    events = found_events(text, nlp, ACTORS, date(1987, 4, 1))
    assert ("REQUEST", "act_kuwait", None) in events
    # reuters: "whether it could help" asks for help (a modal in the asked clause)
    text = (
        "G.I. Valentchits, Deputy Trade Minister at the Soviet embassy, told Reuters a report "
        "earlier this week that Tsvetmetpromexport had asked the Philippine government whether "
        "it could help rehabilitate or operate NMIC was incorrect."
    )
    events = found_events(text, nlp, ACTORS, date(1987, 4, 1))
    assert ("REQUEST", "act_tsvet", "act_phl") in events
