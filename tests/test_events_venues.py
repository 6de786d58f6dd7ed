"""A capital modifying a meeting, a summit or an accord names the venue, not a party (issue 20,
`newsflow.venues`): "the Paris accord" is no event of France's; a capital that acts ("Paris
said") still stands for its government.

Real Reuters sentences (reuters21578.jsonl.gz, newid given; none in a labelled events set),
through the real events stage; mentions are alias matches of the actors listed here ("Paris"
a PLACE, which the gazetteer knows as France's capital).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
    ("act_paris", "Paris", "PLACE", "FRA", ["Paris"]),
    ("act_ita", "Italy", "COUNTRY", "ITA", ["Italy"]),
    ("act_venice", "Venice", "PLACE", "ITA", ["Venice"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["U.S."]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
]  # fmt: skip
PUBLISHED = date(1987, 3, 20)


def test_a_pact_named_after_a_capital_gives_that_country_no_role(nlp):
    # newid 5290: Italy refused the pact of the Group of Five and Canada, made in Paris
    # (REJECT Italy -> France before)
    body = "The sources said Italy, which refused to join the Paris pact, was invited back."
    assert found_events(body, nlp, ACTORS, PUBLISHED) == [("REJECT", "act_ita", None)]


def test_a_capital_that_acts_still_stands_for_its_government(nlp):
    # the rule reads a capital as a venue only as a modifier of a gathering or accord
    body = "Paris said it would reject any move to link the two issues at the talks."
    events = found_events(body, nlp, ACTORS, PUBLISHED)
    assert ("REJECT", "act_fra", None) in events


VENUE_ACTORS = [
    ("act_bel", "Belgium", "COUNTRY", "BEL", ["Belgium"]),
    ("act_brussels", "Brussels", "PLACE", "BEL", ["Brussels"]),
    ("act_eu", "European Union", "ORG", None, ["EU"]),
    ("act_ec", "European Community", "ORG", None, ["European Community"]),
    ("act_jor", "Jordan", "COUNTRY", "JOR", ["Jordan"]),
    ("act_amman", "Amman", "PLACE", "JOR", ["Amman"]),
    ("act_saddam", "Saddam Hussein", "PERSON", "IRQ", ["Saddam Hussein"]),
]  # fmt: skip


# (sentence, actors, the country of the city named): a city where a meeting or talks are held
# gives its country no role
VENUE_CASES = [
    (  # reuters newid 10382: "agreed at the Paris meeting" (CONSULT France before)
        "Dealers said this tended to confirm the market's impression that major industrial "
        "countries had agreed at the Paris meeting on an effective floor for the dollar of 148 "
        "yen, and the market seemed ready to test it.",
        ACTORS,
        "act_fra",
    ),
    (  # bbc/politics/373.txt (CONSULT Belgium -> European Union before)
        "EU leaders are holding talks in Brussels on how to re-energise the sluggish European "
        "economy.",
        VENUE_ACTORS,
        "act_bel",
    ),
    (  # reuters newid 15741 (CONSULT European Community -> Belgium before)
        "European Community trade experts will meet in Brussels tomorrow to discuss possible EC "
        "action against Japan over trade, British Prime Minister Margaret Thatcher said.",
        VENUE_ACTORS,
        "act_bel",
    ),
]


@pytest.mark.parametrize(("body", "actors", "venue_country"), VENUE_CASES)
def test_the_city_where_talks_are_held_is_no_party_to_them(nlp, body, actors, venue_country):
    events = found_events(body, nlp, actors, PUBLISHED)
    assert all(venue_country not in event for event in events), events


def test_a_visit_s_city_stays_its_host(nlp):
    # PLOVER gold (CONSULT, target "Amman"): a visit's city is its host country
    body = "Iraqi President Saddam Hussein arrived in Amman on a previously unannounced visit on Wednesday."
    events = found_events(body, nlp, VENUE_ACTORS, PUBLISHED)
    assert any(e[0] == "CONSULT" and e[2] == "act_jor" for e in events), events
