"""Received criticism or support (issue 20, `newsflow.receipts`): "X won support from Y".

A noun trigger that a verb of receiving takes ("won", "received", "faced", "came under") names
an act of the "from" phrase's actor towards the subject, not of the subject. Real sentences of
the BBC bundle and the spent heldout3 set, through the real events stage.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import article_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_tait", "Mathew Tait", "PERSON", "GBR", ["Tait"]),
    ("act_robinson", "Andy Robinson", "PERSON", "GBR", ["Robinson"]),
    ("act_cardiff", "Cardiff", "PLACE", "GBR", ["Cardiff"]),
]  # fmt: skip


def events_of(body: str, nlp):
    return article_events(body, nlp, fresh_state(), ACTORS, date(2005, 2, 7))


def test_praise_received_comes_from_the_from_phrase(nlp):
    # bbc/sport (Six Nations 2005): the coach praised the player, not the player the coach
    text = (
        "Tait, given little opportunity to shine in attack, received praise from Robinson "
        'afterwards, even if the coach admitted Cardiff was an "unforgiving place" for the '
        "teenage prodigy."
    )
    rows = events_of(text, nlp).select("event_type", "source_actor_id", "target_actor_id").rows()
    assert ("SUPPORT", "act_robinson", "act_tait") in rows


def test_support_won_from_generic_agents_is_their_act(nlp):
    # spent heldout3: bbc/politics/050.txt (gold SUPPORT by "opposition parties", no target);
    # the subject is a thing, so only the source is filled, by generic agents
    text = (
        "The afternoon announcement, following a cabinet meeting on Wednesday morning, won "
        "broad support from opposition parties."
    )
    frame = events_of(text, nlp)
    assert frame.select("event_type", "source_generic").rows() == [("SUPPORT", "opposition party")]
