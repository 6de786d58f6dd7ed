"""The side an amount is given to (issue 20, `roles`): "a total grant of 73.65 mln stg to
India's state-owned Hindustan Zinc Ltd", "aid of 5 mln stg to Mexico", "a loan of 300 mln
dlrs for Mexico". The parser hangs the "to" on the amount ("stg", "dlrs"), not on the grant, so
the one given to was no target (random_audit37 item 58: "target Hindustan Zinc named but stored
null"). The prepositions under an amount that a trigger's "of" takes are read as the trigger's
own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsflow.phrase_actors import actors_in

if TYPE_CHECKING:
    from newsflow.phrase_actors import RoleMention


def is_amount(word: Token) -> bool:
    """Is the word a quantity: a figure, or a word a figure counts ("50 mln stg", "1bn euros")?"""
    return word.like_num or any(c.dep_ == "nummod" or c.like_num for c in word.children)


def amount_preps(noun: Token) -> list[Token]:
    """The prepositions hanging from the amount of a trigger noun's "of" ("a grant of 50 mln stg
    to Mexico": "to"), in order."""
    out: list[Token] = []
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        amounts = [g for g in of.children if g.dep_ == "pobj"]
        if not any(is_amount(g) or any(is_amount(c) for c in g.children) for g in amounts):
            continue
        out += [p for g in amounts for p in g.children if p.dep_ == "prep"]
    return sorted(out, key=lambda p: p.i)


def targets_past(
    noun: Token, mentions: dict[int, RoleMention], takes_target: Callable[[str], bool]
) -> list[RoleMention]:
    """The actors past the amount of `noun` that a target preposition of its event names ("a
    grant of 50 mln stg to Mexico": Mexico); `takes_target` is the roles' own test."""
    return [
        m
        for prep in amount_preps(noun)
        if takes_target(prep.lemma_.lower())
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for m in actors_in(pobj, mentions)
    ]
