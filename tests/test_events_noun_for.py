"""A support or criticism noun's "for" names its target (issue 20, roles not attached):
"its support for the government's plans", "a stinging rebuke for the government". A verb's
"for" is the reason instead ("criticised X for failing"), and keeps no role.

A real sentence of a spent held-out article (bench/labels/events/heldout.jsonl), through the
real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_baa", "BAA", "ORG", None, ["BAA"]),  # no country: see the test
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["government"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_support_for_an_actors_plans_supports_that_actor(nlp):
    # spent heldout article bbc/politics/369.txt: the support had a source and no target. BAA
    # is given no country: with GBR, the rule that one country's actor and that country are
    # one side (roles.sentence_candidates) drops the target, before and after this change.
    text = (
        "UK airport operator BAA has reiterated its support for the government's aviation "
        "expansion plans to airports throughout the country."
    )
    assert found(text, nlp) == [("SUPPORT", "act_baa", "act_gbr")]
