"""A reported failing is an accusation (issue 20): "X said Y had failed to ..." blames Y.

Reporting verbs are no trigger alone ("X said growth would slow" is no event, GUIDE.md), but a
speaker who says another actor failed ("Vince Cable said the chancellor had failed to deal with
the looming problems", "the failure of the West German government to abolish a tax was a
bitter disappointment, the president of the Federation of Banks said") blames that actor: an
ACCUSE by the speaker, whose target is whoever failed (`roles._complement_targets`), and so
does one who says another "should have" acted ("said the government should have acted
sooner": `should_have_done`). Only a
failing to act ("failed to deal with", "the failure of X to abolish"): "the talks had failed"
blames nobody, and nor does a failure to agree ("negotiators failed to conclude an
agreement": it takes two; what was not agreed is a negated AGREE). Not when the failing is
denied ("had not failed") or most likely the speaker's own ("I failed", "we failed", "he said
he had failed").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow import doers

FAILING_VERB, FAILING_NOUN = "fail", "failure"
FAILING_LEMMAS = (FAILING_VERB, FAILING_NOUN)
SPEAKER_PRONOUNS = {"i", "we", "he", "she"}  # "Cable said he had failed": his own failing


def _failing(word: Token) -> bool:
    """Is `word` a failing of someone else, not denied: "had failed", "the failure of"?"""
    if word.lemma_.lower() not in FAILING_LEMMAS:
        return False
    if any(c.dep_ == "neg" for c in word.children):
        return False
    if not any(_to_act(c) for c in word.children):
        return False
    subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.lower_ in SPEAKER_PRONOUNS for s in subjects)


def _to_act(clause: Token) -> bool:
    """A to-infinitive ("to deal with"), directly or after "of X" ("failure of X to act"), that
    is no failure to agree."""
    if clause.dep_ == "prep" and clause.lower_ == "of":
        return any(_to_act(c) for g in clause.children for c in g.children)
    return (
        clause.dep_ in ("xcomp", "acl", "relcl")
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
        and not _agreeing(clause)
    )


# A failure to agree blames no one: it takes two ("Canadian and Egyptian wheat negotiators
# failed to conclude an agreement", "talks ... have failed to settle a trade dispute over pasta",
# "The company said it has failed to reach agreement with primary lenders"): 17 such ACCUSEs in
# the whole-corpus runs at 16f275e (random_audit38 item 155, tuned on).
AGREEMENTS = frozenset(
    {"agreement", "accord", "deal", "settlement", "compromise", "consensus", "pact", "terms"}
)
DISPUTES = frozenset({"dispute", "row", "difference", "conflict", "impasse", "deadlock"})
AGREEING = {"reach": AGREEMENTS, "conclude": AGREEMENTS, "strike": AGREEMENTS,
            "come": AGREEMENTS, "settle": DISPUTES, "resolve": DISPUTES, "end": DISPUTES}  # fmt: skip


def _agreeing(act: Token) -> bool:
    """Is the act failed an agreeing: "to agree", "to reach a deal", "to come to any agreement",
    "to settle a dispute"?"""
    lemma = act.lemma_.lower()
    if lemma == "agree":
        return True
    what = AGREEING.get(lemma)
    if what is None:
        return False
    objects = [c for c in act.children if c.dep_ == "dobj"]
    objects += [g for c in act.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in what for o in objects)


def should_have(clause: Token) -> bool:
    """ "should have acted": what ought to have been done and was not; never a demand."""
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    return clause.tag_ == "VBN" and "should" in aux and "have" in aux


def should_have_done(clause: Token) -> bool:
    """ "the government should have acted sooner": what another ought to have done and did not,
    a reproach, not a demand (random_audit37: "lawyer Louise Christian ... said the government
    should have acted sooner" was a REQUEST). Not the speaker's own ("we should have")."""
    if not should_have(clause):
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or any(s.lower_ in SPEAKER_PRONOUNS for s in subjects):
        return False
    # someone who acts should have acted, or something should have been done (a passive: "the
    # full advice should have been attached"); not a figure's or a thing's course ("several
    # areas should have bounced back", "the harvests should have been five to seven mln boxes
    # larger", "It should have been more convincing")
    if any(c.dep_ == "auxpass" for c in clause.children):
        return True
    return any(doers.names_doer(s, ()) and s.lower_ != "it" for s in subjects)


def reports_a_failing(verb: Token) -> bool:
    """Does the reporting verb's clause say that an actor failed (the clause's verb is "fail",
    or its subject is "the failure of ..."), or should have done what it did not?"""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if any(c.dep_ == "neg" for c in clause.children):
            continue
        if _failing(clause) or should_have_done(clause):
            return True
        if any(c.dep_ == "nsubj" and _failing(c) for c in clause.children):
            return True
    return False
