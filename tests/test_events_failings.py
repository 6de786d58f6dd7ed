"""A reported failing is an accusation (issue 20, `newsflow.failings`).

Real sentences of the events tune half (bench/labels/events/tune.jsonl), through the real
events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from newsflow import roles
from tests.event_frames import article_events, found_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_cable", "Vince Cable", "PERSON", "GBR", ["Vince Cable"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown", "Mr Brown"]),
    ("act_libdem", "Liberal Democrats", "PARTY", "GBR", ["Liberal Democrats", "Lib Dems"]),
    ("act_banks", "West German Federation of Banks", "ORG", "DEU",
     ["West German Federation of Banks"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_said_the_chancellor_had_failed_to_act_is_an_accusation(nlp):
    # tune: bbc/politics/387.txt (gold ACCUSE Vince Cable -> Gordon Brown): no event was found
    text = (
        'For the Lib Dems, Vince Cable said the chancellor had failed to deal with the "looming '
        'problems" of revaluation of council tax bands which he argued would result in "massive '
        'increases" for some.'
    )
    assert found(text, nlp) == [("ACCUSE", "act_cable", None)]
    named = "Vince Cable said Gordon Brown had failed to deal with the problems."
    assert found(named, nlp) == [("ACCUSE", "act_cable", "act_brown")]


def test_the_failure_of_an_actor_to_act_is_an_accusation(nlp):
    # tune: reuters 5432 (gold ACCUSE the bankers' president -> West Germany): no event found
    text = (
        "The failure of the West German government to abolish a tax on bourse turnover when "
        "other taxes came under discussion during recent coalition negotiations was a "
        '"bitter disappointment," the president of the West German Federation of Banks, Hanns '
        "Christian Schroeder-Hohenwarth, said."
    )
    assert [(t, s) for t, s, _ in found(text, nlp)] == [("ACCUSE", "act_banks")]
    named = "Vince Cable said the failure of France to act was a disgrace."
    assert found(named, nlp) == [("ACCUSE", "act_cable", "act_fra")]


def test_said_another_should_have_acted_is_an_accusation_not_a_request(nlp):
    # random_audit37 items 7 and 27 (BBC politics): "said the government should have acted
    # sooner" was a REQUEST; the guide reads a reproach for what was not done as ACCUSE
    text = "Vince Cable said Gordon Brown should have acted sooner on council tax."
    assert found(text, nlp) == [("ACCUSE", "act_cable", "act_brown")]
    # what one should do still asks it; one's own "should have" blames nobody
    asked = "Vince Cable said Gordon Brown should act sooner on council tax."
    assert found(asked, nlp) == [("REQUEST", "act_cable", "act_brown")]
    assert found("Vince Cable said we should have acted sooner.", nlp) == []
    # Reuters 1987, BBC sport (the change audit of this rule): a figure's or a thing's course
    for text in (
        "Vince Cable said several areas, including transport equipment, should have bounced back.",
        "Vince Cable said the harvests should have been five to seven mln boxes larger than "
        "they were.",
        '"It should have been more convincing," said Vince Cable.',
    ):
        assert found(text, nlp) == [], text


def test_the_one_told_of_a_reproach_is_no_target(nlp):
    # BBC politics (change audit of this rule): "She told the BBC the full advice should have
    # been attached" stored ACCUSE -> BBC, the hearer; the reproach is of whoever failed
    actors = [*ACTORS, ("act_bbc", "BBC", "ORG", "GBR", ["the BBC"])]
    for text, target in (
        ("Vince Cable told the BBC the full advice should have been attached.", None),
        ("Vince Cable told the BBC that Gordon Brown had failed to deal with it.", "act_brown"),
    ):
        assert found_events(text, nlp, actors, date(2005, 3, 1)) == [
            ("ACCUSE", "act_cable", target)
        ], text
    # nor is one's own "should have" asked of anyone
    assert found("Vince Cable told Gordon Brown he should have acted sooner.", nlp) == []


def test_a_denied_own_or_actless_failing_blames_nobody(nlp):
    texts = [
        "Vince Cable said Gordon Brown had not failed to deal with the problems.",
        "Vince Cable said he had failed to deal with the problems.",
        "Vince Cable said the plan had failed.",
    ]
    assert [found(t, nlp) for t in texts] == [[], [], []]


def test_a_failing_is_a_cue_only_under_a_reporting_verb(nlp):
    # "failed" cues a parse only with a reporting verb: "Britain failed to act" names no event
    cues = roles.Lexicon.load().trigger_cues(nlp)
    texts = ["Mr Cable said Britain had failed to act.", "Britain failed to act."]
    words = [set(w) for w in pl.select(cues.words(pl.lit(pl.Series(texts)).str.to_lowercase()))
             .to_series().to_list()]  # fmt: skip
    assert [cues.match(w) for w in words] == [True, False]


def test_a_failure_to_agree_blames_no_one(nlp):
    # Reuters (random_audit38 item 155 and the whole-corpus run at 16f275e, tuned on): each
    # was an ACCUSE; failing to agree takes two. What was not agreed stays a negated AGREE.
    actors = [
        ("act_can", "Canada", "COUNTRY", "CAN", ["Canadian"]),
        ("act_egy", "Egypt", "COUNTRY", "EGY", ["Egyptian", "Egypt", "Cairo"]),
        ("act_gm", "General Motors", "ORG", None, ["General Motors"]),
        ("act_uaw", "UAW Local", "ORG", None, ["UAW Local"]),
    ]
    wheat = (
        "Canadian and Egyptian wheat negotiators failed to conclude an agreement on Canadian "
        "wheat exports to Egypt during talks last week, but the Canadian team will return to "
        "Cairo for further negotiations, officials said."
    )
    frame = article_events(wheat, nlp, fresh_state(), actors, date(1987, 4, 2))
    assert "ACCUSE" not in set(frame["event_type"])
    agree = frame.filter(pl.col("event_type") == "AGREE")
    assert agree.select("source_actor_id", "target_actor_id", "mode").rows() == [
        ("act_can", "act_egy", "negated")
    ]
    # "causing a strike" hangs on the failure: the strike happened (the failure negates what
    # it governs, not a clause hung on it)
    strike = (
        "General Motors' truck and bus group failed to reach an agreement on local issues with "
        "UAW Local 594 by the union's deadline of noon today, causing a strike by 9,000 hourly "
        "workers at the facility, the company said."
    )
    frame = article_events(strike, nlp, fresh_state(), actors, date(1987, 4, 2))
    assert sorted(frame.select("event_type", "mode").rows()) == [
        ("AGREE", "negated"),
        ("PROTEST", "asserted"),
    ]
