"""Meetings in time adjuncts (issue 20): "announced by X after talks with Y" (`roles._adjunct_party`).

Real sentences of the BBC bundle through the real events stage; mentions are alias matches of
the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_bussereau", "Dominique Bussereau", "PERSON", "FRA", ["Dominique Bussereau"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_talks_after_which_an_actor_acts_are_that_actors_talks(nlp):
    # BBC bundle bbc/business/090.txt: the talks had no actor (the vintners are none) and were
    # no event; the minister who announced the package after them held them
    text = (
        "The package was announced by agriculture minister Dominique Bussereau after talks with "
        "vintners' representatives."
    )
    assert found(text, nlp) == [("CONSULT", "act_bussereau", None)]
