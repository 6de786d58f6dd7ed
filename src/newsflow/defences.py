"""Defending one's own is a denial, not support (issue 20, random audits).

The lexicon reads "defend" as SUPPORT, the events guide's verbal support of another actor
("A Highland councillor has also defended Mr McConnell"). Most defences in news are of the
speaker's own: "President da Silva has defended his policies", "Mr Blair also defended his
party's attitude", "a spokesman for the Home Office defended the proposals", "would defend
themselves strongly against the accusations". The guide settles those as a denial of the
criticism, REJECT (GUIDE.md, reuters 18835: "defending one's own country's policies against
charges is a denial"); the second random audit (`bench/labels/events/random_audit18`) found
five such SUPPORTs in 200 events. So a defence whose roles name no other actor is REJECT, but
for a work of someone else's, a film or a book ("Gore Vidal defended the film"): SUPPORT.

Two defences name no event at all: a title or crown defended ("Hewitt returns to defend his
title", "defending champion": sport), a price, a currency or a market share ("OPEC's
determination to defend prices"; "central banks were prepared to defend the Paris pact" is
still read, a pact having parties): market policy, which the guide keeps out; and a defence
against a takeover, a bid or an offer: business.
"""

from __future__ import annotations

from spacy.tokens import Token

DEFENDING = {"defend"}
# what is defended when the defence is a contest's or a market's, no event
TITLES = {"title", "crown", "championship", "trophy", "cup", "medal", "champion", "belt"}
MARKETS = {"price", "prices", "currency", "dollar", "yen", "sterling", "pound", "parity", "peg",
           "share", "level", "floor", "rate", "market", "takeover", "bid", "offer"}  # fmt: skip
# works whose defence supports their makers ("Gore Vidal defended the film")
WORKS = {"film", "movie", "book", "novel", "show", "programme", "series", "song", "album",
         "play", "painting", "documentary", "artwork", "opera", "musical"}  # fmt: skip
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


def _a_work(objects: list[Token]) -> bool:
    """Is what is defended a work of someone else's, a film, a book, a show ("Gore Vidal
    defended the film"), not one's own ("his film")? Defended policies, plans, records, deals,
    lawsuits and oneself are one's own side of a dispute."""
    return any(
        o.lemma_.lower() in WORKS and not any(c.dep_ == "poss" for c in o.children) for o in objects
    )


def from_attacker(token: Token, tokens: frozenset[int]) -> bool:
    """Is this role the one a defence is against ("defended his tax reform plans from fierce
    opposition", "defend themselves against the accusations"), not someone defended? Then the
    defence names no other actor it supports (random_audit31: Nakasone's, judged REJECT)."""
    against = [
        {t.i for t in p.subtree}
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in ("from", "against")
    ]
    return bool(tokens) and any(tokens <= inside for inside in against)


def reading(token: Token, has_target: bool) -> tuple[str, str] | None:
    """(event_type, cameo_root) of a "defend" SUPPORT given whether its roles name another
    actor; None when the defence is a title's or a price's."""
    objects = _defended(token)
    if {t.lemma_.lower() for t in objects} & (TITLES | MARKETS):
        return None
    if has_target or _a_work(objects):
        return ("SUPPORT", "05")  # "defended Mr McConnell", "Gore Vidal defended the film"
    return ("REJECT", "12")
