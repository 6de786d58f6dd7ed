"""Bare past participles (issue 20): "..., charged with fraud", "Asked to comment, X said".

A past participle with no subject, auxiliary or "as" of its own, hung on a clause (advcl) or a
noun (acl), is said of something else in the passive: the clause's subject or the noun is the
one acted on (`roles`), and a participle of asking with no asker is a reporter's question
(`business`). "As proposed", "as opposed to" speak of something other than the subject.
"""

from __future__ import annotations

from spacy.tokens import Token

OWN = ("nsubj", "nsubjpass", "aux", "auxpass")  # what a participle with its own clause has


def is_bare(verb: Token) -> bool:
    """Is `verb` a bare past participle adjunct of a clause or a noun?"""
    if verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "acl"):
        return False
    return not any(c.dep_ in OWN or (c.dep_ == "mark" and c.lower_ == "as") for c in verb.children)
