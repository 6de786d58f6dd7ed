"""Generic actors: "police", "protesters", "officials", "farmers" as event roles (issue 20).

GDELT and PLOVER coders code an event whose only actors are generic agents ("Police fired tear
gas at protesters"): the act is news even when no one is named. Extraction makes no actor for
such words, so without them the sentence is never parsed and its roles stay empty.

Here a generic noun takes a role while the parse is read (`role_mentions`) and is then dropped
from the report (`named_or_none`): the event keeps a null source or target, since the text
names no actor, and never borrows a named one. A noun phrase that names an actor inside it
("French ministry officials", "the government of Japan", "Labour's officials") is left to that
actor. The state's own agents ("the government", "government forces", "the Finance Ministry")
stand for the dateline's country when the article names it (`home_country`): a Reuters story
from LUSAKA that names Zambia. The trigger rules stay as they are: a generic actor only fills a
role a trigger opens.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from newsflow import agents
from newsflow.agents import plural
from newsflow.geo import Place
from newsflow.nationals import nationality_tokens, speaker_country
from newsflow.roles import ADJUNCT_PREPS, GENERIC_TYPE, TOPIC_PREPS, RoleMention

# Head nouns (lemmas) of generic agents, by CAMEO agent sector (police, military, government,
# rebels, opposition, business, labour, civilians...): `data/events/generic_agents.json`, from the
# Phoenix agents dictionary's one-word entries and the hand list newsflow began with.
GENERIC_NOUNS = agents.sector_nouns()
# Plural-only generics: "groups", "companies", "leaders" name agents; "the group", "the
# company", "the leader" are mostly a named actor told again (a company, a country, a person).
PLURAL_ONLY = frozenset(agents.AGENTS["plural_only"])
# Nouns that fill a side an event has without them, but never form one (`roles.fill_sides`):
# "a shareholder sued it", "watchdogs have said"; alone they were routine business.
FILL_ONLY = frozenset(agents.AGENTS["fill_only"])
ROLE_NOUNS = GENERIC_NOUNS | FILL_ONLY
# Phrases after a generic noun that say where, when or about what, not who it is.
NOT_NAMING_PREPS = ADJUNCT_PREPS | TOPIC_PREPS | {"with", "against", "to", "for", "by"}
STATE_MODIFIERS = frozenset({"government", "federal", "ministry", "security", "state"})


def _cue(nouns: frozenset[str], plural_only: frozenset[str]) -> str:
    forms = {plural(n) for n in nouns} | {n for n in nouns if n not in plural_only}
    return r"(?i)\b(?:" + "|".join(sorted(forms, key=lambda f: (-len(f), f))) + r")\b"


# A cheap pre-filter on sentence text (`events.sentences_to_parse`): some word that is a form
# of a generic noun. The parse decides; this only keeps sentences without one from being parsed.
GENERIC_CUE = _cue(GENERIC_NOUNS, PLURAL_ONLY)
# Adjectives that count or pick generic agents rather than say who they are (`label`).
QUANTITY_ADJECTIVES = frozenset(
    {"other", "many", "several", "some", "such", "various", "own", "same", "certain", "few",
     "more", "most", "numerous", "further", "additional", "unnamed", "unidentified"}
)  # fmt: skip
# Dependencies through which a noun can take a role ("police station": a compound, takes none).
NOUN_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "attr", "poss")


def _names_an_actor(head: Token, named: set[int]) -> bool:
    """Does the phrase headed by `head` name an actor itself ("Iraqi jets", "the government of
    Japan", "Labour's officials", "banned groups like the TTP", "rebels, the FARC")? Then that
    actor takes the role, not the generic word. Not "police in Kerman": a place is where; nor
    a clause after a preposition ("accused the administration of covertly seeking ... to
    commit the United States"): what the administration did, not who it is."""
    across = head.lemma_.lower() in agents.COUNTERPARTS  # "Texaco's suppliers": suppliers
    for child in head.children:
        if across and child.dep_ in ("poss", "compound"):
            continue
        if child.dep_ == "prep" and child.lemma_.lower() not in NOT_NAMING_PREPS:
            inside = [t for o in child.children if o.dep_ != "pcomp" for t in o.subtree]
        elif child.i < head.i or child.dep_ == "appos":
            inside = list(child.subtree)
        else:
            continue
        if any(t.i in named for t in inside):
            return True
    return False


def home_country(article: dict[str, Any], dateline: Place | None) -> tuple[str, str] | None:
    """(actor id, ISO-3) of the country whose government an article's "the government" is:
    its dateline's country, when the article also names that country ("LUSAKA ... Zambia").
    None without a dateline (most BBC items): there a generic role stays null."""
    if dateline is None or not dateline.country_code:
        return None
    named = _named_countries(article)
    return next((n for n in named if n[1] == dateline.country_code), None)


def sole_country(article: dict[str, Any]) -> tuple[str, str] | None:
    """(actor id, ISO-3) of the one country an article without a dateline names (a BBC
    politics item naming only Britain): its "the government" is that country's (GUIDE.md
    "Generic actors"). None when it names none or several."""
    named = _named_countries(article)
    return named[0] if len({code for _, code in named}) == 1 else None


def _named_countries(article: dict[str, Any]) -> list[tuple[str, str]]:
    """(actor id, ISO-3) of the article's COUNTRY actors, sorted: the list comes from an
    unordered `unique`, and two actors of one country must resolve the same way in every run."""
    return sorted({(n["actor_id"], n["country_code"]) for n in article.get("country_actors") or []})


def _of_the_state(token: Token) -> bool:
    """Is the generic agent the state itself ("the government", "the Finance Ministry",
    "government forces", "federal agricultural officials"), not people in it ("officials")?"""
    if token.lemma_.lower() in agents.STATE_ORGANS:
        return True
    return any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in STATE_MODIFIERS
        for c in token.children
    )


def role_mentions(
    doc: Doc,
    mentions: list[RoleMention],
    home: tuple[str, str] | None = None,
    sole: tuple[str, str] | None = None,
) -> list[RoleMention]:
    """Generic agent nouns of the parsed sentence that name no actor, as role mentions of a
    generic actor (one per noun, keyed by its position: two generics are never one actor);
    the state's own ones as the `home` country's actor when the article makes it certain, and
    a bare "the government" as the `sole` country an article without a dateline names."""
    # "Japanese companies": the nationality names no actor of its own (`nationals`)
    named = {i for m in mentions for i in m.tokens} - nationality_tokens(doc, mentions)
    by_token = {i: m for m in mentions for i in m.tokens}
    out = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in named:
            continue
        owner = speaker_country(token, by_token) if token.dep_ in NOUN_ROLES else None
        if owner is not None:  # "Chad said yesterday its troops had captured"
            out.append(owner)
            continue
        lemma = token.lemma_.lower()
        if lemma not in ROLE_NOUNS or token.dep_ not in NOUN_ROLES:
            continue
        if lemma in PLURAL_ONLY and token.tag_ not in ("NNS", "NNPS"):
            continue
        if _names_an_actor(token, named):
            continue
        if home is not None and _of_the_state(token):
            out.append(RoleMention("", home[0], home[1], frozenset({token.i}), "COUNTRY"))
            continue
        if (
            sole is not None
            and lemma == "government"
            and all(c.dep_ == "det" for c in token.children)
        ):
            out.append(RoleMention("", sole[0], sole[1], frozenset({token.i}), "COUNTRY"))
            continue
        key = f"generic:{lemma}:{token.i}"
        fill = lemma in FILL_ONLY
        out.append(
            RoleMention(
                "", key, key, frozenset({token.i}), GENERIC_TYPE, label(token), fill_only=fill
            )
        )
    return out


def label(token: Token) -> str:
    """The generic agent in words, as analysts filter on it: its noun compounds and describing
    adjectives, then its own lemma, lower case ("security force", "striking worker",
    "terrorist group", "foreign minister"); not quantity words ("other", "many countries")."""
    words = [
        c
        for c in token.lefts
        if (c.dep_ == "compound" and c.pos_ == "NOUN")
        or (c.dep_ == "amod" and c.lower_ not in QUANTITY_ADJECTIVES)
    ]
    return " ".join([*(w.lower_ for w in words), token.lemma_.lower()])


def named_or_none(mention: RoleMention | None) -> RoleMention | None:
    """The role as reported: a generic actor is no named actor, so the role is null."""
    if mention is None or mention.is_generic:
        return None
    return mention


def label_of(mention: RoleMention | None) -> str | None:
    """What a role that `named_or_none` reports as null was, when it was a generic actor
    (events.source_generic / target_generic): the row says "police" where it names no one."""
    return mention.label if mention is not None and mention.is_generic else None
