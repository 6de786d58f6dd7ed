"""A raid of war is an ASSAULT, a police raid a COERCE, a share raid none (issue 20,
`blows.military_raid`; random_audit18 #23 and #136 judged air raids stored as COERCE wrong).

Real sentences of the Reuters corpus and the BBC bundle (no labelled set's item), through the
real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

PUBLISHED = date(1987, 3, 20)
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraq", "Iraqi"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran", "Iranian"]),
    ("act_isr", "Israel", "COUNTRY", "ISR", ["Israel", "Israeli"]),
    ("act_lbn", "Lebanon", "COUNTRY", "LBN", ["Lebanon"]),
    ("act_zaf", "South Africa", "COUNTRY", "ZAF", ["Pretoria"]),
    ("act_anc", "African National Congress", "GROUP", None, ["ANC"]),
    ("act_fin", "Finland", "COUNTRY", "FIN", ["Finnish"]),
    ("act_bt", "BitTorrent", "ORG", None, ["BitTorrent"]),
    ("act_hs", "HealthSouth", "ORG", "USA", ["HealthSouth"]),
    ("act_etl", "Equiticorp Tasman Ltd", "ORG", "NZL", ["ETL"]),
    ("act_monier", "Monier", "ORG", None, ["Monier"]),
]  # fmt: skip

CASES = [
    (  # reuters 8167: the raider is an armed force's craft (COERCE before)
        "Iraqi planes yesterday raided the nearby Ardeshir oil field, resuming attacks on "
        "Iranian targets after a month-long lull.",
        ("ASSAULT", "act_irq", "act_irn"),
    ),
    (  # reuters 15735 (COERCE before)
        "Beirut radio stations said Israeli helicopter gunships raided south Lebanon and that "
        "one of the craft was downed.",
        ("ASSAULT", "act_isr", "act_lbn"),
    ),
    (  # reuters 16958: a raid on bases (COERCE before)
        "Pretoria has raided alleged ANC bases in the so-called Frontline states in the past.",
        ("ASSAULT", "act_zaf", "act_anc"),
    ),
    (  # bbc/tech/255: police raid a site, COERCE stays
        "Last week Finnish police raided a BitTorrent site based in the country that, according "
        "to reports, let 10,000 users shared pirated films, software, music and games.",
        ("COERCE", "act_fin", "act_bt"),
    ),
    (  # bbc/business/508: agents raid offices, COERCE stays
        "After federal agents raided HealthSouth's offices in March 2003, the company said none "
        "of its past financial statements could be relied on.",
        ("COERCE", None, "act_hs"),
    ),
    (  # reuters 17986: a share raid is business, no event (COERCE before)
        "The proposed offer by ETL, controlled by New Zealand entrepreneur Allan Hawkins, came "
        "after it built up a 14.99 pct stake in Monier in a 95 mln dlr share raid in recent days.",
        None,
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_a_raid_is_read_by_its_raider_and_what_it_hits(nlp, body, expected):
    found = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] in ("ASSAULT", "COERCE")]
    assert found == ([] if expected is None else [expected])
