"""Breaking, halting, freezing, cancelling, recalling: a SANCTION only of ties, aid, supplies,
envoys or assets (issue 20, `newsflow.themes`, `data/events/themes.json`).

Read whole, the Reuters and BBC runs typed as SANCTIONs an exchange halting trading, a firm
expecting to "break even", officials who "broke the news", "since the crisis broke", a speech
cancelled, condoms recalled and a petrol duty frozen. The labelling guide's SANCTION "cuts
ties, freezes assets, suspends aid or membership"; its labelled sets leave "halted trading in
Value Line stock index futures" and "the duty would be frozen" without an event. Each is none
now; "break diplomatic relations with Iran", "halted loans to Hanoi" and "froze the assets of
the firm's executives" stay SANCTIONs.

Real sentences: Reuters newids (Versar, Sand 4160, the Silkworm news, Circle Rubber, Selowsky and
the scandal that broke, Tunisia 9863, Hanoi 17207, Hoeveler 12586) and BBC
bbc/entertainment/ (Jennifer Lopez), bbc/politics/ (Brown's Budget).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.event_frames import article_events, found_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_amex", "American Stock Exchange", "ORG", "USA", ["American Stock Exchange"]),
    ("act_versar", "Versar Inc", "COMPANY", "USA", ["Versar"]),
    ("act_sand", "Sand Technology", "COMPANY", "CAN", ["Sand"]),
    ("act_shattner", "Shattner", "PERSON", "CAN", ["Shattner"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["U.S."]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
    ("act_lopez", "Jennifer Lopez", "PERSON", "USA", ["Jennifer Lopez"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ("act_selowsky", "Rolf Selowsky", "PERSON", "DEU", ["Rolf Selowsky"]),
    ("act_circle", "Circle Rubber Corp", "COMPANY", "USA", ["Circle Rubber Corp"]),
    ("act_saxon", "Saxon", "ORG", "USA", ["Saxon"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown"]),
    ("act_tun", "Tunisia", "COUNTRY", "TUN", ["Tunisia"]),
    ("act_vnm", "Vietnam", "COUNTRY", "VNM", ["Hanoi"]),
    ("act_hoeveler", "William Hoeveler", "PERSON", "USA", ["William Hoeveler"]),
]  # fmt: skip
WHEN = date(1987, 3, 20)

NO_SANCTION = [
    "The American Stock Exchange halted trading of Versar's stock this morning.",
    'After "a disastrous first quarter," Sand hopes to break even in the current fiscal year, '
    "Shattner said.",
    "Tension in the Gulf has risen since U.S. Officials last week broke the news that Iran had "
    "acquired the Silkworm missiles.",
    "Jennifer Lopez cancelled an appearance at the UK charity premiere of her new movie saying she "
    "was too ill to fly.",
    "The FDA also said Circle Rubber Corp of Newark, N.J., is voluntarily recalling Saxon and "
    "L'appel condoms after being informed of FDA test results.",
    "The head of the finance department, Rolf Selowsky, resigned days after the scandal broke in "
    "March.",
    "U.S. economic data this week could be the key in determining whether U.S. interest rate "
    "futures break out of a 3-1/2 month trading range, financial analysts said.",
    "Gordon Brown is to freeze petrol duty increases, fund a £1bn package to avoid big council "
    "tax rises and boost childcare and maternity leave.",
]
SANCTIONS = [
    "Tunisia has decided to break diplomatic relations with Iran, the foreign ministry said.",
    "The bank abruptly halted loans to Hanoi after the fall of the Saigon government in 1975.",
    "District Judge William Hoeveler ordered the company closed, appointed a receiver and froze "
    "the assets of the firm's executives.",
]


@pytest.mark.parametrize("body", NO_SANCTION, ids=lambda b: b[:40])
def test_breaking_news_or_halting_trading_is_no_sanction(nlp, body):
    events = found_events(body, nlp, ACTORS, WHEN)
    assert [e for e in events if e[0] == "SANCTION"] == [], events


@pytest.mark.parametrize("body", SANCTIONS, ids=lambda b: b[:40])
def test_breaking_ties_halting_loans_freezing_assets_stay_sanctions(nlp, body):
    assert "SANCTION" in {e[0] for e in found_events(body, nlp, ACTORS, WHEN)}, body


def test_a_broken_pledge_is_no_agreement(nlp):
    """BBC bbc/politics/ (Redwood): once "break" with no ties for theme named no SANCTION, the
    pledge it broke came out as an AGREE by Blair; "break", "breach" and "violate" negate what
    they govern (`cues.json` negating_verbs)."""
    body = (
        'Announcing the plans, Mr Redwood said: "Mr Blair has forgotten the interests of '
        "taxpayers, and has broken the pledges he made."
    )
    actors = [*ACTORS, ("act_blair", "Tony Blair", "PERSON", "GBR", ["Mr Blair"])]
    frame = article_events(body, nlp, fresh_state(), actors, WHEN)
    agreed = frame.filter(pl.col("event_type") == "AGREE")
    assert agreed.filter(pl.col("mode") == "asserted").height == 0, agreed.to_dicts()


def test_an_attack_that_broke_a_ceasefire_stays_asserted(nlp):
    """BBC bbc/business/ (Ivory Coast): only what "broke" takes as object is negated; the
    bombing and killing told beside the broken ceasefire stay asserted ASSAULTs."""
    body = (
        "France has played a lead role in international peacekeeping in Ivory Coast - a former "
        "colony - after President Laurent Gbagbo broke an 18-month ceasefire with rebels "
        "bombing their positions and killing the nine French soldiers."
    )
    actors = [
        *ACTORS,
        ("act_fra", "France", "COUNTRY", "FRA", ["France", "French"]),
        ("act_civ", "Ivory Coast", "COUNTRY", "CIV", ["Ivory Coast"]),
        ("act_gbagbo", "Laurent Gbagbo", "PERSON", "CIV", ["Laurent Gbagbo"]),
    ]
    frame = article_events(body, nlp, fresh_state(), actors, WHEN)
    assaults = frame.filter(pl.col("event_type") == "ASSAULT")
    assert assaults.height > 0
    assert assaults.filter(pl.col("mode") != "asserted").height == 0, assaults.to_dicts()


SUSPENSIONS = [
    # (Reuters sentence, the type it names now, or None)
    ("In February, Brazil suspended interest payment on about 68 bln dlrs of its commercial debt.",
     "REJECT"),
    ("Rhone-Poulenc shares were suspended from trading on the Paris Bourse last Thursday ahead of "
     "the capital increase.", None),
    ("The Pacific Stock Exchange suspended business a half-hour early so it could catch up with a "
     "massive backlog of trades.", None),
    ("Brazil has suspended the importation of 500,000 tonnes of maize ordered last year because "
     "of the excellent domestic maize harvest expected this year, Agriculture Minister Iris "
     "Resende said.", "SANCTION"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "kind"), SUSPENSIONS, ids=lambda x: str(x)[:40])
def test_a_suspension_is_typed_by_what_is_suspended(nlp, body, kind):
    """Suspending debt payments refuses them (REJECT, as the labelled sets type "the government
    halting debt repayments"); suspending trading or business is a market operation (none);
    suspending imports stays a SANCTION."""
    actors = [
        *ACTORS,
        ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
        ("act_rp", "Rhone-Poulenc", "COMPANY", "FRA", ["Rhone-Poulenc"]),
        ("act_bourse", "Paris Bourse", "ORG", "FRA", ["Paris Bourse"]),
        ("act_pse", "Pacific Stock Exchange", "ORG", "USA", ["Pacific Stock Exchange"]),
    ]
    types = {e[0] for e in found_events(body, nlp, actors, WHEN)} & {"SANCTION", "REJECT"}
    assert types == ({kind} if kind else set()), body
