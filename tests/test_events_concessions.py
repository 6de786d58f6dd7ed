"""Easing, lifting, allowing, yielding: a CONCEDE only when someone gives way (issue 20,
`newsflow.senses`, `data/events/themes.json`).

Read whole, the Reuters run typed 894 CONCEDEs, and most were market copy: "the French franc
eased to 30.055 marks", "Barclays eased a penny", "the Japanese firms lift around 120,000 bpd"
(crude loaded), "priced to yield 6.86 pct", "the Bundesbank was unlikely to ease credit
policies", and things that enable ("the cancellation of the contract allows Igene to proceed",
"the plan allows grants of options"). The labelling guide's CONCEDE "eases a restriction,
releases, lifts, allows, resigns under pressure"; its labelled sets leave "The New York library
is allowing Google to include ..." and "Our results for 2004 allow us to improve ..." without an
event. "Ease", "relax" and "lift" now concede only a restriction (a ban, curbs, controls,
duties, an embargo, a curfew ...); "yield" only to someone or something; "allow" only with
someone who allows or no one named, and what a thing allows is enabled, not done; an
"allowing" hung on a thing's clause ("markets serve ... by allowing") or talked about as a
course ("allowing huge deficits to continue could have consequences") concedes nothing.

Real sentences: Reuters newids (Igene, the Japanese liftings, Barclays, Drexel 7412, the
Bundesbank 11820, Boren 11082, the option plan 17414, Taiwan's curbs and controls, Mauritius, the
Glass kidnapping, Rawl, Heller, O'Connor's stay, SPC) and BBC bbc/sport/ (Hewitt), bbc/business/
(the Fed, Greenspan's deficits), bbc/politics/ (Labour's tenants, the EU embargo, India and
Pakistan's restrictions).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_igene", "Igene Biotechnology", "COMPANY", "USA", ["Igene"]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
    ("act_barclays", "Barclays", "COMPANY", "GBR", ["Barclays"]),
    ("act_natwest", "Natwest", "COMPANY", "GBR", ["Natwest"]),
    ("act_drexel", "Drexel Burnham Lambert", "COMPANY", "USA", ["Drexel"]),
    ("act_buba", "Bundesbank", "ORG", "DEU", ["Bundesbank"]),
    ("act_boren", "David Boren", "PERSON", "USA", ["David Boren"]),
    ("act_hewitt", "Lleyton Hewitt", "PERSON", "AUS", ["Hewitt"]),
    ("act_fed", "Federal Reserve", "ORG", "USA", ["Fed"]),
    ("act_twn", "Taiwan", "COUNTRY", "TWN", ["Taiwan"]),
    ("act_mus", "Mauritius", "COUNTRY", "MUS", ["Mauritius"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["United States", "US"]),
    ("act_glass", "Charles Glass", "PERSON", "USA", ["Charles Glass"]),
    ("act_labour", "Labour Party", "ORG", "GBR", ["Labour"]),
    ("act_eu", "European Union", "ORG", None, ["EU"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_straw", "Jack Straw", "PERSON", "GBR", ["Jack Straw"]),
    ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
    ("act_greenspan", "Alan Greenspan", "PERSON", "USA", ["Alan Greenspan"]),
    ("act_oconnor", "Sandra Day O'Connor", "PERSON", "USA", ["O'Connor"]),
]  # fmt: skip
WHEN = date(1987, 4, 2)

NO_CONCESSION = [
    "The cancellation of the contract allows Igene to proceed with plans to produce NaturServ, a "
    "modified version of Weyco-Serv, the company said.",
    "The Japanese firms lift around 120,000 bpd, most of it Murban.",
    "Barclays eased a penny to 503, as did Natwest at 588.",
    "They were priced to yield 6.86 pct, Drexel said.",
    "But dealers said the Bundesbank was unlikely to ease credit policies at the moment.",
    "Hewitt has now lifted the Sydney title four times in the last six years.",
    "The Fed lifted borrowing costs five times last year to 2.25%, citing evidence the US "
    "economic recovery was becoming more robust.",
]
# An act a thing would allow is no event of its own (before, "allow" took it over as a CONCEDE).
ENABLED = [
    "David Boren (D-Okla.) was eyeing a measure that would allow cotton producers to receive "
    "disaster aid if the quality of their crop was hurt by flooding last year.",
    "The plan allows grants of options up to eight times earnings to a small group of "
    "executives, the company said.",
]
# An "allowing" whose clause's subject is a thing, or a course talked about (the subject of a
# clause), yields nothing (`newsflow.allowing`; before, each was a CONCEDE with no source).
ALLOWING_NO_ONE = [
    "Rawl also said stable energy markets serve the best interest of producing and consuming "
    "nations by allowing both groups to plan for steady economic growth.",
    'A free trade agreement currently being negotiated with Canada "would be exceedingly '
    'helpful in allowing American producers to compete more effectively in that country," '
    "Heller said.",
    "Federal Reserve chairman Alan Greenspan has warned that allowing huge US budget deficits "
    'to continue could have "severe" consequences.',
]
CONCESSIONS = [
    "SPC's price revision follows the Ministry of Trade and Industry's move to liberalise petrol "
    "pricing by allowing oil companies to set their own pump prices.",
    "A Supreme Court spokesman said O'Connor granted a stay of the injuction, allowing the "
    "merger, worth nearly 860 mln dlrs, to go through as planned later today.",
    "Taiwan announced it would ease curbs on some 600 farming and industrial products last month.",
    "Taiwan will relax import controls on more foreign goods, a government spokesman said today.",
    "Mauritius has lifted import duties on textiles and other goods connected with the textile "
    "industry as part of its economic liberalisation programme, Finance Minister Vishnu "
    "Lutchmeenaraido said.",
    "The United States, responding to the kidnapping of American journalist Charles Glass, today "
    "insisted it would not yield to terrorist blackmail.",
    "Labour has said it will allow 300,000 council and housing association tenants to buy a "
    "share in their homes.",
    "The EU embargo on arms exports to China is likely to be lifted in the next six months "
    "despite US objections, UK Foreign Secretary Jack Straw has said.",
    "Both countries eased travel and other restrictions as part of the peace process aimed at "
    "ending nearly six decades of hostilities.",
]


@pytest.mark.parametrize("body", NO_CONCESSION, ids=lambda b: b[:40])
def test_market_moves_loadings_and_returns_concede_nothing(nlp, body):
    events = found_events(body, nlp, ACTORS, WHEN)
    assert [e for e in events if e[0] == "CONCEDE"] == [], events


@pytest.mark.parametrize("body", ENABLED, ids=lambda b: b[:40])
def test_what_a_thing_allows_is_no_event(nlp, body):
    assert found_events(body, nlp, ACTORS, WHEN) == [], body


@pytest.mark.parametrize("body", ALLOWING_NO_ONE, ids=lambda b: b[:40])
def test_an_allowing_by_a_thing_or_talked_about_concedes_nothing(nlp, body):
    events = found_events(body, nlp, ACTORS, WHEN)
    assert [e for e in events if e[0] == "CONCEDE"] == [], events


@pytest.mark.parametrize("body", CONCESSIONS, ids=lambda b: b[:40])
def test_easing_lifting_and_allowing_by_someone_stay_concessions(nlp, body):
    assert "CONCEDE" in {e[0] for e in found_events(body, nlp, ACTORS, WHEN)}, body
