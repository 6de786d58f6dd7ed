"""Workers and unions make talks, offers and acceptances news without a state (issue 20,
`state_triggers.is_labour`): the events guide counts labour disputes, which the first trigger
audit's state-only "talk", "offer" and "accept" had lost. A firm named with a union word is
no union, and a figure that "declined" among workers is no refusal.

Real Reuters sentences (reuters21578.jsonl.gz, newid given; none in a trigger audit's sample
or a labelled events set), through the real events stage; mentions are alias matches of the
actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import article_events, found_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lcuc", "Letter Carriers Union of Canada", "ORG", None,
     ["Letter Carriers Union of Canada"]),
    ("act_post", "Canada Post", "ORG", None, ["Canada Post"]),
    ("act_gmc", "GM Canada", "ORG", None, ["GM Canada"]),
    ("act_first_union", "First Union Corp", "ORG", None, ["First Union Corp"]),
    ("act_fsb", "First State Bancshares Inc", "ORG", None, ["First State Bancshares Inc"]),
    ("act_uaw", "United Auto Workers", "ORG", None, ["UAW"]),
    ("act_gm", "General Motors Corp", "ORG", None, ["GM"]),
]  # fmt: skip
PUBLISHED = date(1987, 3, 20)


def test_talks_of_a_named_union_are_a_consult(nlp):
    # newid 19898 (no event before: talks needed a state side)
    body = (
        "The talks between the 20,000-member Letter Carriers Union of Canada and "
        "government-owned Canada Post were the first since Labor Minister Pierre Cadieux "
        "announced the appointment of a mediator yesterday."
    )
    consults = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] == "CONSULT"]
    assert ("CONSULT", "act_lcuc", "act_post") in consults


def test_the_union_accepting_an_offer_is_an_agree(nlp):
    # newid 20411: "the union" is a generic labour side (AGREE needed a state before)
    body = (
        "On Monday, the union accepted an economic offer from GM Canada that largely matched "
        "the pay-and-benefit pattern reached earlier at Chrysler and Ford in Canada."
    )
    frame = article_events(body, nlp, fresh_state(), ACTORS, PUBLISHED)
    rows = frame.select("event_type", "source_generic", "target_actor_id").rows()
    assert ("AGREE", "union", "act_gmc") in rows


def test_a_bank_named_union_is_no_union(nlp):
    # newid 2365: "First Union Corp" is a firm; its takeover stays routine business
    body = (
        "First Union Corp said it has agreed to acquire First State Bancshares Inc of "
        "Pensacola, Fla."
    )
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


def test_deaths_among_workers_that_declined_are_no_refusal(nlp):
    # newid 12989: "declined" stays a state-only word even beside workers
    body = (
        "Respiratory cancer deaths among workers exposed to certain chemical operations "
        "before 1971 remain elevated but have declined from levels reported in 1974."
    )
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


def test_the_uaw_striking_is_a_protest(nlp):
    # newid 10631: "uaw" is among the lexicon's labour agents, which both the strike typing
    # and the labour sides read (ASSAULT UAW -> GM before)
    body = (
        "The UAW struck at three GM factories on Thursday as labor contract talks broke down "
        "on the issue of using non-union labour on subcontracting jobs."
    )
    events = found_events(body, nlp, ACTORS, PUBLISHED)
    assert ("PROTEST", "act_uaw", "act_gm") in events
    assert all(event[0] != "ASSAULT" for event in events)
