"""Defending one's own is a denial, not support (issue 20, `newsflow.defences`).

Real sentences of the BBC bundle and the Reuters corpus (none a labelled set's item but the
tune half's Milburn lead), through the real events stage; mentions are alias matches of the
actors listed here. The events guide: "defending one's own country's policies against charges
is a denial, REJECT; the table's SUPPORT 'defends' is verbal support of another actor".
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

PUBLISHED = date(1987, 3, 20)
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lula", "Luiz Inacio Lula da Silva", "PERSON", "BRA", ["President da Silva"]),
    ("act_ho", "Home Office", "ORG", "GBR", ["Home Office"]),
    ("act_milburn", "Alan Milburn", "PERSON", "GBR", ["Alan Milburn"]),
    ("act_mcconnell", "Jack McConnell", "PERSON", "GBR", ["Mr McConnell"]),
    ("act_hewitt", "Lleyton Hewitt", "PERSON", "AUS", ["Lleyton Hewitt"]),
    ("act_moya", "Carlos Moya", "PERSON", "ESP", ["Carlos Moya"]),
    ("act_gardener", "Jason Gardener", "PERSON", "GBR", ["Jason Gardener"]),
    ("act_opec", "OPEC", "ORG", None, ["OPEC"]),
    ("act_fahd", "King Fahd", "PERSON", "SAU", ["King Fahd"]),
    ("act_buckhorn", "Buckhorn Inc", "ORG", "USA", ["Buckhorn"]),
    ("act_vidal", "Gore Vidal", "PERSON", "USA", ["Gore Vidal"]),
    ("act_ropak", "Ropak Corporation", "ORG", "USA", ["Ropak Corporation"]),
    ("act_nakasone", "Yasuhiro Nakasone", "PERSON", "JPN", ["Yasuhiro Nakasone"]),
]  # fmt: skip

CASES = [
    (  # bbc/business/272 (random_audit18 #152: SUPPORT before)
        "President da Silva has defended his policies, arguing that Brazil cannot afford to "
        "continue the cycle of boom and bust which afflicted it in recent decades.",
        [("REJECT", "act_lula", None)],
    ),
    (  # bbc/politics/168: a body defends its own proposals (SUPPORT before)
        "But a spokesman for the Home Office defended the proposals.",
        [("REJECT", "act_ho", None)],
    ),
    (  # tune: bbc/politics/332 (gold REJECT Milburn -> Conservative Party; SUPPORT before)
        "Labour's election chief Alan Milburn has defended his party's campaign posters amid "
        'Tory claims the ads were nothing short of "sly anti-Semitism".',
        [("REJECT", "act_milburn", None)],
    ),
    (  # reuters 8139 (random_audit31: REJECT, tuned on): defended from the opposition, who
        # attack, not someone defended (SUPPORT before)
        "Prime Minister Yasuhiro Nakasone defended his tax reform plans from fierce opposition, "
        "even within his own party, as campaigning for local elections began.",
        [("REJECT", "act_nakasone", None)],
    ),
    (  # bbc/politics/094: support of another actor stays SUPPORT
        "A Highland councillor who was at the event has also defended Mr McConnell.",
        [("SUPPORT", None, "act_mcconnell")],
    ),
    (  # bbc/entertainment/072: a thing of someone else's defended stays SUPPORT (change_audit18
        # judged it right; REJECT for a while)
        'But novelist Gore Vidal defended the film, saying it was "barrier-breaking" for its '
        "frank depiction of bisexuality.",
        [("SUPPORT", "act_vidal", None)],
    ),
    (  # bbc/sport/484: a title defended is play, no event (SUPPORT Hewitt before)
        "In the men's event, world number three Lleyton Hewitt returns to defend his title, "
        "along with runner-up Carlos Moya.",
        [],
    ),
    (  # bbc/sport/068: "defending champion" (SUPPORT -> Gardener before)
        "Defending 60m champion Jason Gardener is included and will be chasing his third "
        "successive gold medal.",
        [],
    ),
    (  # reuters 6996: defending prices is market policy (SUPPORT OPEC before)
        "King Fahd has stamped his personal authority on OPEC's new-found determination to "
        "defend prices in a move Western diplomats believe underlines the kingdom's need to "
        "secure a stable source of income for its economy.",
        [],
    ),
    (  # reuters 1260: defending against a takeover is business (SUPPORT -> Ropak before)
        "Buckhorn said the year's results included a 4,250,000 non-recurring expense incurred to "
        "complete major restructuring efforts and to defend against the hostile tender offer "
        "from Ropak Corporation.",
        [],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_a_defence_of_one_s_own_is_a_rejection(nlp, body, expected):
    found = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] in ("SUPPORT", "REJECT")]
    assert found == expected
