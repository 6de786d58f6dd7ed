"""A warning of how things will go is no threat (issue 20, `forecasts._warns_of_a_trend`).

"Heineken ... warned that earnings in 2005 may also slide", "the firm warned of lower margins
this year", "Mervyn King warned ... that the era of consistently low inflation ... may be coming
to an end" were THREATENs. The labelling guide types "warns of action" THREATEN and settles a
report "that warned of rising U.S. reliance on foreign oil imports" as no event: a forecast
(CAMEO 012, a pessimistic comment) threatens nothing. A warning whose every reported clause has
a thing for subject and names no threatened act, or a bare "warned of" a trend, is none now;
"warned of possible protectionist retaliation", "warned that it would retaliate", "any
interference ... would meet a strong response from Tehran" stay threats.

Real sentences: BBC bbc/business/ (Heineken, Renault, Mervyn King), bbc/politics/ (the
Parliamentary Labour Party); Reuters newids 16935, 11287, 8421 and 1848.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_heineken", "Heineken", "ORG", "NLD", ["Heineken"]),
    ("act_renault", "Renault", "ORG", "FRA", ["Renault"]),
    ("act_king", "Mervyn King", "PERSON", "GBR", ["Mervyn King"]),
    ("act_boe", "Bank of England", "ORG", "GBR", ["BoE"]),
    ("act_lab", "Labour Party", "ORG", "GBR", ["Labour", "Parliamentary Labour Party"]),
    ("act_baldrige", "Malcolm Baldrige", "PERSON", "USA", ["Malcolm Baldrige"]),
    ("act_kor", "South Korea", "COUNTRY", "KOR", ["South Korea", "Seoul"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japan"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran", "Tehran"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["United States"]),
    ("act_yeutter", "Clayton Yeutter", "PERSON", "USA", ["Clayton Yeutter"]),
    ("act_ec", "European Community", "IGO", None, ["EC"]),
]  # fmt: skip
WHEN = date(2005, 2, 10)

FORECASTS = [
    "Dutch firm Heineken saw its annual profits drop 33% and warned that earnings in 2005 may "
    "also slide.",
    "Strong sales outside western Europe helped Renault boost its profits by more than 40% in "
    "2004 although the firm warned of lower margins this year.",
    "However, BoE governor Mervyn King warned only last month that the era of consistently low "
    "inflation and low unemployment may be coming to an end.",
    "A meeting of the Parliamentary Labour Party saw a succession of normally loyal members warn "
    "that feuding could jeopardise Labour's election hopes.",
]
THREATS = [
    "Commerce Secretary Malcolm Baldrige praised South Korea's new surplus-cutting trade "
    "policies but warned of possible protectionist retaliation if Seoul's market liberalisation "
    "efforts falter or fail.",
    '" Britain last week warned that it would retaliate if Japan did not move soon to open its '
    "markets to outside competition.",
    "Iran on Sunday denied as baseless reports that it intended to threaten shipping in the gulf "
    "and warned the United States that any interference in the region would meet a strong "
    "response from Tehran, Tehran Radio said.",
    "U.S. trade representative Clayton Yeutter Monday warned another major transatlantic trade "
    "row will develop if the EC proceeds with the vegetable oils tax.",
]


@pytest.mark.parametrize("body", FORECASTS, ids=lambda b: b[:40])
def test_a_forecast_is_no_threat(nlp, body):
    events = found_events(body, nlp, ACTORS, WHEN)
    assert [e for e in events if e[0] == "THREATEN"] == [], events


@pytest.mark.parametrize("body", THREATS, ids=lambda b: b[:40])
def test_a_warning_of_retaliation_stays_a_threat(nlp, body):
    assert "THREATEN" in {e[0] for e in found_events(body, nlp, ACTORS, WHEN)}, body


def test_an_onlookers_view_of_no_one_is_no_event(nlp):
    # Reuters (random_audit38's kind: analysts' views stored as events; an ACCUSE before)
    body = (
        "Analysts questioned this explanation, however, arguing that the companies did not need "
        "government approval to complete the transaction."
    )
    assert found_events(body, nlp, ACTORS, WHEN) == []
    # change_audit38b item 6 (judged no event)
    body = (
        "Most analysts dismissed the rumours saying it was an old story, and one commented that "
        'it was "utter rubbish," adding he thought Unilever would not be interested in Gillette.'
    )
    assert found_events(body, nlp, ACTORS, WHEN) == []


def test_an_onlookers_praise_threat_or_a_critics_complaint_stays(nlp):
    # Reuters (change_audit38b items 39, 25, 51, judged events; tuned on): a first form of the
    # rule dropped them with the onlookers' views
    bodies = [
        "But it was being praised today by political analysts as a shrewd move which, while "
        "advancing towards that aim, could not be seized upon by opposition parties as overtly "
        "trying to bribe the electorate.",
        '"Our position is that we are not willing to discuss the problems of market prices at a '
        'time when traders are making threats," one source said.',
        "However, critics complain that the agreement does not go far enough to restrict the "
        "role of lawyers and could still be circumvented by criminals.",
    ]
    found = [{e[0] for e in found_events(b, nlp, ACTORS, WHEN)} for b in bodies]
    kinds = ["SUPPORT", "THREATEN", "ACCUSE"]
    assert [kind in types for kind, types in zip(kinds, found, strict=True)] == [True] * 3, found


def test_an_onlookers_call_on_someone_named_stays(nlp):
    body = "Analysts criticised OPEC for failing to curb output."
    actors = ACTORS + [("act_opec", "OPEC", "ORG", None, ["OPEC"])]
    assert [(e[0], e[2]) for e in found_events(body, nlp, actors, WHEN)] == [("ACCUSE", "act_opec")]
