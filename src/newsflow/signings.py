"""Signing a player, an actor or a band: hiring, no AGREE (issue 20, random audits).

The lexicon reads "sign" as AGREE ("Kirchner and Chavez signed the deal"). Sport and
entertainment pages use it for hiring people: "Norwich have signed Charlton midfielder Graham
Stuart until the end of the season", "Jay-Z, who signed West up to his Roc-A-Fella record
label", "Juninho was signed from Middlesbrough", "Hollywood actors Samuel L Jackson and Ben
Stiller have signed up for Ricky Gervais' new sitcom". The events guide counts sport and
entertainment business as no event, and the random audits judged every such AGREE none
(random_audit24 and 31: a striker, a singer, an actor, a panto role). The BBC bundle held 26
AGREEs from "sign" with a person on the other side at 82e57a7, nearly all of them hires.

A "sign" hires when what it signs is a person (a person the event's roles name, "him"/"her",
or a noun of a player's or a performer's trade: "Roma defender Vincent Candela"), when the one
signed is its passive subject ("Juninho was signed from Middlesbrough"), or when its subject
signs to a label or a club, or up for a show. A deal or contract such a signing is on
("signed Candela on a five-month deal") is that hire's, no accord either.
"""

from __future__ import annotations

from spacy.tokens import Token

# nouns of a trade people are hired for by clubs, labels and studios
# (not "act", "international", "lock": "signed the Act", "the international accord")
TALENT = {
    "player", "striker", "midfielder", "defender", "forward", "winger", "goalkeeper", "keeper",
    "scrum-half", "fly-half", "flanker", "full-back", "star", "singer", "actor", "actress",
    "rapper", "band", "artist", "musician", "dancer", "comedian", "presenter", "captain",
    "coach", "manager", "youngster",
}  # fmt: skip
# what one signs to or up for when hired: a label, a club; a show, a film, a part
HIRERS = {"label", "club", "team", "side", "agency"}
SHOWS = {"sitcom", "show", "film", "movie", "series", "role", "part", "drama", "play", "panto",
         "pantomime", "production", "album", "tour"}  # fmt: skip
PEOPLE_PRONOUNS = {"him", "her"}
DEAL_NOUNS = {"deal", "contract", "agreement"}


def _a_person(word: Token, people: frozenset[int]) -> bool:
    """Does the phrase headed by `word` name a person: a person mention's head ("Graham
    Stuart"), "him"/"her", or a noun of a player's or performer's trade ("Roma defender")?"""
    if word.lower_ in PEOPLE_PRONOUNS or word.i in people:
        return True
    heads = [word] + [c for c in word.children if c.dep_ == "compound"]
    return any(h.lemma_.lower() in TALENT for h in heads)


def _signing(token: Token) -> Token | None:
    """The "sign" verb this trigger is, or that a deal or contract it is hangs on ("signed
    Candela on a five-month deal")."""
    if token.pos_ in ("VERB", "AUX"):
        return token if token.lemma_.lower() == "sign" else None
    if token.lemma_.lower() in DEAL_NOUNS and token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
        return verb if verb.lemma_.lower() == "sign" and verb.pos_ == "VERB" else None
    return None


def hires(token: Token, people: frozenset[int]) -> bool:
    """Is this "sign" (or the deal it signs someone on) a club, a label or a studio hiring
    someone (the module doc)? `people`: the token positions of the person mentions the
    event's roles hold (the events parse has no NER of its own)."""
    verb = _signing(token)
    if verb is None:
        return False
    holders = [verb] + [c for c in verb.children if c.dep_ == "prt"]  # "signed West up to"
    for child in (c for h in holders for c in h.children):
        if child.dep_ in ("dobj", "nsubjpass") and _a_person(child, people):
            return True  # "have signed Charlton midfielder Graham Stuart", "was signed from"
        if child.dep_ == "prep" and child.lower_ in ("to", "for"):
            kinds = HIRERS if child.lower_ == "to" else SHOWS
            if any(g.dep_ == "pobj" and g.lemma_.lower() in kinds for g in child.children):
                return True  # "signed to Mr Campbell's label", "signed up for ... new sitcom"
    return False
