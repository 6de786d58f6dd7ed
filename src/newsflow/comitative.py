"""The partner of a talk verb whose "with" phrase the parser hung on the object (issue 20).

"The government was discussing the report with the Bank": the small English model attaches
"with the Bank" to "report", the nearer noun, though it says whom the government discussed
with. A talk verb's object is its topic ("discussed the situation", `topic_object_verbs`), so
the roles skip the object whole (`roles._verb_roles`) and the partner was lost with it. A
"with" phrase hung on such a verb's direct object is the verb's own comitative: its actors
are the other party. Only "with": "the report on Iraq" or "the deal of the century" stay the
topic's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Token

Mention = TypeVar("Mention")


def object_partners(verb: Token, actors_in: Callable[[Token], list[Mention]]) -> list[Mention]:
    """Actors of "with" phrases hung on `verb`'s direct objects, read by `actors_in`."""
    return [
        m
        for obj in verb.children
        if obj.dep_ == "dobj"
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for m in actors_in(pobj)
    ]
