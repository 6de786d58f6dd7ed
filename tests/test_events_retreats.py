"""What retreats, pulls out or withdraws decides whether it is a RETREAT (issue 20).

The guide's RETREAT withdraws forces or people, pulls out, ends an operation. Wire and BBC copy
use the same verbs for prices ("Oil prices retreated from four-month highs":
`showings.market_retreat`), idioms ("pull out all the stops", "pulls it off": `themes.json`,
"pull" moves forces or envoys only), products and posters withdrawn (`themes.json`, class
`products`), and a firm or a player leaving a market, a sale or a contest ("Merx has since
withdrawn from the oil market", "withdraw from the Open 13": `senses._leaves_a_venture`); the
random audits judged such RETREATs wrong (random_audit20: 0 of 9 right).

Real sentences: Reuters (reuters21578.jsonl.gz newids 6054, 8441, 9695, 10641, 13823, 14140,
20462), BBC business 144 and 164, entertainment 033 and 218, politics 332, sport 506; through
the real events stage, mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_wendys", "Wendy's International", "ORG", None, ["Wendy's"]),
    ("act_comex", "Commodity Exchange", "ORG", None, ["Comex"]),
    ("act_opec", "OPEC", "ORG", None, ["Opec"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["The United States"]),
    ("act_merx", "Merx", "ORG", None, ["Merx"]),
    ("act_rusedski", "Greg Rusedski", "PERSON", "GBR", ["Greg Rusedski"]),
    ("act_gazprom", "Gazprom", "ORG", "RUS", ["Gazprom"]),
    ("act_labour", "Labour Party", "ORG", "GBR", ["Labour"]),
    ("act_citadel", "Citadel", "ORG", None, ["Citadel"]),
    ("act_stern", "Howard Stern", "PERSON", "USA", ["Stern"]),
    ("act_radcliffe", "Daniel Radcliffe", "PERSON", "GBR", ["Daniel Radcliffe"]),
    ("act_tur", "Turkey", "COUNTRY", "TUR", ["Turkey"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_lby", "Libya", "COUNTRY", "LBY", ["Libyan"]),
    ("act_tcd", "Chad", "COUNTRY", "TCD", ["Chad"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 8441 and 13823: a share price and futures
        "Wendy's retreated from an earlier high of 13-3/8, and lost a point when Coca Cola said "
        "the rumors were untrue.",
        "Comex silver futures opened 15 to 18 cents higher and then retreated slightly as "
        "followthrough buying slowed.",
        # BBC business 144: prices
        "Oil prices retreated from four-month highs in early trading on Tuesday after producers' "
        "cartel Opec said it was now unlikely to cut production.",
        # newid 20462 and BBC entertainment 033: idioms
        'The United States is prepared to "pull out all the stops" to defend its agricultural '
        "trade rights under the General Agreement on Tariffs and Trade (GATT), U.S. Ambassador "
        "to GATT Michael Samuels said.",
        "But Harry is no longer the winsome hero, he is a moody teenager and Daniel Radcliffe "
        "pulls it off very well.",
        # BBC entertainment 218 and politics 332: a show pulled, posters withdrawn
        "Citadel pulled Stern's show from stations in New York and Pennsylvania.",
        "Labour has withdrawn two controversial posters and launched four new designs.",
        # newid 6054, BBC sport 506, BBC business 164: a market, a contest, an auction left
        "Merx has since withdrawn from the oil market.",
        "Greg Rusedski was forced to withdraw from the Open 13 in Marseille on Thursday with a "
        "rib injury.",
        "Concerned that it would be caught up in a court battle, Gazprom and Gazpromneft withdrew "
        "from the auction, and Yuganskneftegas was sold to little-known investment firm Baikal "
        "Finance Group.",
    ],
)
def test_prices_idioms_products_and_ventures_left_are_no_retreat(body, nlp):
    # regression, issue 20: each was a RETREAT
    found = found_events(body, nlp, ACTORS, date(1987, 3, 23))
    assert [e for e in found if e[0] == "RETREAT"] == [], found


@pytest.mark.parametrize(
    ("body", "retreat"),
    [
        # newid 10641: warships pulled back
        (
            "Turkey pulled warships back from close escort of its Sismik 1 survey ship as the "
            "threat of conflict with Greece over oil rights in the Aegean Sea abated.",
            ("RETREAT", "act_tur", None),
        ),
        # newid 14140: a state pulling out of a joint project
        (
            "It comes amid speculation that Britain may pull out of the European EH-101 project, "
            "with the possibility of up to 2,000 Westland job losses.",
            ("RETREAT", "act_gbr", None),
        ),
        # newid 9695: forces withdrawing from a stronghold
        (
            "Libyan forces appear to be withdrawing from their last stronghold in Chad after "
            "suffering defeats at the hands of French-backed government troops, according to "
            "reports reaching here.",
            ("RETREAT", "act_lby", None),
        ),
    ],
)
def test_forces_and_states_pulling_out_stay_retreats(body, retreat, nlp):
    found = found_events(body, nlp, ACTORS, date(1987, 3, 25))
    assert retreat in found, found
