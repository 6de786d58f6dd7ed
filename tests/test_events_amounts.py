"""The side an amount is given to (`amounts`) and the two halves of one report (`halves`):
real Reuters sentences through the real events stage; mentions are alias matches of the actors
listed here (issue 20, random_audit37 item 58)."""

from __future__ import annotations

from datetime import date

from newsflow.ids import short_hash
from tests.event_frames import found_events

WORLD_BANK = "act_" + short_hash("ORG", "known:world_bank")
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_oda", "Overseas Development Administration", "ORG", "GBR",
     ["Overseas Development Administration"]),
    ("act_hz", "Hindustan Zinc Ltd", "ORG", "IND", ["Hindustan Zinc Ltd"]),
    ("act_phl", "Philippines", "COUNTRY", "PHL", ["Philippines"]),
    (WORLD_BANK, "World Bank", "ORG", None, ["The World Bank"]),
]  # fmt: skip
PUBLISHED = date(1987, 4, 2)


def found(text: str, nlp) -> list[tuple]:
    return found_events(text, nlp, ACTORS, PUBLISHED)


def test_a_grant_of_an_amount_to_a_firm_names_the_firm(nlp):
    # Reuters 1987: two AIDs came out, "funded by" ODA with no target and "grant ... to" with
    # no source; the parser hangs "to Hindustan Zinc" on "stg"
    text = (
        "The contract is being funded by Britain's Overseas Development Administration as part "
        "of a total grant of 73.65 mln stg to India's state-owned Hindustan Zinc Ltd."
    )
    assert found(text, nlp) == [("AID", "act_oda", "act_hz")]


def test_a_loan_of_an_amount_to_a_country_names_the_country(nlp):
    text = "The World Bank approved a loan of 300 mln dlrs to the Philippines in March."
    assert found(text, nlp) == [("AID", WORLD_BANK, "act_phl")]
