"""Who acts in an infinitive that modifies a noun (issue 20, "roles not attached").

An infinitive on a noun has no subject of its own: "the LSE's decision to suspend talks",
"French ministry officials were continuing the contacts to exchange views". English reads its
doer from the noun: the noun's possessor ("UKIP's decision to suspend X": UKIP suspends), or,
when the noun is the object of a light verb ("held talks to ...", "made an effort to ...",
"continued the contacts to ..."), the subject of that verb. A noun that is the object of a
verb with a meaning of its own does not pass on its subject: in "X criticised the plan to
attack Y" X is not the attacker, so only light verbs (`Lexicon.light_verbs`) count. A modal
noun names what one may or must do, not an act: "the police had a duty to investigate",
"the home secretary's powers to suspend chief constables" report no investigation and no
suspension, so its infinitive gets no doer (and, with no other actor, no event).
`roles._verb_roles` asks this only when the trigger's own clause names no source.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Nouns of obligation, permission or ability: their infinitive is a possibility, not an act.
MODAL_NOUNS = frozenset({
    "duty", "right", "power", "chance", "ability", "obligation", "freedom", "authority",
    "capacity", "opportunity", "responsibility", "licence", "license", "permission", "need",
})  # fmt: skip


def is_noun_infinitive(verb: Token) -> bool:
    """Is `verb` a "to"-infinitive modifying a noun, with no subject of its own?"""
    if verb.dep_ not in ("acl", "relcl") or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(verb.children)
    if any(c.dep_ in SUBJECT_DEPS for c in children):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


def doer(verb: Token, light_verbs: Container[str]) -> Token | None:
    """Where the doer of a noun's infinitive is named: the noun's possessor (a noun phrase),
    or the light verb whose object the noun is (read its subject); None when neither."""
    if not is_noun_infinitive(verb):
        return None
    noun = verb.head
    if noun.lemma_.lower() in MODAL_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    governor = noun.head
    if noun.dep_ == "dobj" and governor.lemma_.lower() in light_verbs:
        return governor
    return None
