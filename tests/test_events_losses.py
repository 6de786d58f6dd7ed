"""A case lost in court is the court's REJECT of the loser (issue 20, `newsflow.losses`), and a
gerund clause on a verb shares its subject (`phrase_actors.subject_actors`).

Real BBC sentences through the real events stage; mentions are alias matches of the actors
listed here. The whole-BBC warehouse at 13673eb stored the first two appeals as the loser's
REQUEST (random_audit30 and random_audit35 judged them wrong), Diane Pretty's legal battle
(the spent heldout2: gold REJECT, source null, target Diane Pretty) as nothing, and the
gerund clauses' ACCUSEs without their source.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_scot", "Scottish Executive", "ORG", "GBR", ["The Scottish Executive"]),
    ("act_balco", "Balco", "ORG", "USA", ["Balco"]),
    ("act_pretty", "Diane Pretty", "PERSON", "GBR", ["Diane Pretty"]),
    ("act_fox", "Liam Fox", "PERSON", "GBR", ["Mr Fox"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["the prime minister"]),
    ("act_robinson", "Andy Robinson", "PERSON", "GBR", ["Andy Robinson"]),
    ("act_kaplan", "Jonathan Kaplan", "PERSON", "ZAF", ["Jonathan Kaplan"]),
    ("act_iraq", "Iraq", "COUNTRY", "IRQ", ["Iraq"]),
    ("act_iran", "Iran", "COUNTRY", "IRN", ["Iran"]),
    ("act_fed", "Federal Reserve", "ORG", "USA", ["the Fed"]),
    ("act_treasury", "U.S. Treasury", "ORG", "USA", ["Treasury"]),
]  # fmt: skip


def found(text: str, nlp) -> list[tuple]:
    return found_events(text, nlp, ACTORS, date(2005, 2, 1))


@pytest.mark.parametrize(
    ("text", "loser"),
    [
        # bbc/politics/173.txt
        (
            "The Scottish Executive has lost an appeal against an inmate's compensation for "
            "being forced to slop out in prison.",
            "act_scot",
        ),
        # bbc/sport/091.txt
        (
            "The Balco defence team have already lost their appeal to have the case dismissed at "
            "a pre-trial hearing in San Francisco but will still argue the case should not go to "
            "trial.",
            "act_balco",
        ),
    ],
)
def test_an_appeal_lost_is_the_courts_rejection_of_the_loser(text, loser, nlp):
    assert found(text, nlp) == [("REJECT", None, loser)]


def test_a_legal_battle_lost_before_dying_is_rejected_by_the_court(nlp):
    # bbc/politics/068.txt, the article's own subject named (the article has "She")
    text = (
        "Diane Pretty died two years ago after losing a legal battle to allow her husband to "
        "help her commit suicide."
    )
    assert found(text, nlp) == [("REJECT", None, "act_pretty")]


def test_a_battle_or_an_appeal_lost_outside_court_is_no_rejection(nlp):
    # reuters: an appeal that is a draw; a made-up party contest, with no legal mark
    text = (
        "Stock brokers and bankers polled by Reuters said equity shares issued by private "
        "firms are fast losing their popular appeal."
    )
    assert found(text, nlp) == []
    assert found("Mr Fox lost the battle for the leadership of the party.", nlp) == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # bbc/politics
        (
            'Mr Fox responded by accusing the prime minister of "hiding away from the scrutiny '
            "of London's media\".",
            ("ACCUSE", "act_fox", "act_blair"),
        ),
        # bbc/sport
        (
            "England coach Andy Robinson is facing disciplinary action after criticising referee "
            "Jonathan Kaplan in his side's Six Nations defeat to Ireland.",
            ("ACCUSE", "act_robinson", "act_kaplan"),
        ),
        # reuters (ASSAULT -> Iran before)
        (
            "Iranian and Western diplomats say Iraq started the war by invading Iran's territory "
            "in 1980.",
            ("ASSAULT", "act_iraq", "act_iran"),
        ),
    ],
)
def test_a_gerund_clause_on_a_verb_shares_its_subject(text, event, nlp):
    assert event in found(text, nlp)


def test_a_means_told_with_by_takes_no_subject_unless_it_is_an_act_between_actors(nlp):
    # reuters: the Fed's reserve operation (change_audit36: an AGREE Fed -> Treasury when every
    # "by" gerund shared the subject; 24 of 54 such new tuples were no event)
    text = (
        "In a move that came a day earlier than most expected, the Fed today supplied permanent "
        "reserves to the banking system by offering to buy all maturities of Treasury notes and "
        "bonds for regular delivery tomorrow, a Fed spokeswoman said."
    )
    assert found(text, nlp) == []
