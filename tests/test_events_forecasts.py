"""A figure's expected course is no request (issue 20, `stock_phrases.figure_forecast`).

"X said Y must/should act" reports a demand on Y (REQUEST). "China's 1987 cotton output must
rise", "national income ... should rise by 4.3 pct" report where a figure is to go: a plan or
an expectation, asked of no one, and the events guide keeps statistics out.

Real Reuters sentences (reuters21578.jsonl.gz newids 4679, 11461, 21368), through the real
events stage; mentions are alias matches of the actors listed here.
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
