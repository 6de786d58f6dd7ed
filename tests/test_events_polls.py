"""What an opinion poll finds is no event (issue 20, `newsflow.polls`).

Real BBC and Reuters sentences that the whole-corpus warehouses at 13673eb stored as events
(the first judged a poll result by random_audit35, the others found by a search of those
warehouses for poll words), through the real events stage; mentions are alias matches of the
actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_blunkett", "David Blunkett", "PERSON", "GBR", ["Mr Blunkett"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Ronald Reagan"]),
    ("act_tories", "Conservative Party", "PARTY", "GBR", ["Conservative"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair"]),
    ("act_queen", "Elizabeth II", "PERSON", "GBR", ["the Queen"]),
]  # fmt: skip

FINDINGS = [
    # bbc/politics: REQUEST -> Blunkett at c339ba6 (random_audit35: "opinion poll result")
    "But nearly half those surveyed said Mr Blunkett should return to Cabinet if Labour won the "
    "next election.",
    # bbc/politics: COERCE United Kingdom
    "Less than half the UK wants a ban compared to almost two-thirds in 1999, the Mori survey of "
    "2,000 adults for BBC One's Countryfile programme suggests.",
    # reuters: REQUEST -> Reagan
    "A majority of Americans disapprove of the way Ronald Reagan has handled the presidency and "
    "one-third believe he should resign, a new poll said.",
    # reuters: SUPPORT Conservative Party at 6607636 (change_audit36's items)
    "Morning weakness in sterling and the gilt market was largely attributed to a newspaper "
    "opinion poll showing that the Conservative government's support was slipping.",
    # reuters: SUPPORT Conservative Party
    'The Marplan poll, published in "Today," showed Conservative support had fallen to 36 pct, '
    "from 38 pct last month, while the Alliance of Liberals and Social Democrats was unchanged "
    "at 21 pct.",
]


@pytest.mark.parametrize("text", FINDINGS)
def test_what_a_poll_finds_is_no_event(text, nlp):
    assert found_events(text, nlp, ACTORS, date(2005, 2, 1)) == []


def test_a_poll_as_an_election_names_no_finding(nlp):
    # bbc/politics: "a 5 May poll" is the election Blair asks the Queen to call
    text = (
        "Tony Blair is tipped to ask the Queen on Monday to dissolve Parliament ready for a "
        "5 May poll."
    )
    events = found_events(text, nlp, ACTORS, date(2005, 2, 1))
    assert events == [("REQUEST", "act_blair", "act_queen")]
