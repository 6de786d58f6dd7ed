"""Generic actors: "police", "protesters", "officials", "farmers" as event roles (issue 20).

GDELT and PLOVER coders code an event whose only actors are generic agents ("Police fired tear
gas at protesters"): the act is news even when no one is named. Extraction makes no actor for
such words, so without them the sentence is never parsed and its roles stay empty.

Here a generic noun takes a role while the parse is read (`role_mentions`) and is then dropped
from the report (`named_or_none`): the event keeps a null source or target, since the text
names no actor, and never borrows a named one. A noun phrase that names an actor inside it
("French ministry officials", "the government of Japan", "Labour's officials") is left to that
actor. The trigger rules stay as they are: a generic actor only fills a role a trigger opens.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsflow.roles import GENERIC_TYPE, RoleMention

# Head nouns (lemmas) of generic agents, after the CAMEO/PLOVER agent dictionary's generic
# sectors (police, military, government, rebels, opposition, business, labour, civilians...).
GENERIC_NOUNS = frozenset(
    {
        "police", "policeman", "officer", "protester", "protestor", "demonstrator", "rioter",
        "official", "authority", "government", "minister", "ministry", "administration",
        "military", "army", "troop", "soldier", "force", "rebel", "militant", "insurgent",
        "gunman", "guerrilla", "fighter", "attacker", "worker", "farmer", "union", "student",
        "activist", "campaigner", "critic", "opposition", "investigator", "prosecutor", "court",
        "judge", "voter", "resident", "villager", "fan", "supporter", "diplomat", "negotiator",
        "lawmaker", "legislator", "regulator", "bank", "airline", "employer", "employee",
        "striker", "group", "state", "country", "leader",
    }
)  # fmt: skip
# Plural-only generics: "groups", "states", "leaders" name agents; "the group", "the state",
# "the leader" are mostly a named actor told again (a company, a country, a person).
PLURAL_ONLY = frozenset({"group", "state", "country", "leader", "bank", "airline"})
# A cheap pre-filter on sentence text (`events.sentences_to_parse`): some word starting like
# a generic noun. The parse decides; this only keeps sentences without one from being parsed.
GENERIC_CUE = (
    r"(?i)\b(?:police|policem[ae]n|officers?|protest[eo]rs?|demonstrators?|rioters?|officials?"
    r"|authorit(?:y|ies)|government|ministers?|ministry|administration|military|army|troops?"
    r"|soldiers?|forces?|rebels?|militants?|insurgents?|gunm[ae]n|guerrillas?|fighters?"
    r"|attackers?|workers?|farmers?|unions?|students?|activists?|campaigners?|critics?"
    r"|opposition|investigators?|prosecutors?|courts?|judges?|voters?|residents?|villagers?"
    r"|fans|supporters?|diplomats?|negotiators?|lawmakers?|legislators?|regulators?|banks"
    r"|airlines|employers?|employees?|strikers?|groups|states|countries|leaders)\b"
)
# Dependencies through which a noun can take a role ("police station": a compound, takes none).
NOUN_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "attr", "poss")


def _names_an_actor(head: Token, named: set[int]) -> bool:
    """Does the phrase headed by `head` name an actor itself ("Iraqi jets", "the government of
    Japan", "Labour's officials")? Then that actor takes the role, not the generic word."""
    for child in head.children:
        inside = child.i < head.i or (
            child.dep_ == "prep" and child.lemma_.lower() in ("of", "from")
        )
        if inside and any(t.i in named for t in child.subtree):
            return True
    return False


def role_mentions(doc: Doc, mentions: list[RoleMention]) -> list[RoleMention]:
    """Generic agent nouns of the parsed sentence that name no actor, as role mentions of a
    generic actor (one per noun, keyed by its position: two generics are never one actor)."""
    named = {i for m in mentions for i in m.tokens}
    out = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in named:
            continue
        lemma = token.lemma_.lower()
        if lemma not in GENERIC_NOUNS or token.dep_ not in NOUN_ROLES:
            continue
        if lemma in PLURAL_ONLY and token.tag_ not in ("NNS", "NNPS"):
            continue
        if _names_an_actor(token, named):
            continue
        key = f"generic:{lemma}:{token.i}"
        out.append(RoleMention("", key, key, frozenset({token.i}), GENERIC_TYPE))
    return out


def named_or_none(mention: RoleMention | None) -> RoleMention | None:
    """The role as reported: a generic actor is no named actor, so the role is null."""
    if mention is None or mention.is_generic:
        return None
    return mention
