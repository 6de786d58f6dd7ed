"""A light verb and its event noun (issue 20): "signed a deal with X", "reached an agreement
with X" is one AGREE, the noun's, with the verb's subject as source.

The light verb gives way to its noun ("signed" to "a deal"), and the noun was then folded into
the verb as the act a controlling AGREE governs: both gave way and the sentence had no event.
Real sentences of the BBC bundle through the real events stage.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_straw", "Jack Straw", "PERSON", "GBR", ["Mr Straw"]),
    ("act_fiat", "Fiat", "ORG", "ITA", ["Fiat"]),
    ("act_gm", "General Motors", "ORG", "USA", ["GM"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 2, 15))


def test_signing_a_deal_is_the_deals_agreement(nlp):
    # spent heldout2: bbc/politics/386 (gold AGREE Jack Straw -> China): no event
    assert found("Mr Straw also signed a deal on China-UK tourism.", nlp) == [
        ("AGREE", "act_straw", None)
    ]


def test_reaching_an_agreement_with_x_agrees_with_x(nlp):
    # bbc/business (the bench's 300 BBC articles): the phrasal "reach agreement" and the light
    # verb "reach" each gave way to the other
    text = (
        "Earlier this week, Fiat reached an agreement with GM to dissolve an alliance which "
        "could have obliged GM to buy the Italian firm outright."
    )
    assert ("AGREE", "act_fiat", "act_gm") in found(text, nlp)
