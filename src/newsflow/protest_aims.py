"""A demand that is the aim of a protest is the protest's, not an event of its own (issue 20).

"Students staged mass demonstrations to demand political reforms", "fundamentalists continued
their hunger strike to demand the resignation of Ben Bella", "Young Algerians blocked roads to
press their demands", "demonstrated ... calling for independence": the act reported is the
protest (PLOVER codes these PROTEST); "demand" / "calling for" (and a demand noun it takes)
states what the protest is for. The REQUEST reading used to lead such sentences, as it names
the one demanded of and the protest often names no one.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

PURPOSE_TAGS = ("VBG", "VB")  # "calling for ...", "to demand ..."


def _protest_at(word: Token, triggers: Mapping[int, tuple[str, str]]) -> int | None:
    """The protest trigger at the word: the word itself, or its object when it is a verb
    whose object is one ("staged demonstrations", "continued their hunger strike")."""
    if triggers.get(word.i, ("",))[0] == "PROTEST":
        return word.i
    objects = [c.i for c in word.children if c.dep_ == "dobj"]
    return next((j for j in objects if triggers.get(j, ("",))[0] == "PROTEST"), None)


def _aim_of_protest(verb: Token, triggers: Mapping[int, tuple[str, str]]) -> int | None:
    if verb.dep_ == "advcl" and verb.tag_ in PURPOSE_TAGS:
        return _protest_at(verb.head, triggers)
    return None


def protest_of_demand(token: Token, triggers: Mapping[int, tuple[str, str]]) -> int | None:
    """The protest trigger whose demand this REQUEST trigger states (a purpose clause of the
    protest, or the demand noun such a clause takes: "to press their demands"), else None.
    The one demanded of is the protest's target."""
    if triggers.get(token.i, ("",))[0] != "REQUEST":
        return None
    protest = _aim_of_protest(token, triggers)
    if protest is None and token.dep_ == "dobj":
        protest = _aim_of_protest(token.head, triggers)
    return protest
