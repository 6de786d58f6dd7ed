"""A court's ruling against a measure or a party is a rejection (issue 20, GUIDE.md).

"Rule" alone names no event in the lexicon ("ruled out a deal" is its REJECT): a ruling says
how a case stands, and most rulings name no side that loses in words a rule can read. The
guide labels a court ruling against a measure or a party's suit REJECT with the court as
source ("It comes after law lords ruled that the detention of 12 foreign terror suspects
without trial breached human rights"). Read here: a court, the law lords, a judge, a tribunal
or a panel (the subject, or the subject's compound: "US District Court Judge Robert W Sweet")
ruling

* against something or someone ("which the law lords have ruled against"), or
* that a thing breaks the law ("breached human rights", "was illegal", "is incompatible with
  the European Convention", "could not sue the firms"), the clause not negated ("was not
  illegal"), or a thing illegal ("Law Lords ruled it illegal").

Not a ruling for someone ("ruled in favour of Grokster"), that a thing is lawful, or what a
party shall get ("ruled Lee should get a tenth of profits"): whom such a ruling goes against
is seldom in the sentence. The target is the one the clause names (`roles._complement_targets`:
"ruled that the US government could not sue" rejects the government's suit), else none.
A sentence is parsed for this only when it holds a form of "rule" and a court word
(`Lexicon.trigger_cues`).
"""

from __future__ import annotations

from spacy.tokens import Token

RULING_VERB = "rule"
REJECT = ("REJECT", "12")
COURT_WORDS = frozenset(
    {"court", "lord", "judge", "tribunal", "panel", "justice", "magistrate", "arbitrator"}
)
# the words of a ruling that a thing breaks the law, as lemmas
UNLAWFUL = frozenset(
    {
        "breach",
        "break",
        "violate",
        "infringe",
        "contravene",
        "discriminate",
        "illegal",
        "unlawful",
        "incompatible",
        "unconstitutional",
        "invalid",
        "void",
    }
)
CANNOT = frozenset({"can", "could", "may", "must"})  # "could not sue", "cannot be extradited"
CLAUSE_DEPS = ("ccomp", "oprd", "xcomp", "acomp")


def _a_court(subject: Token) -> bool:
    """Is the subject a court, or named with one ("the Appeal Court", "District Court Judge
    Robert W Sweet", "the three-judge panel")?"""
    words = [subject] + [c for c in subject.children if c.dep_ == "compound"]
    return any(w.lemma_.lower() in COURT_WORDS or w.lower_ in ("lords", "judges") for w in words)


def _negated(word: Token) -> bool:
    return any(c.dep_ == "neg" for c in word.children)


def _unlawful(clause: Token) -> bool:
    """Does the ruled clause say a thing breaks the law ("breached human rights", "was
    illegal", "could not sue"), not negated?"""
    if _negated(clause):
        return any(
            c.dep_ == "aux" and c.lemma_.lower() in CANNOT for c in clause.children
        )  # "could not sue": the suit is ruled out; "did not breach" clears it
    if clause.lemma_.lower() in UNLAWFUL:
        return True
    return any(
        c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in UNLAWFUL and not _negated(c)
        for c in clause.children
    )


def rules_against(verb: Token) -> bool:
    """Is `verb` a court's ruling against something: "ruled against", "ruled that X breached
    ...", "ruled it illegal"?"""
    if verb.lemma_.lower() != RULING_VERB or verb.pos_ != "VERB" or _negated(verb):
        return False
    if not any(c.dep_ == "nsubj" and _a_court(c) for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "against":
            return True
        if child.dep_ in CLAUSE_DEPS and _unlawful(child):
            return True
    return False
