"""A demand that is the aim of a protest is the protest's (issue 20, `newsflow.protest_aims`).

Real sentences of the PLOVER gold records (PROTEST), through the real events stage; mentions
are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_students", "Indonesian students", "GROUP", "IDN", ["university students"]),
    ("act_suharto", "Suharto", "PERSON", "IDN", ["President Suharto"]),
    ("act_islamists", "Islamic fundamentalists", "GROUP", "DZA", ["Islamic fundamentalists"]),
    ("act_benbella", "Ahmed Ben Bella", "PERSON", "DZA", ["Ahmed Ben Bella"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(1998, 5, 2))


def test_demonstrations_staged_to_demand_reforms_are_a_protest(nlp):
    # PLOVER PROTEST records were REQUEST: "to demand" led, as it names the one demanded of
    text = (
        "Tens of thousands of university students throughout Indonesia staged mass "
        "demonstrations Saturday to demand political reforms by President Suharto's government."
    )
    assert [t for t, _, _ in found(text, nlp)] == ["PROTEST"]


def test_a_hunger_strike_to_demand_a_resignation_targets_the_one_demanded_of(nlp):
    text = (
        "Islamic fundamentalists continued their hunger strike to demand the resignation of "
        "Algerian President Ahmed Ben Bella."
    )
    assert found(text, nlp) == [("PROTEST", "act_islamists", "act_benbella")]


WORKERS = [("act_uaw", "United Auto Workers", "ORG", "USA", ["UAW"]),
           ("act_gm", "General Motors", "ORG", "USA", ["GM"]),
           ("act_hahn", "George Hahn", "PERSON", "USA", ["George Hahn"]),
           ("act_redknapp", "Harry Redknapp", "PERSON", "GBR", ["Redknapp"])]  # fmt: skip


def test_workers_walking_out_is_a_protest(nlp):
    # Reuters 1987 and BBC 2005 items: "walked out" (its "out" parsed as an adverb) and
    # "walkout" were no trigger; random_audit37 item 103 judged a walkout PROTEST, not REQUEST
    for text, expected in (
        (
            "Cargo handling remains halted at Bangladesh's Chittagong port since nearly 7,000 "
            "workers walked out on Monday following a pay dispute.",
            [("PROTEST", None, None)],
        ),
        (
            "Tube workers walked out last week demanding a 53% pay rise.",
            [("PROTEST", None, None)],
        ),
        (
            "Chances are high that the UAW will call a company-wide walkout against GM this fall.",
            [("PROTEST", "act_uaw", "act_gm")],
        ),
    ):
        assert found_events(text, nlp, WORKERS, date(1987, 6, 1)) == expected, text


def test_walking_out_of_a_room_or_a_club_is_no_protest(nlp):
    for text in (
        "During confirmation hearings George Hahn walked out of the hearing.",
        "When your asset walks out the door every night, it is difficult to pay that cash.",
        # BBC sport and entertainment: one person leaving (the change audit of 90c8f80)
        "Saints boss Redknapp was upbeat about the draw despite having to face the club he "
        "walked out on just six weeks ago.",
    ):
        assert found_events(text, nlp, WORKERS, date(1987, 6, 1)) == [], text
