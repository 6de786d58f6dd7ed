"""Meetings in time adjuncts (issue 20): "announced by X after talks with Y" (`roles._adjunct_party`).

Real sentences of the BBC bundle through the real events stage; mentions are alias matches of
the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsflow import events, roles
from newsflow.geo import Gazetteer
from newsflow.settings import Settings
from tests.event_frames import article_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_bussereau", "Dominique Bussereau", "PERSON", "FRA", ["Dominique Bussereau"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    return events.load_parser(Settings().spacy_model)


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    state = events.EventState.empty(roles.Lexicon.load(), Gazetteer.load())
    frame = article_events(body, nlp, state, ACTORS, date(2005, 3, 1))
    return sorted(frame.select("event_type", "source_actor_id", "target_actor_id").rows(), key=str)


def test_talks_after_which_an_actor_acts_are_that_actors_talks(nlp):
    # BBC bundle bbc/business/090.txt: the talks had no actor (the vintners are none) and were
    # no event; the minister who announced the package after them held them
    text = (
        "The package was announced by agriculture minister Dominique Bussereau after talks with "
        "vintners' representatives."
    )
    assert found(text, nlp) == [("CONSULT", "act_bussereau", None)]
