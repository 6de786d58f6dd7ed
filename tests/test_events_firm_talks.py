"""Talks with a firm on a side are an event only when a state, or workers, take the other
(issue 20, `newsflow.state_triggers.between_firms`): the random audits 18-20 judged a firm's
negotiations and discussions no event (the events guide keeps "joint-venture and takeover talks
between companies" out).

Real Reuters sentences (reuters21578.jsonl.gz newids 1217, 3004, 16948, 6126), through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsflow.ids import short_hash
from tests.event_frames import found_events

# the curated id the registry pins the World Bank to (data/entities/known_actors.jsonl)
WORLD_BANK = "act_" + short_hash("ORG", "known:world_bank")
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_varian", "Varian Associates Inc", "ORG", None, ["Varian Associates Inc"]),
    ("act_philips", "Philips Electronics", "ORG", None, ["Philips Electronics"]),
    ("act_kepco", "Kepco", "ORG", None, ["Kepco"]),
    ("act_ce", "Combustion Engineering Inc", "ORG", None, ["Combustion Engineering Inc"]),
    ("act_ind", "India", "COUNTRY", "IND", ["Indian"]),
    (WORLD_BANK, "World Bank", "ORG", None, ["the Bank"]),
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


def test_a_government_discussing_a_report_with_the_bank_stays_a_consult(nlp):
    # newid 16948 (the spent heldout2's gold: CONSULT India -> World Bank, either order)
    body = "An Indian official told Reuters the government was discussing the report with the Bank."
    consults = [e for e in found_events(body, nlp, ACTORS, date(1987, 4, 21)) if e[0] == "CONSULT"]
    assert [{s, t} for _, s, t in consults] == [{"act_ind", WORLD_BANK}]


def test_a_firm_negotiating_with_a_union_stays_a_consult(nlp):
    # newid 6126: workers and their unions count as a side, as for talks
    body = (
        "Southwest Forest said it is negotiating with the International Brotherhood of "
        "Electrical Workers, whose 65 members are honoring the paperworkers' picket lines."
    )
    consults = [e for e in found_events(body, nlp, ACTORS, date(1987, 3, 16)) if e[0] == "CONSULT"]
    assert [{s, t} for _, s, t in consults] == [{"act_swf", "act_ibew"}]
