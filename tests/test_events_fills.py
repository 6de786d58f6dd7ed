"""Sides named by a side-filling generic (issue 20, `roles.fill_sides`, generic_agents.json
`fill_only`): "a shareholder sued it", "watchdogs have said", "could not sue the firms" were
stored with that side null (the last is now a court's ruling, `rulings`), the largest class of wrong roles in random_audit24. Such a word
fills an empty side of an event the sentence forms without it, and never forms one itself
("Investors are hungry for high-grade debt ...," agreed one trader: no event). Real sentences of
the Reuters corpus (wire.jsonl line) and the BBC bundle, through the real events stage.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from newsflow import generic, roles
from tests.event_frames import article_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_guest", "Guest Supply Inc", "ORG", None, ["Guest Supply INc"]),
    ("act_fannie", "Fannie Mae", "ORG", None, ["Fannie Mae"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
    ("act_court", "Court of Appeals", "ORG", None, ["Court of Appeals"]),
]  # fmt: skip


def sides(text: str, nlp, when: date) -> list[tuple]:
    frame = article_events(text, nlp, fresh_state(), ACTORS, when)
    columns = ("event_type", "source_actor_id", "source_generic")
    return frame.select(*columns, "target_actor_id", "target_generic").rows()


def test_a_shareholder_who_sued_is_the_source(nlp):
    # wire.jsonl:8037 (random_audit24 item 72: "'a shareholder' names source, null wrong")
    text = (
        "Guest Supply INc said a shareholder sued it and certain officers and directors, "
        "alleging misrepresentations and omissions in the prospectus for the company's "
        "September 1986 public offering."
    )
    found = sides(text, nlp, date(1987, 3, 20))
    assert [(e[0], e[2]) for e in found] == [("ACCUSE", "shareholder")]


def test_watchdogs_who_said_a_firm_should_restate_ask_it(nlp):
    # bbc/business/298.txt (random_audit24 item 181)
    text = (
        "US mortgage company Fannie Mae should restate its earnings, a move that is likely to "
        "put a billion-dollar dent in its accounts, watchdogs have said."
    )
    assert sides(text, nlp, date(2004, 12, 16)) == [
        ("REQUEST", None, "watchdog", "act_fannie", None)
    ]


def test_a_suit_a_court_rules_out_is_the_courts_reject_not_the_suitors_accusation(nlp):
    # bbc/business/010.txt (random_audit24 item 96; "Court rejects $280bn tobacco case"): this
    # test asserted ACCUSE United States -> "firm" (the generic filling the target) until the
    # twenty-sixth session read the sentence as the guide labels a court ruling against a
    # party's suit (`rulings`): the court's REJECT of the government; the panel is no actor
    text = (
        "The three-judge panel in the District of Columbia's Court of Appeals ruled on Friday "
        "that the US government could not sue the firms under the anti-racketeering laws."
    )
    assert sides(text, nlp, date(2005, 2, 5)) == [("REJECT", None, None, "act_usa", None)]


NAMERS = [
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown"]),
    ("act_ukip", "UK Independence Party", "PARTY", "GBR", ["UKIP"]),
    ("act_miti", "Japan", "COUNTRY", "JPN", ["MITI"]),
]  # fmt: skip


def test_nations_candidates_and_car_makers_fill_the_side_they_name(nlp):
    # random_audit37 items 10, 44, 155 (BBC politics, BBC politics, Reuters 1987): "target
    # named but stored null"; the words fill only, and only in the plural for "nation"
    for text, side in (
        (
            "Gordon Brown has called on rich nations to fund a £5.5bn ($10bn) plan to fight "
            "the Aids epidemic and find a vaccine.",
            ("REQUEST", "act_brown", None, None, "rich nation"),
        ),
        (
            "Eurosceptic party UKIP have suspended a candidate for allegedly suggesting the "
            "criminally insane should be killed.",
            ("SANCTION", "act_ukip", None, None, "candidate"),
        ),
        (
            "MITI asked car makers to show prudence in their exports to the United States.",
            ("REQUEST", "act_miti", None, None, "car maker"),
        ),
    ):
        found = article_events(text, nlp, fresh_state(), NAMERS, date(2005, 2, 1))
        columns = ("event_type", "source_actor_id", "source_generic")
        assert side in found.select(*columns, "target_actor_id", "target_generic").rows(), text


def test_investors_alone_form_no_event(nlp):
    # wire.jsonl:355 (the generic-agent audit: "a trader's remark on investors' appetite",
    # formed by "investors" alone when they were a sector noun): the role parser's own parse
    # and mentions, as `reports` hands them to it
    lexicon = roles.Lexicon.load()
    doc = nlp(
        '"Investors are hungry for high-grade debt issued by household names," agreed one '
        "corporate bond trader."
    )
    fills = generic.role_mentions(doc, [])
    assert [(m.label, m.fill_only) for m in fills] == [("investor", True)]
    assert roles.sentence_candidates(doc, fills, lexicon, sports=False) == []
    # the same word as a sector noun formed the AGREE the audit judged no event
    sector = [dataclasses.replace(m, fill_only=False) for m in fills]
    assert [c[0] for c in roles.sentence_candidates(doc, sector, lexicon, sports=False)] == [
        "AGREE"
    ]


def test_a_clause_after_a_generic_word_names_no_actor_of_it(nlp):
    # Reuters 1987 (random_audit37 item 196): "the administration" named no side, because the
    # clause after its "of" names the United States and Reagan (`generic._names_an_actor`)
    actors = [
        ("act_johnston", "Bennett Johnston", "PERSON", "USA", ["Johnston"]),
        ("act_proxmire", "William Proxmire", "PERSON", "USA", ["William Proxmire"]),
        ("act_usa", "United States", "COUNTRY", "USA", ["United States"]),
        ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Reagan"]),
        ("act_japan", "Japan", "COUNTRY", "JPN", ["Japan"]),
    ]
    text = (
        "Johnston, of Louisiana, and fellow Democrat William Proxmire of Wisconsin, whose staff "
        "prepared the report, accused the administration of covertly seeking early deployment "
        "as a political ploy to commit the United States to strategic defenses even after "
        "Reagan leaves office in 1989."
    )
    found = article_events(text, nlp, fresh_state(), actors, date(1987, 3, 20))
    columns = ("event_type", "source_actor_id", "target_actor_id", "target_generic")
    assert ("ACCUSE", "act_johnston", None, "administration") in found.select(*columns).rows()
    # the government of a named country is that country still
    found = article_events(
        "Reagan accused the government of Japan of dumping chips.",
        nlp, fresh_state(), actors, date(1987, 3, 20),
    )  # fmt: skip
    assert found.select(*columns).rows() == [("ACCUSE", "act_reagan", "act_japan", None)]


def test_a_counterpart_acts_against_its_owner_not_for_it(nlp):
    # Reuters 1987 (random_audit37 item 31): "Texaco's suppliers" stored Texaco as the one
    # demanding; suppliers, creditors and workers stand across from their owner
    actors = [
        ("act_texaco", "Texaco Inc", "ORG", "USA", ["Texaco"]),
        ("act_arg", "Argentina", "COUNTRY", "ARG", ["Argentina"]),
    ]
    columns = ("event_type", "source_actor_id", "source_generic", "target_actor_id")
    for text, expected in (
        (
            "But following Monday's Supreme Court ruling, Texaco's suppliers began demanding "
            "cash and halting supplies.",
            ("REQUEST", None, "supplier", "act_texaco"),
        ),
        ("Argentina's creditors rejected the proposal.", ("REJECT", None, "creditor", "act_arg")),
        # an owner's officials stand for it
        ("Argentina's officials rejected the proposal.", ("REJECT", "act_arg", None, None)),
        # a country's workers are its nationals (change_audit37b item 17)
        (
            "The spokesman said about 530,000 of Argentina's 700,000 bank workers were on strike.",
            ("PROTEST", None, "bank worker", None),
        ),
    ):
        found = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 15))
        assert found.select(*columns).rows() == [expected], text
