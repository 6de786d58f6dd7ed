"""Signing a player, an actor or a band is hiring, no AGREE (issue 20, `newsflow.signings`).

Real sentences of the BBC bundle (none in a labelled events set; the random audits judged
AGREEs like these no event: a striker, a singer, an actor) through the real events stage;
mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_norwich", "Norwich City", "ORG", "GBR", ["Norwich"]),
    ("act_stuart", "Graham Stuart", "PERSON", "GBR", ["Graham Stuart"]),
    ("act_allardyce", "Sam Allardyce", "PERSON", "GBR", ["Sam Allardyce"]),
    ("act_candela", "Vincent Candela", "PERSON", "FRA", ["Vincent Candela"]),
    ("act_juninho", "Juninho", "PERSON", "BRA", ["Juninho"]),
    ("act_boro", "Middlesbrough", "ORG", "GBR", ["Middlesbrough"]),
    ("act_qpr", "Queens Park Rangers", "ORG", "GBR", ["QPR"]),
    ("act_rossi", "Generoso Rossi", "PERSON", "ITA", ["Generoso Rossi"]),
    ("act_jackson", "Samuel L Jackson", "PERSON", "USA", ["Samuel L Jackson"]),
    ("act_stiller", "Ben Stiller", "PERSON", "USA", ["Ben Stiller"]),
    ("act_gervais", "Ricky Gervais", "PERSON", "GBR", ["Ricky Gervais"]),
    ("act_kirchner", "Nestor Kirchner", "PERSON", "ARG", ["Nestor Kirchner"]),
    ("act_chavez", "Hugo Chavez", "PERSON", "VEN", ["Hugo Chavez"]),
]  # fmt: skip
PUBLISHED = date(2005, 1, 20)


@pytest.mark.parametrize(
    "body",
    [
        # bbc/sport/186.txt (AGREE Norwich -> Graham Stuart before)
        "Norwich have signed Charlton midfielder Graham Stuart until the end of the season for "
        "an undisclosed fee.",
        # bbc/sport/185.txt: the hire and the deal it is on (AGREE Allardyce -> Candela before)
        "Bolton boss Sam Allardyce has signed Roma defender Vincent Candela on a five-month deal.",
        # bbc/sport/173.txt (AGREE QPR -> Generoso Rossi before)
        "QPR have also signed Italian Generoso Rossi.",
        # bbc/entertainment/167.txt (AGREE Jackson -> Stiller before)
        "Hollywood actors Samuel L Jackson and Ben Stiller have signed up for Ricky Gervais' new "
        "sitcom, the comedian has told BBC News.",
    ],
)
def test_a_club_or_a_show_signing_someone_is_no_agree(body, nlp):
    assert [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] == "AGREE"] == []


def test_two_presidents_signing_a_deal_still_agree(nlp):
    # bbc/business/080.txt: the Argentina-Venezuela deal stays an AGREE between the two
    body = (
        "Argentine President Nestor Kirchner and Venezuelan President Hugo Chavez signed the "
        "deal in Buenos Aires on Tuesday."
    )
    assert ("AGREE", "act_kirchner", "act_chavez") in found_events(body, nlp, ACTORS, PUBLISHED)
