"""Help done by a thing is no aid between actors (issue 20, `senses._helped_by_a_thing`).

"help" is AID in the lexicon. Its subject is often a thing whose effect is reported ("the
rumour helped GEC's share price to rise"): the random audits judged such sentences no event
("opinion on the World Bank's role, no act"). A subject that names someone (a name, a pronoun,
an agent noun) keeps the aid.

Real sentences: Reuters (reuters21578.jsonl.gz newids 306, 1682, 11177, 15161), BBC business
225 and 488 (China's loan to Russia); mentions are alias matches of the
actors listed here, through the real events stage.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsflow import senses
from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gec", "GEC", "ORG", None, ["GEC"]),
    ("act_aus", "Australia", "COUNTRY", "AUS", ["Australia"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ("act_gm", "General Motors", "ORG", None, ["GM"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_rus", "Russia", "COUNTRY", "RUS", ["Russia", "Russian"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 15161: a rumour's effect on a share price
        "Stock Exchange traders said the rumour helped GEC's share price to rise 5p, to a final "
        "206p from yesterday's closing price of 201p.",
        # newid 11177: discoveries' effect on a country's self-sufficiency
        "\"These discoveries will help Australia's self-sufficiency in oil reserves thereby "
        'offsetting in part the decline in Bass Strait production now under way," McGill said.',
        # newid 1682: a relative clause whose noun is a cash flow
        "Kidder Peabody's Kirnan said cost reductions and product improvements this year should "
        "lead to positive cash flow by the fourth quarter, which will help GM finance the "
        "buyback.",
        # BBC business 225: the subject of the verb "help" completes
        "The January sales have failed to help the UK High Street recover from a poor Christmas "
        "season, a survey has found.",
    ],
)
def test_help_done_by_a_thing_is_no_aid(body, nlp):
    # regression, issue 20: each was an AID
    assert [e for e in found_events(body, nlp, ACTORS, date(1987, 3, 1)) if e[0] == "AID"] == []


@pytest.mark.parametrize(
    ("body", "aid"),
    [
        # BBC business 488: the lender's help stays (the subject of the verb it completes)
        (
            "China lent Russia $6bn (3.2bn pounds) to help the Russian government renationalise "
            "the key Yuganskneftegas unit of oil group Yukos, it has been revealed.",
            ("AID", "act_chn", "act_rus"),
        ),
    ],
)
def test_help_done_by_someone_stays_aid(body, aid, nlp):
    assert aid in found_events(body, nlp, ACTORS, date(2005, 1, 5))


@pytest.mark.parametrize(
    "body",
    [
        # BBC business 488: the subject of the verb "help" completes is a state
        "China lent Russia $6bn (3.2bn pounds) to help the Russian government renationalise the "
        "key Yuganskneftegas unit of oil group Yukos, it has been revealed.",
        # newid 306: banks, an agent noun
        "Bank of Japan officials said they hope Japanese commercial banks will help Nigeria "
        "overcome its debt problems.",
    ],
)
def test_help_by_a_state_or_an_agent_noun_is_someone_s(body, nlp):
    # the rule itself, on the role parser's reading: these helpers act
    verb = next(t for t in nlp(body) if t.lemma_ == "help")
    assert not senses._helped_by_a_thing(verb)
