"""A talk verb's partner in a "with" phrase the parser hung on its object (issue 20,
`newsflow.comitative`). Real sentences (spent heldout2 and the first 300 BBC articles)
through the real events stage; mentions are alias matches of the actors listed here."""

from __future__ import annotations

from datetime import date

from tests.event_frames import sentence_roles

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_ind", "India", "COUNTRY", "IND", ["Indian"]),
    ("act_wb", "World Bank", "ORG", None, ["World Bank", "Bank"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown", "Mr Brown"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair", "Mr Blair"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    return sentence_roles(body, nlp, ACTORS, date(2005, 2, 6))


def test_discussing_the_report_with_the_bank_has_the_bank_as_partner(nlp):
    # spent heldout2: reuters 16948, gold CONSULT India -> World Bank. "with the Bank" hangs
    # on "report", the topic, which the roles skip: the event had no target.
    body = "An Indian official told Reuters the government was discussing the report with the Bank."
    assert found(body, nlp) == [(0, "CONSULT", "act_ind", "act_wb")]


def test_discussed_the_campaign_with_mr_blair(nlp):
    # BBC politics, "Blair pledges unity to Labour MPs" (first 300 BBC articles). CONSULT is
    # symmetric: the pair is kept in a stable order, so compare it as a pair.
    body = (
        "Mr Brown says he discussed the election campaign with Mr Blair on Saturday and "
        "promised to play his part."
    )
    talks = [r for r in found(body, nlp) if r[1] == "CONSULT"]
    assert [set(r[2:]) for r in talks] == [{"act_brown", "act_blair"}]
