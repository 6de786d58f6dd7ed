"""Trigger words the lexicon lacked (issue 20): "sue" (ACCUSE) and "rule out" (REJECT), both
listed by the events guide (GUIDE.md) and frequent in the BBC bundle (sue/sued/suing 73 times,
"rule(d) out" 64), with "ruled out of the match" read as an exclusion (`senses.refine`).

Real sentences of the BBC bundle through the real events stage; mentions are alias matches of
the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_telegraph", "Daily Telegraph", "ORG", "GBR", ["The Telegraph"]),
    ("act_galloway", "George Galloway", "PERSON", "GBR", ["Mr Galloway"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair"]),
    ("act_thomas", "Gareth Thomas", "PERSON", "GBR", ["Gareth Thomas"]),
    ("act_morrison", "James Morrison", "PERSON", "GBR", ["James Morrison"]),
    ("act_wilson", "Andrew Wilson", "PERSON", "GBR", ["Andrew Wilson"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_suing_accuses_the_one_sued(nlp):
    # BBC bundle bbc/politics/302.txt (a tune article): "sued" was no trigger
    text = (
        "The Telegraph was sued for libel by Mr Galloway after the newspaper claimed he "
        "received money from Saddam Hussein's regime in Iraq."
    )
    assert found(text, nlp) == [("ACCUSE", "act_galloway", "act_telegraph")]


SUITORS = [
    ("act_wl", "Warner-Lambert Co", "ORG", "USA", ["Warner-Lambert Co"]),
    ("act_mason", "Mason Distributors Inc", "ORG", "USA", ["Mason Distributors Inc"]),
    ("act_viacom", "Viacom International Inc", "ORG", "USA", ["Viacom International"]),
    ("act_nat", "National Amusements Inc", "ORG", "USA", ["National Amusements"]),
    ("act_trw", "TRW Inc", "ORG", "USA", ["TRW"]),
    ("act_doj", "Justice Department", "ORG", "USA", ["The Justice Department"]),
]  # fmt: skip


def test_filing_or_bringing_a_suit_accuses_the_one_sued(nlp):
    # Reuters 1987 items: "filed suit against" was no trigger (about 60 in the corpus)
    for text, event in (
        (
            "Warner-Lambert Co said it has filed suit in U.S. District Court in New Jersey "
            "against <Mason Distributors Inc>, alleging unfair competition.",
            ("ACCUSE", "act_wl", "act_mason"),
        ),
        (
            "National Amusements said it filed suit against Viacom International, seeking "
            "assurances that it will receive its share.",
            ("ACCUSE", "act_nat", "act_viacom"),
        ),
        (
            "The Justice Department brought an action against TRW last year charging the "
            "company with overcharging the government.",
            ("ACCUSE", "act_doj", "act_trw"),
        ),
    ):
        assert event in found_events(text, nlp, SUITORS, date(1987, 3, 1)), text


def test_filing_a_statement_accuses_no_one(nlp):
    text = "Warner-Lambert Co filed a registration statement for a share offering."
    assert found_events(text, nlp, SUITORS, date(1987, 3, 1)) == []


def test_ruling_out_an_act_rejects_it(nlp):
    # BBC bundle bbc/politics/348.txt: "ruled out" was no trigger
    text = (
        "Tony Blair has already ruled out taking part in a televised debate during the "
        "forthcoming election campaign."
    )
    assert found(text, nlp) == [("REJECT", "act_blair", None)]


def test_a_player_ruled_out_of_a_match_is_no_rejection(nlp):
    # BBC bundle bbc/sport/291.txt: an injured player is excluded; nobody refuses anything
    text = (
        "Wales captain Gareth Thomas has been ruled out of the rest of the Six Nations with a "
        "broken thumb."
    )
    assert found(text, nlp) == []


def test_a_player_ruled_out_for_weeks_is_no_rejection(nlp):
    # BBC bundle bbc/sport/171 and 353: injured players out for a while, no one refusing
    for text in (
        "Middlesbrough midfielder James Morrison has been ruled out for up to eight weeks after "
        "an operation on Tuesday.",
        "Another potential option, Glasgow flanker Andrew Wilson, has been ruled out for a month "
        "after damaging ligaments in both knees against Northampton recently.",
    ):
        assert [e for e in found(text, nlp) if e[0] == "REJECT"] == [], text


def test_an_act_ruled_out_for_now_is_still_refused(nlp):
    text = "A televised debate was ruled out for now by Tony Blair."
    assert ("REJECT", "act_blair", None) in found(text, nlp)


HOLDERS = [
    ("act_hague", "William Hague", "PERSON", "GBR", ["Mr Hague"]),
    ("act_nuj", "National Union of Journalists", "ORG", "GBR", ["The National Union of Journalists"]),
    ("act_lloyds", "Lloyds Bank", "ORG", "GBR", ["Lloyds"]),
    ("act_sayeed", "Jonathan Sayeed", "PERSON", "GBR", ["Mr Sayeed"]),
]  # fmt: skip


def test_a_refusal_not_made_is_no_rejection(nlp):
    # BBC bundle politics/285 and 2005 NUJ item, Reuters 1987 Lloyds item: stored as negated
    # REJECTs; "did not rule out change" is labelled no event (heldout3)
    for text in (
        "Mr Hague, who stepped down after his party's 2001 election defeat, does not rule out "
        "a return to the front bench.",
        "The National Union of Journalists said it stood strongly behind the journalists and "
        "did not rule out a strike.",
        "Lloyds has long been the subject of rumors and officials have never denied that the "
        "early stages were unprofitable.",
        "A move by Lloyds to countries outside the EC cannot be ruled out, he added.",
        # random_audit37 item 52 (Reuters): "no comment", judged no event
        "A spokesman for Lloyds said he was unaware of such an arrest and could neither "
        "confirm nor deny it.",
        "Lloyds would not confirm or deny the report.",
    ):
        found_here = found_events(text, nlp, HOLDERS, date(2005, 3, 1))
        assert [e for e in found_here if e[0] == "REJECT"] == [], text


def test_a_refusal_made_stays(nlp):
    text = (
        "Mr Sayeed had confirmed the sale but denied the claims, and Mr Hague ruled out a "
        "return to the front bench."
    )
    assert sorted(found_events(text, nlp, HOLDERS, date(2005, 3, 1))) == [
        ("REJECT", "act_hague", None),
        ("REJECT", "act_sayeed", None),
    ]
