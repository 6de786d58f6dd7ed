"""A demand that is the aim of a protest is the protest's (issue 20, `newsflow.protest_aims`).

Real sentences of the PLOVER gold records (PROTEST), through the real events stage; mentions
are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_students", "Indonesian students", "GROUP", "IDN", ["university students"]),
    ("act_suharto", "Suharto", "PERSON", "IDN", ["President Suharto"]),
    ("act_islamists", "Islamic fundamentalists", "GROUP", "DZA", ["Islamic fundamentalists"]),
    ("act_benbella", "Ahmed Ben Bella", "PERSON", "DZA", ["Ahmed Ben Bella"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(1998, 5, 2))


def test_demonstrations_staged_to_demand_reforms_are_a_protest(nlp):
    # PLOVER PROTEST records were REQUEST: "to demand" led, as it names the one demanded of
    text = (
        "Tens of thousands of university students throughout Indonesia staged mass "
        "demonstrations Saturday to demand political reforms by President Suharto's government."
    )
    assert [t for t, _, _ in found(text, nlp)] == ["PROTEST"]


def test_a_hunger_strike_to_demand_a_resignation_targets_the_one_demanded_of(nlp):
    text = (
        "Islamic fundamentalists continued their hunger strike to demand the resignation of "
        "Algerian President Ahmed Ben Bella."
    )
    assert found(text, nlp) == [("PROTEST", "act_islamists", "act_benbella")]
