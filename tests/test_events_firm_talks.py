"""Talks with a firm on a side are an event only when a state, or workers, take the other
(issue 20, `newsflow.state_triggers.between_firms`): the random audits 18-20 judged a firm's
negotiations and discussions no event (the events guide keeps "joint-venture and takeover talks
between companies" out).

Real Reuters sentences (reuters21578.jsonl.gz newids 1217, 3004, 4971, 6126), through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from newsflow import state_triggers
from tests.event_frames import article_events, found_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_varian", "Varian Associates Inc", "ORG", None, ["Varian Associates Inc"]),
    ("act_philips", "Philips Electronics", "ORG", None, ["Philips Electronics"]),
    ("act_kepco", "Kepco", "ORG", None, ["Kepco"]),
    ("act_ce", "Combustion Engineering Inc", "ORG", None, ["Combustion Engineering Inc"]),
    ("act_machinea", "Jose Luis Machinea", "PERSON", None, ["Jose Luis Machinea"]),
    ("act_swf", "Southwest Forest Industries Inc", "ORG", None, ["Southwest Forest"]),
    ("act_ibew", "International Brotherhood of Electrical Workers", "ORG", None,
     ["International Brotherhood of Electrical Workers"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 1217: a purchase under discussion between two firms
        "Varian Associates Inc said it is holding discussions with Philips Electronics "
        "regarding the purchase of Philips' broadcast transmission unit in the United Kingdom, "
        "Pye TVT Limited.",
        # newid 3004: a utility negotiating with its suppliers
        "Kepco has been negotiating with Combustion Engineering Inc (CSP) for pressurised "
        "light-water reactors and General Electric Co (GE) for turbines.",
    ],
)
def test_a_firm_s_negotiations_and_discussions_are_no_event(body, nlp):
    # regression, issue 20 random audits: each was a CONSULT
    found = found_events(body, nlp, ACTORS, date(1987, 3, 20))
    assert [e for e in found if e[0] == "CONSULT"] == []


def test_a_state_s_negotiations_with_creditor_banks_stay_a_consult(nlp):
    # newid 4971: banks named by a generic noun are no named firm; a state's debt talks stay
    body = (
        "Central Bank President Jose Luis Machinea said negotiations with creditor banks on "
        "Argentina's 30 billion dlr private sector foreign debt were difficult."
    )
    frame = article_events(body, nlp, fresh_state(), ACTORS, date(1987, 3, 13))
    rows = frame.select("event_type", "target_generic").rows()
    assert ("CONSULT", "creditor bank") in rows, rows


def test_a_firm_negotiating_with_a_union_stays_a_consult(nlp):
    # newid 6126: workers and their unions count as a side, as for talks
    body = (
        "Southwest Forest said it is negotiating with the International Brotherhood of "
        "Electrical Workers, whose 65 members are honoring the paperworkers' picket lines."
    )
    consults = [e for e in found_events(body, nlp, ACTORS, date(1987, 3, 16)) if e[0] == "CONSULT"]
    assert [{s, t} for _, s, t in consults] == [{"act_swf", "act_ibew"}]


def test_a_firm_named_by_its_trade_is_a_firm(nlp):
    # newid 17548 (random audit 20: "aircraft purchase agreement: routine commercial"): the
    # buyer carries a country, which read it as a state before (AGREE Metro Airlines -> Saab)
    body = (
        "The U.S. Regional carrier <Metro Airlines> has signed an agreement with Saab Scania AB "
        "<SABS ST> to buy 16 34-seater Saab SF340 aircraft worth a total 650 mln crowns, the "
        "Swedish group's largest single order yet, Saab said."
    )
    actors = [
        ("act_metro", "Metro Airlines", "ORG", "USA", ["Metro Airlines"]),
        ("act_saab", "Saab Scania AB", "ORG", "SWE", ["Saab Scania AB"]),
    ]
    assert found_events(body, nlp, actors, date(1987, 6, 1)) == []


def test_the_registry_and_a_mention_read_a_firm_s_name_alike():
    # `firm_names` (the registry's full names, polars) and `firm_name` (a mention's words) are
    # two spellings of one rule: they must agree
    names = [
        "Norsk Hydro A/S", "Boeing Co.", "Metro Airlines", "Ministry of Petroleum", "Monier Ltd",
        "Bank of England", "Saab Scania AB", "Varian Associates",
        "Federation of Hong Kong Industries", "The Walt Disney Company",
    ]  # fmt: skip
    frame = pl.DataFrame(
        {"actor_id": [str(i) for i in range(len(names))], "name": names, "actor_type": "ORG"}
    )
    flags = frame.select(state_triggers.firm_names(frame, "actor_id"))["firm"].to_list()
    assert flags == [state_triggers.firm_name(n.split()) for n in names]
    assert flags == [True, True, True, False, True, False, True, True, False, True]
