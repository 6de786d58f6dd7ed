"""A capital that names where a gathering or accord took place, not who took part (issue 20).

A capital or seat of government stands for its country's government when it acts ("Islamabad
attributes these attacks to", "Washington rejected": `events.metonyms`). As the modifier of a
meeting, a summit or an accord it names the venue: "the Paris accord" of February 1987 is the
Group of Five and Canada's, "the Venice summit" the seven industrial nations', "the London
talks" Africa's producers'. Taken as France, Italy or Britain, each gave that country a role in
an event it had no part in: on the whole Reuters corpus the dollar-stabilisation coverage alone
made France a side of dozens of AGREE and CONSULT events ("reaffirmed an earlier Paris accord",
"Italy, which refused to join the Paris pact"). A country's own name or adjective in that place
("the Pak-Iran talks", "the Anglo-Irish agreement") still names a party.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:  # phrase_actors calls `names_venue`: a runtime import would be circular
    from newsflow.phrase_actors import RoleMention

# nouns of gatherings and accords that are held somewhere
VENUE_NOUNS = {
    "accord", "agreement", "pact", "treaty", "meeting", "summit", "talk", "talks", "conference",
    "session", "negotiation", "round", "declaration", "communique", "communiqué", "convention",
    "forum", "gathering", "consultation",
}  # fmt: skip
MODIFIER_DEPS = ("compound", "nmod", "amod")


def names_venue(token: Token, mention: RoleMention) -> bool:
    """Is this capital or seat the venue of the gathering or accord it modifies ("the Paris
    accord", "the Venice summit") rather than its country's government?"""
    return (
        mention.stands_for
        and token.dep_ in MODIFIER_DEPS
        and token.head.lemma_.lower() in VENUE_NOUNS
    )
