"""Defending one's own is a denial, not support (issue 20, random audits).

The lexicon reads "defend" as SUPPORT, the events guide's verbal support of another actor
("A Highland councillor has also defended Mr McConnell"). Most defences in news are of the
speaker's own: "President da Silva has defended his policies", "Mr Blair also defended his
party's attitude", "a spokesman for the Home Office defended the proposals", "would defend
themselves strongly against the accusations". The guide settles those as a denial of the
criticism, REJECT (GUIDE.md, reuters 18835: "defending one's own country's policies against
charges is a denial"); the second random audit (`bench/labels/events/random_audit18`) found
five such SUPPORTs in 200 events. So a defence of one's own (oneself, something owned, a
decision, plan or record) whose roles name no other actor is REJECT; a defence of a thing of
someone else's ("Gore Vidal defended the film") stays SUPPORT.

Two defences name no event at all: a title or crown defended ("Hewitt returns to defend his
title", "defending champion": sport), a price, a currency or a market share ("OPEC's
determination to defend prices"; "central banks were prepared to defend the Paris pact" is
still read, a pact having parties): market policy, which the guide keeps out; and a defence
against a takeover, a bid or an offer: business.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow import blows

DEFENDING = {"defend"}
# what is defended when the defence is a contest's or a market's, no event
TITLES = {"title", "crown", "championship", "trophy", "cup", "medal", "champion", "belt"}
MARKETS = {"price", "prices", "currency", "dollar", "yen", "sterling", "pound", "parity", "peg",
           "share", "level", "floor", "rate", "market", "takeover", "bid", "offer"}  # fmt: skip


# a defender's own doings, beside `blows.SAID_OR_DONE` (decisions, plans, records ...)
DEEDS = {"measure", "stance", "position", "action", "regime", "rule", "regulation", "bill",
         "program", "plans", "package", "conduct", "tactic", "choice", "attitude", "poster"}  # fmt: skip
NEAR = 3  # words after "defending" its noun may be ("defending 60m champion")


def _defended(token: Token) -> list[Token]:
    """What the defence is of: its object, or the noun a participle modifies ("defending
    champion", which the parser may leave unattached: the next few words are read)."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [  # "to defend against a hostile takeover"
        g for p in token.children if p.lower_ == "against" for g in p.children if g.dep_ == "pobj"
    ]
    if token.lower_ != "defending":
        return objects
    after = token.doc[token.i + 1 : min(token.i + 1 + NEAR, token.sent.end)]
    return [*objects, token.head, *after]


def _own(objects: list[Token]) -> bool:
    """Is what is defended the defender's own: itself ("defend themselves"), something owned
    ("his policies", "the UK's current regime"), or a decision, plan or record (`blows`'
    things said or done: "defended the proposals")? Not "defended the film", "defend it"."""
    return any(
        o.lower_.endswith(("self", "selves"))
        or any(c.dep_ == "poss" for c in o.children)
        or o.lemma_.lower() in blows.SAID_OR_DONE | DEEDS
        for o in objects
    )


def reading(token: Token, has_target: bool) -> tuple[str, str] | None:
    """(event_type, cameo_root) of a "defend" SUPPORT given whether its roles name another
    actor; None when the defence is a title's or a price's."""
    objects = _defended(token)
    if {t.lemma_.lower() for t in objects} & (TITLES | MARKETS):
        return None
    if has_target or not _own(objects):
        return ("SUPPORT", "05")  # "defended Mr McConnell", "Gore Vidal defended the film"
    return ("REJECT", "12")
