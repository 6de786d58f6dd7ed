"""What "promises to be" something makes no promise (issue 20, `senses._promises_an_outcome`).

"promise" is AGREE in the lexicon: someone commits to an act. "This year's event promises to be
the best yet", "The game promises to be a great spectacle" tell a prospect; no one commits to
anything (AGREE before, with the speaker or the organiser as source).

Real BBC sentences (entertainment 267 and 287, sport 339; business 249 for the promise that
stays), through the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_ellis", "Geoff Ellis", "PERSON", "GBR", ["Geoff Ellis"]),
    ("act_bdo", "Big Day Out Ltd", "ORG", None, ["Big Day Out Ltd"]),
    ("act_rem", "REM", "ORG", "USA", ["REM"]),
    ("act_woodward", "Clive Woodward", "PERSON", "GBR", ["Sir Clive Woodward"]),
    ("act_bush", "George W Bush", "PERSON", "USA", ["Mr Bush"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        "Geoff Ellis, CEO of festival organisers Big Day Out Ltd, said this year's event "
        "promises to be the best yet.",
        "The REM gigs will kick-start what promises to be a memorable summer for Scottish music "
        "lovers.",
        'Sir Clive Woodward will coach the Northern team. "The game promises to be a great '
        'spectacle," he said.',
    ],
)
def test_a_prospect_is_no_promise(body, nlp):
    # regression, issue 20: each was an AGREE
    found = found_events(body, nlp, ACTORS, date(2005, 1, 20))
    assert [e for e in found if e[0] == "AGREE"] == [], found


def test_a_promise_to_act_stays_an_agree(nlp):
    body = "Mr Bush has promised to halve the US's massive budget deficit within five years."
    assert ("AGREE", "act_bush", None) in found_events(body, nlp, ACTORS, date(2005, 2, 2))
