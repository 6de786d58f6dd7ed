"""Bare past participles (issue 20): "..., charged with fraud", "Asked to comment, X said".

A past participle with no subject, auxiliary or "as" of its own, hung on a clause (advcl) or a
noun (acl), is said of something else in the passive: the clause's subject or the noun is the
one acted on (`roles`), and a participle of asking with no asker is a reporter's question
(`business`). "As proposed", "as opposed to" speak of something other than the subject. A
participle coordinated with a passive shares its subject as the one acted on.
"""

from __future__ import annotations

from spacy.tokens import Token

OWN = ("nsubj", "nsubjpass", "aux", "auxpass")  # what a participle with its own clause has


def by_agents(verb: Token) -> list[Token]:
    """The nouns of a passive verb's "by" phrase ("was sued by X": X)."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def is_bare(verb: Token) -> bool:
    """Is `verb` a bare past participle adjunct of a clause or a noun? One with a "by" agent is
    one whatever its tag ("Kiechle, backed generally by his French ... colleagues, believes",
    tagged VBD)."""
    participle = verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)
    if not participle or verb.dep_ not in ("advcl", "acl"):
        return False
    return not any(c.dep_ in OWN or (c.dep_ == "mark" and c.lower_ == "as") for c in verb.children)


def shared_passive_subjects(verb: Token) -> list[Token]:
    """The passive subject a coordinated participle shares: "Pountney has been fined £2,000 and
    banned from coaching", "were suspended and later charged by the IAAF": the second verb has
    no subject or auxiliary of its own and stands beside a passive, so its subject is the one
    acted on. Empty for any other verb ("X has fined Y and banned Z" shares an active's)."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or head.tag_ != "VBN":
        return []
    if any(c.dep_ in OWN for c in verb.children):
        return []
    return [c for c in head.children if c.dep_ == "nsubjpass"]
