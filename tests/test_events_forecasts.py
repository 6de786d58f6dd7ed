"""A figure's expected course is no request (issue 20, `stock_phrases.figure_forecast`).

"X said Y must/should act" reports a demand on Y (REQUEST). "China's 1987 cotton output must
rise", "national income ... should rise by 4.3 pct" report where a figure is to go: a plan or
an expectation, asked of no one, and the events guide keeps statistics out.

An onlooker's warning ("warned HVB Group economist Andreas Rees", "Analysts warned that
France still was facing challenges") is a forecast too (`senses`), no THREATEN; a side's
warning stays one.

Real Reuters sentences (reuters21578.jsonl.gz newids 4679, 11461, 21368, 12178) and BBC ones
(bbc/business/387.txt, 190.txt), through the real events stage; mentions are alias matches of
the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_cd", "China Daily", "ORG", None, ["China Daily"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_talyzin", "Nikolai Talyzin", "PERSON", "SUN", ["Talyzin"]),
    ("act_sun", "Soviet Union", "COUNTRY", "SUN", ["Soviet"]),
    ("act_yeutter", "Clayton Yeutter", "PERSON", "USA", ["Yeutter"]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japan"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 4679: a paper on the output a country needs
        "China's 1987 cotton output must rise above the 1986 level of 3.54 mln tonnes or supply "
        "will fall short of increasing demand, the China Daily said.",
        # newid 21368: a planning chief's targets
        "Talyzin said national income, the nearest Soviet equivalent to gross national product, "
        "should rise by 4.3 pct against a planned 4.1 pct this year.",
    ],
)
def test_a_figure_that_should_rise_is_no_request(body, nlp):
    # regression, issue 20: each was a REQUEST
    found = found_events(body, nlp, ACTORS, date(1987, 3, 13))
    assert [e for e in found if e[0] == "REQUEST"] == [], found


def test_an_act_someone_must_do_stays_a_request(nlp):
    # newid 11461: a demand on a state, whose subject acts
    body = (
        "Yeutter said Japan must stop dumping chips in third countries and buy more American "
        "computer chips."
    )
    found = found_events(body, nlp, ACTORS, date(1987, 3, 31))
    assert ("REQUEST", "act_yeutter", "act_jpn") in found, found


@pytest.mark.parametrize(
    ("body", "actors"),
    [
        # bbc/business/387.txt: an economist's warning of a figure (THREATEN HVB Group before)
        (
            '"Be prepared for a nasty figure for January 2005, about five million unemployed on a '
            'non-seasonally adjusted basis," warned HVB Group economist Andreas Rees.',
            [
                ("act_hvb", "HVB Group", "ORG", "DEU", ["HVB Group"]),
                ("act_rees", "Andreas Rees", "PERSON", "DEU", ["Andreas Rees"]),
            ],
        ),
        # bbc/business/190.txt: analysts' view of a country (THREATEN -> France before)
        (
            "Analysts warned that France still was facing challenges and was unlikely to keep "
            "expanding at its current pace.",
            [("act_fra", "France", "COUNTRY", "FRA", ["France"])],
        ),
    ],
)
def test_an_onlookers_warning_is_no_threat(body, actors, nlp):
    found = found_events(body, nlp, actors, date(2005, 2, 1))
    assert [e for e in found if e[0] == "THREATEN"] == [], found


def test_a_side_warning_stays_a_threat(nlp):
    # newid 12178 (Reuters, 1 Apr 1987): the warning of a side, not of an onlooker
    actors = [
        ("act_usa", "United States", "COUNTRY", "USA", ["Reagan administration"]),
        ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
        ("act_deu", "Germany", "COUNTRY", "DEU", ["Germany"]),
    ]
    body = (
        "The Reagan administration has warned France and Germany that it may retaliate if "
        "control of the company is awarded on political grounds."
    )
    found = found_events(body, nlp, actors, date(1987, 4, 1))
    assert ("THREATEN", "act_usa", "act_fra") in found, found


def test_a_stadium_managers_warning_stays_a_threat(nlp):
    # bbc/sport/148.txt: a manager in charge warns of what he will do, no onlooker
    actors = [("act_corner", "Kevin Corner", "PERSON", "GBR", ["Kevin Corner"])]
    body = (
        'But Palace stadium manager Kevin Corner has warned: "If they wear them inside Selhurst '
        "Park they will be immediately rejected on safety grounds."
    )
    found = found_events(body, nlp, actors, date(2005, 1, 20))
    assert ("THREATEN", "act_corner", None) in found, found
