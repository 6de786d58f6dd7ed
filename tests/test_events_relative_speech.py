"""Targets a source names in its own relative clause (issue 20, roles not attached).

Real sentences of the spent events held-out half (bench/labels/events/heldout.jsonl, tunable),
through the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lords", "House of Lords Economic Affairs Committee", "ORG", "GBR",
     ["House of Lords Economic Affairs Committee"]),
    ("act_mpc", "Monetary Policy Committee", "ORG", "GBR", ["MPC"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_criticism_from_a_source_which_said_names_the_one_criticised(nlp):
    # spent heldout: bbc/business/057.txt (gold ACCUSE House of Lords Economic Affairs
    # Committee -> Monetary Policy Committee): the criticism had no target
    text = (
        "Her remarks follow criticism from the House of Lords Economic Affairs Committee, which "
        "said the MPC had held interest rates too high given that inflation was way below the "
        "2% target."
    )
    assert found(text, nlp) == [("ACCUSE", "act_lords", "act_mpc")]
