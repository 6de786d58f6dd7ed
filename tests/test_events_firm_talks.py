"""Talks, pacts and joint work with a firm on a side are an event only when a state, or
workers, take the other (issue 20, `newsflow.state_triggers.between_firms`): the random audits
18-20 judged a firm's negotiations and discussions no event (the events guide keeps
"joint-venture and takeover talks between companies" and routine business out).

Real Reuters sentences (reuters21578.jsonl.gz newids 1217, 3004, 4971, 6126, 8419, 8693, 10149,
11311, 19916), through the real events stage; mentions are alias matches of the actors listed
here.
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


PACT_ACTORS = [
    ("act_compris", "Compris", "PERSON", None, ["Compris"]),
    ("act_accor", "Accor North American Corp", "ORG", None, ["Accor North American Corp"]),
    ("act_kent", "Kent-Moore Group", "ORG", None, ["Kent-Moore Group"]),
    ("act_gm", "General Motors Corp", "ORG", "USA", ["General Motors"]),
    ("act_wu", "Western Union", "ORG", None, ["Western Union"]),
    ("act_eds", "Electronic Data Systems Corp", "ORG", None, ["Electronic Data Systems Corp"]),
    ("act_disney", "Walt Disney Co", "ORG", None, ["Walt Disney Co"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ("act_unc", "UNC Inc", "ORG", None, ["UNC Inc"]),
    ("act_doe", "U.S. Department of Energy", "ORG", "USA", ["U.S. Department of Energy"]),
    ("act_millipore", "Millipore Corp", "ORG", None, ["Millipore Corp"]),
    # the registry ties these bodies to no country: their names say they are a state's
    ("act_epa", "U.S. Environmental Protection Agency", "ORG", None,
     ["U.S. Environmental Protection Agency"]),
    ("act_paradyne", "Paradyne Corp", "ORG", None, ["Paradyne Corp"]),
    ("act_usg", "U.S. Government", "ORG", None, ["U.S. Government"]),
    ("act_ssa", "Social Security Administration", "ORG", None, ["Social Security Administration"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # newid 11311: the hotel developer is read as a person, its partner is a firm
        "Compris said it signed the pact with Accor North American Corp, a wholly-owned "
        "subsidiary of <Accor S.A.>, a Paris-based firm.",
        # newid 10149: a unit named without a legal form, a firm named short
        "Sealed Power Corp, an automotive parts producer and distributor, said its Kent-Moore "
        "Group has signed a memorandum of understanding with General Motors which would allow "
        "the group to distribute and market GM's Dealer Equipment service.",
        # newid 19916: a firm named without its legal form signs with one named with it
        "Western Union said it signed an agreement with <Electronic Data Systems Corp>.",
    ],
)
def test_a_firm_s_pacts_with_anyone_but_a_state_are_no_event(body, nlp):
    # regression, issue 20: each was an AGREE between firms (the events guide: routine
    # business), kept because one side's name carries no legal form
    found = found_events(body, nlp, PACT_ACTORS, date(1987, 4, 1))
    assert [e for e in found if e[0] in ("AGREE", "COOPERATE")] == [], found


@pytest.mark.parametrize(
    ("body", "sides"),
    [
        # newid 8693: a firm's agreement with a government
        (
            "Walt Disney Co said it has signed a definitive agreement with the French government "
            "to build and operate Euro Disneyland on 5,000 acres at Marne-la-Vallee, a new town "
            "20 miles east of Paris.",
            {"act_disney", "act_fra"},
        ),
        # newid 8419: a firm's agreement with a department of state
        (
            "UNC Inc said it has reached agreement with the U.S. Department of Energy to expand "
            "production facilities at the company's Naval Products Division in Uncasville, Conn.",
            {"act_unc", "act_doe"},
        ),
        # newid 10578: a settlement with a regulator the registry ties to no country
        (
            "Millipore Corp said it agreed to pay a 192,500 dlrs penalty to the U.S. "
            "Environmental Protection Agency and the State of New Hampshire for discharging "
            "pollutants from 1972 and 1985 from its Jaffrey, N.H. plant to navigable waters "
            "without a permit.",
            {"act_millipore", "act_epa"},
        ),
        # newid 2513: likewise, with a government named as the state's
        (
            "Paradyne Corp said it pleaded guilty to criminal charges of conspiracy to defraud "
            "the Social Security Administration and agreed to pay 1.2 mln dlrs in fines and "
            "costs to the U.S. Government.",
            {"act_paradyne", "act_usg"},
        ),
    ],
)
def test_a_firm_s_pact_with_a_state_stays_an_agree(body, sides, nlp):
    agrees = [e for e in found_events(body, nlp, PACT_ACTORS, date(1987, 3, 24)) if e[0] == "AGREE"]
    assert [{s, t} for _, s, t in agrees] == [sides], agrees


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


def test_a_state_s_body_is_told_by_its_name():
    names = [
        "Securities and Exchange Commission", "Justice Department", "U.S. Senate",
        "Federal Savings and Loan Insurance Corp", "Kyodo News Agency", "Chicago Board of Trade",
        "Reagan Administration", "Monier Ltd",
    ]  # fmt: skip
    frame = pl.DataFrame(
        {"actor_id": [str(i) for i in range(len(names))], "name": names, "actor_type": "ORG"}
    )
    flags = frame.select(state_triggers.public_bodies(frame, "actor_id"))["public"].to_list()
    assert flags == [True, True, True, False, False, False, True, False]
