"""A named body told again (issue 20): "the bank" is the one bank the article named
(`newsflow.definites`).

Real BBC and Reuters text, through the real events stage; mentions are alias matches of the
actors listed here, as extraction makes them.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from newsflow.definites import bodies, name_heads, with_bodies
from newsflow.roles import RoleMention
from tests.event_frames import sentence_roles

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_riggs", "Riggs Bank", "ORG", "USA", ["Riggs Bank"]),
    ("act_allende", "Salvador Allende Foundation", "ORG", "ESP", ["Salvador Allende Foundation"]),
    ("act_pinochet", "Augusto Pinochet", "PERSON", "CHL", ["Augusto Pinochet", "Gen Pinochet"]),
    ("act_ubs", "UBS", "ORG", "CHE", ["UBS Bank"]),
]  # fmt: skip

# bbc/business/187: the bank is named once in full, then accused as "the bank".
RIGGS = (
    "Riggs Bank will put money in a special fund to be managed by a Madrid-based charity, the "
    "Salvador Allende Foundation, which helps abused victims. The bank had been accused of "
    "illegally concealing Gen Pinochet's assets. The bank agreed to create a fund for the "
    "victims, but the charges were dropped."
)


def found(body: str, nlp) -> list[tuple]:
    return sentence_roles(body, nlp, ACTORS, date(2005, 2, 25))


def test_the_bank_is_the_bank_the_article_named(nlp):
    # "The bank agreed": a sentence that names no actor is parsed for "the bank"
    assert [r[1:] for r in found(RIGGS, nlp) if r[0] in (1, 2)] == [
        ("ACCUSE", None, "act_riggs"),
        ("AGREE", "act_riggs", None),
    ]


def test_the_bank_of_two_named_banks_is_nobody_in_particular(nlp):
    body = "UBS Bank said it would not comment. " + RIGGS
    # neither bank takes the roles; the verbs still report their events (`actorless`)
    assert [r[1:] for r in found(body, nlp) if r[0] in (2, 3)] == [
        ("ACCUSE", None, None),
        ("AGREE", None, None),
    ]


def test_heads_a_name_may_be_called_by():
    assert name_heads("Commons Public Accounts Committee") == {"committee"}
    assert name_heads("Bundesbank") == {"bank"}
    assert name_heads("Countryside Alliance") == {"alliance"}
    assert name_heads("Nortel Networks") == set()  # "the company": any one ORG (`bodies`)


def test_a_bare_bank_mention_is_the_world_bank(nlp):
    # spent heldout2: reuters 16948 (gold target World Bank, text "the Bank"): extraction made
    # "Bank" an actor of its own; the article names one bank in full, the World Bank.
    rows = [
        ("a", "act_wb", "act_wb", "ORG", "World Bank", 0),
        ("a", "act_bank", "act_bank", "ORG", "Bank", 8),
    ]
    mentions = pl.DataFrame(
        rows,
        schema=["article_id", "actor_id", "actor_key", "actor_type", "mention_text",
                "sentence_index"],
        orient="row",
    )  # fmt: skip
    known = bodies(mentions)["bodies"].to_list()[0]
    doc = nlp(
        "An Indian official told Reuters the government was discussing the report with the Bank."
    )
    bank = next(t.i for t in doc if t.text == "Bank")
    own = RoleMention("m1", "act_bank", "act_bank", frozenset({bank}), "ORG")
    assert [m.actor_id for m in with_bodies(doc, [own], known, 8)] == ["act_wb"]
