"""Pledges and acceptances are one side's own (issue 20, `roles.ONE_SIDED_AGREE`): in "X and Y
agreed" the conjunct is the other party of a pact, but "France and Germany vowed", "Brazil and
China have pledged", "Indonesia, Sri Lanka and the Seychelles accepted the Paris Club offer"
are each side's pledge or acceptance, not a pact of one with the other. Real sentences of the
BBC bundle and the Reuters corpus (wire.jsonl line), through the real events stage.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
    ("act_deu", "Germany", "COUNTRY", "DEU", ["Germany"]),
    ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_atpc", "Association of Tin Producing Countries", "ORG", None, ["ATPC"]),
    ("act_idn", "Indonesia", "COUNTRY", "IDN", ["Indonesia"]),
    ("act_lka", "Sri Lanka", "COUNTRY", "LKA", ["Sri Lanka"]),
    ("act_syc", "Seychelles", "COUNTRY", "SYC", ["Seychelles"]),
    ("act_pc", "Paris Club", "ORG", None, ["Paris Club"]),
    ("act_pak", "Pakistan", "COUNTRY", "PAK", ["Pakistan"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
]  # fmt: skip


def agreements(text: str, nlp, when: date) -> list[tuple]:
    return [e for e in found_events(text, nlp, ACTORS, when) if e[0] == "AGREE"]


def test_two_states_vowing_make_no_pact_with_each_other(nlp):
    # bbc/business/413.txt
    text = (
        "The move came after France and Germany vowed to run their budget deficits below the "
        "EU cap in 2005 - for the first time in four years."
    )
    assert agreements(text, nlp, date(2005, 1, 12)) == [("AGREE", "act_fra", None)]


def test_an_offer_accepted_by_three_states_is_the_offerers(nlp):
    # bbc/business/491.txt: the Paris Club made the offer; the three accepted it
    text = (
        "Indonesia, Sri Lanka and the Seychelles accepted the Paris Club offer, which was "
        "criticised by some aid groups as being too little."
    )
    assert agreements(text, nlp, date(2005, 3, 10)) == [("AGREE", "act_idn", "act_pc")]


def test_two_pledging_to_cooperate_with_a_third_pledge_to_the_third(nlp):
    # wire.jsonl:311
    text = (
        "Non-members Brazil and China have pledged to cooperate with the ATPC and limit their "
        "exports to 21,000 and 7,000 tonnes respectively during the quota period."
    )
    assert ("AGREE", "act_chn", "act_bra") not in agreements(text, nlp, date(1987, 3, 2))
    assert ("AGREE", "act_bra", "act_chn") not in agreements(text, nlp, date(1987, 3, 2))


def test_two_that_agree_still_make_a_pact(nlp):
    # a pact of two stays one AGREE between them (the events guide: "X and Y agreed")
    text = "Pakistan and Iran agreed to step up cooperation against terrorism."
    assert agreements(text, nlp, date(2024, 1, 15)) == [("AGREE", "act_pak", "act_irn")]
