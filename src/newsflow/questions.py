"""A question asked is no request (issue 20, random audits 31 and 35).

"Ask" is the lexicon's REQUEST, and `senses` keeps it when it names who is asked or what is
asked for. But a question names someone asked and asks for nothing to be done: "Mr Ebbers'
lawyer Reid Weingarten asked Mr Sullivan: 'If you believe something is in your interest, ...
isn't that right?'" (cross-examination), "Michael Fallon asked Mr Brown whether the Treasury
had leaned on ONS", "I asked my mom if it was OK to be an actor", "'What will be the standard
octane level ...?' asked Dunham", "we naturally asked ourselves if we should cancel". The blind
judges of random audits 31 and 35 marked such REQUESTs non-events. A request put as a question
stays: "Kuwait had asked if protection for up to a dozen vessels could be provided by three
U.S. Navy destroyers" (a modal in the asked clause), "asked to resign", "asked for aid",
"asked that the case be dropped".
"""

from __future__ import annotations

from spacy.tokens import Token

QUESTION_MARKS = frozenset({"whether", "if"})
QUESTION_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # "asked Mr McConnell how ..."
# a modal in the asked clause makes it a request put as a question ("asked if ... could")
REQUEST_MODALS = frozenset({"could", "would", "can", "will", "might", "may"})
REFLEXIVES = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"}
)


def _asked_clause(clause: Token) -> bool:
    """Is the clause a question ("whether the Treasury had leaned", "how the executive
    proposed to tackle"), not a request put as one ("if protection could be provided")?"""
    marked = any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children)
    first = min(clause.subtree, key=lambda t: t.i)
    if not (marked or first.tag_ in QUESTION_TAGS):
        return False
    return not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in REQUEST_MODALS for c in clause.children
    )


def asks_a_question(verb: Token) -> bool:
    """Does "ask" put a question, not a request: a whether/if/wh clause asked, oneself asked,
    or a quoted question in the sentence with nothing asked for ("to" an act, "for" a thing,
    "that" a thing be done)?"""
    deps = {c.dep_ for c in verb.children}
    if "xcomp" in deps or any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return False  # "asked to resign", "asked for aid"
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in REFLEXIVES for c in verb.children):
        return True  # "we naturally asked ourselves if we should cancel"
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if any(_asked_clause(c) for c in clauses):
        return True
    if any(any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in clauses):
        return False  # "asked that the case be dropped"
    return "?" in verb.sent.text


# asking nouns whose "of" names the one asking: "at the request of Scott Sullivan", "at the
# urging of Ways and Means Committee chairman Dan Rostenkowski", "at the behest of"
ASKINGS = frozenset({"request", "urging", "behest", "instigation"})


def asked_of(noun: Token, event_type: str) -> bool:
    """Is the noun a request told as what an act was done at ("at the request of X", "at the
    urging of Y"): its "of" names the one asking, who acts at it the one asked (`roles`)?"""
    return (
        event_type == "REQUEST"
        and noun.lemma_.lower() in ASKINGS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("at", "on")
    )
