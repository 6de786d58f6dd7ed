"""A person or body against its own country's government is two sides (issue 20,
`own_side.others_government`): "Oliver Heald accused the government of ..." is the guide's ACCUSE
-> United Kingdom. A country named as a country ("would lead his country in the talks") stays the
speaker's own side, no target.

Real sentences of the BBC bundle and the seeds bundle through the real events stage; mentions
are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_heald", "Oliver Heald", "PERSON", "GBR", ["Oliver Heald"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["government"]),
    ("act_qomi", "Hassan Kazemi Qomi", "PERSON", "IRN", ["Hassan Kazemi Qomi"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["his country"]),
    ("act_pak", "Pakistan", "COUNTRY", "PAK", ["Pakistan"]),

]  # fmt: skip
GERMANS = [
    ("act_schroeder", "Gerhard Schroeder", "PERSON", "DEU", ["Mr Schroeder"]),
    ("act_deu", "Germany", "COUNTRY", "DEU", ["government"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "published", "text", "expected", "actors"),
    [
        # bbc/politics/372: the opposition against the government (no target before)
        (
            "bbc/politics/372.txt",
            date(2005, 3, 1),
            "Shadow Constitutional Affairs Secretary Oliver Heald accused the government of "
            '"dragging its feet" over "this badly needed measure".',
            ("ACCUSE", "act_heald", "act_gbr"),
            ACTORS,
        ),
        # bbc/business/457: government as a notion is no one (REQUEST -> Germany at 92a0391)
        (
            "bbc/business/457.txt",
            date(2005, 3, 1),
            "Mr Schroeder also called for heads of government to play a larger role in shaping "
            "reforms to the pact.",
            ("REQUEST", "act_schroeder", None),
            GERMANS,
        ),
        # seeds/000_f4bd5beb25040c29.txt: the country the delegate leads is his own side
        (
            "seeds/000_f4bd5beb25040c29.txt",
            date(2024, 1, 15),
            "A high-level Iranian delegation headed by Iranian Special Representative for "
            "Afghanistan, Hassan Kazemi Qomi would lead his country in the talks, while Pakistan "
            "would be led by special representative for Afghanistan.",
            ("CONSULT", "act_qomi", None),
            ACTORS,
        ),
    ],
)
def test_against_ones_own_government_is_two_sides(nlp, source, published, text, expected, actors):
    events = [e[:3] for e in found_events(text, nlp, actors, published)]
    assert [e for e in events if e[0] == expected[0]] == [expected], (source, events)
