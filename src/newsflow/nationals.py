"""A nationality on a people or a trade names no state (issue 20, random audits).

A country's name or adjective heading a phrase, or standing for a capital, is the state ("Iraqi
jets", "French ministry officials", "Washington said"). On a noun of people or bodies outside the
state it says only where they come from: "the two Japanese companies will collaborate", "UK banks",
"German bankers criticised the Bank", "Brazilian newspapers hailed", "Israeli settlers". Taken as
the country, each gave the state a role in business, the press or a crowd's doings (the second
random audit, `bench/labels/events/random_audit18`: "The two Japanese companies" stored as
COOPERATE Japan, "Finnish security firm F-Secure" as THREATEN Finland), and passed the rules that
let a deal or talks through only with a state on a side (`state_triggers`). The events guide names
a generic actor's entity only when the article makes it certain ("Japanese commercial banks" and
"the Turkish firms" are labelled with no name); GDELT codes such a phrase by country and sector
(JPNBUS), which the warehouse has no actor for, so the role is the generic noun's, named null.

The nouns are the generic agents of sectors outside the state's (`data/events/generic_agents.json`:
business, labour, farmers, civilians, media, education, health, religion, refugees, the armed
groups that are no state's, parties) and the trade words the generic list leaves out on purpose
(firm, investor, shareholder: they are no generic role, but no state either). The state's own
sectors (government, military, police, judiciary, legislature, spies) keep the country: "Iraqi
officials", "British troops".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsflow import agents, blows
from newsflow.state_triggers import STATE_SECTORS

if TYPE_CHECKING:  # phrase_actors and generic call it: a runtime import would be circular
    from newsflow.phrase_actors import RoleMention

OWN_SECTORS = (*STATE_SECTORS, "SPY")  # the state's own agents, its spies with them
# trades and people the generic list leaves out (too common, or dropped by its audits)
TRADES = frozenset(
    {"firm", "customer", "voter", "shareholder", "investor", "lender", "banker", "club",
     "industry", "analyst", "dealer", "importer", "consumer", "insurer", "broker", "buyer",
     "seller", "refiner", "grower", "maker", "owner", "media", "business", "player"}
)  # fmt: skip
NON_STATE_HEADS = (agents.sector_nouns() - agents.sector_nouns(OWN_SECTORS)) | TRADES
MODIFIER_DEPS = ("amod", "compound", "nmod")
# A state's agents, and the craft its forces attack in, that "its" gives to the country
# speaking ("Iraq said today its warplanes had attacked"): the generic list leaves vehicles out.
STATE_AGENTS = agents.sector_nouns(OWN_SECTORS) | blows.CRAFT
OWNING_PRONOUNS = {"its", "their"}


def names_nationality(doc: Doc, mention: RoleMention) -> bool:
    """Is this country only the nationality of the non-state noun it modifies ("Japanese
    companies", "West German bankers", "UK banks"), not the state?"""
    if mention.actor_type != "COUNTRY" or mention.stands_for:
        return False
    roots = [doc[i] for i in sorted(mention.tokens) if doc[i].head.i not in mention.tokens]
    if len(roots) != 1:
        return False
    head = roots[0].head
    # a common noun the tagger calls a proper one ("Dutch port and transport union, FNV")
    common = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.text.islower())
    return roots[0].dep_ in MODIFIER_DEPS and common and head.lemma_.lower() in NON_STATE_HEADS


def speaker_country(token: Token, by_token: dict[int, RoleMention]) -> RoleMention | None:
    """The country whose own agents "its troops" are, when that country says so: "Chad said
    yesterday its troops had captured the Libyan outpost", "Iraq said today its warplanes had
    attacked a supertanker" (the first random audit found both stored with no source). The
    agent's clause must be what the country's reporting verb says, as "Iraqi jets" are Iraq's
    (the tune gold for reuters 20090)."""
    if token.lemma_.lower() not in STATE_AGENTS or token.head.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in token.children):
        return None
    speakers = [by_token.get(c.i) for c in token.head.head.children if c.dep_ == "nsubj"]
    country = next((m for m in speakers if m is not None and m.actor_type == "COUNTRY"), None)
    if country is None:
        return None
    return replace(country, mention_id="", tokens=frozenset({token.i}), stands_for=False)


def nationality_tokens(doc: Doc, mentions: list[RoleMention]) -> set[int]:
    """The words of the mentions that are only a nationality (`names_nationality`)."""
    return {i for m in mentions if names_nationality(doc, m) for i in m.tokens}
