"""A demonstration that shows something and a market's rally are no protest (issue 20,
`newsflow.showings`; random_audit19 judged such PROTESTs no event).

Real sentences of the BBC bundle and the Reuters corpus (no labelled set's item), through the
real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import event_types

PUBLISHED = date(1987, 3, 20)
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_nokia", "Nokia", "ORG", "FIN", ["Nokia"]),
    ("act_gm", "General Motors Corp", "ORG", "USA", ["General Motors Corp"]),
    ("act_ind", "India", "COUNTRY", "IND", ["India", "Delhi"]),
    ("act_edli", "European Digital Life Index", "ORG", None, ["European Digital Life Index"]),
    ("act_ukwheat", "U.K. Wheat", "ORG", "GBR", ["U.K. Wheat"]),
]  # fmt: skip

# (sentence, whether its events hold a PROTEST)
CASES = [
    (  # bbc/tech/361: an index shows a fact (PROTEST before)
        '"The European Digital Life Index demonstrates that digital lifestyles are common today, '
        'but across Europe there is no single digital lifestyle," said Nate Elliott.',
        False,
    ),
    (  # bbc/tech/395: a firm shows a phone (PROTEST Nokia before)
        "Nokia was happy to demonstrate its 6230i, an upgrade to the very popular 6230.",
        False,
    ),
    (  # reuters 12802: futures rally (PROTEST before)
        "U.K. Wheat futures also rallied to end the morning unchanged to 0.05 stg easier.",
        False,
    ),
    (  # reuters 1682: a share price rallies (PROTEST GM before)
        "General Motors Corp staged an explosive rally on Wall Street after a share buyback "
        "program announced yesterday, but analysts said GM's future remains clouded by stiff "
        "competition.",
        False,
    ),
    (  # reuters 13692: a rally of people stays
        "NEW DELHI - Hindus staged their biggest-ever rally in Delhi to press their claim against "
        "India's Moslem minority for control of a shrine disputed by the two faiths.",
        True,
    ),
    (  # bbc/politics/038: a rally of campaigners stays
        "Campaigners are to stage a rally calling for a Borders rail link which was closed in "
        "1969 to be reopened.",
        True,
    ),
]


@pytest.mark.parametrize(("body", "protest"), CASES)
def test_a_showing_or_a_market_rally_is_no_protest(nlp, body, protest):
    types = event_types(body, nlp, ACTORS, PUBLISHED)
    assert ("PROTEST" in types) is protest, types
