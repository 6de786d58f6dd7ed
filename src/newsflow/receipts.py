"""A said or given thing received: "X faced criticism from Y", "won the backing of Y" (issue 20).

A noun trigger that is a verb's object usually takes the verb's subject as its doer ("Iran held
talks", "the EU gave aid"), and a "from" phrase on the verb as its other party. A verb of
receiving turns the roles round: in "the plan faced stinging criticism from Congressional
leaders", "the announcement won broad support from opposition parties", "came under fire from
the unions" the one criticised or supported is the subject (the target), and the source is the
"from" phrase (on the verb or the noun) or the noun's "of" ("won the backing of the unions").
Before this the subject was read as the critic and the critic as the target.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

# Verbs whose object is something the subject gets from someone else ("won support").
RECEIVING_VERBS = frozenset({"win", "receive", "draw", "attract", "face", "earn", "gain", "get"})
# Verbs that receive through a preposition: "came under fire", "met with criticism".
RECEIVING_PREPS = {"come": "under", "meet": "with"}


def receives(verb: Token, noun: Token) -> bool:
    """Is the noun trigger what `verb`'s subject receives ("won support", "came under fire")?"""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if noun.dep_ == "dobj" and noun.head.i == verb.i:
        return lemma in RECEIVING_VERBS
    prep = noun.head
    return (
        noun.dep_ == "pobj" and prep.head.i == verb.i and RECEIVING_PREPS.get(lemma) == prep.lower_
    )


def givers(verb: Token, noun: Token, actors_in: Callable[[Token], list]) -> list:
    """The actors the noun comes from: a "from" phrase on the verb or the noun ("support from
    opposition parties"), or the noun's "of" ("the backing of the unions")."""
    found = []
    for head, preps in ((verb, ("from",)), (noun, ("from", "of"))):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found += actors_in(pobj)
    return found
