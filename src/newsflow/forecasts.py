"""A warning that is a forecast, no threat (issue 20, `senses`).

"warned that earnings in 2005 may also slide", "warned (that) X could be Y", "warned of rising
U.S. reliance on foreign oil imports": a forecast of how things will go (CAMEO 012), no
THREATEN; one addressed to someone named is advice (REQUEST). An onlooker's warning ("warned
HVB Group economist Andreas Rees", "Analysts warned that France still was facing challenges") is
a forecast whatever it says; a manager's is not an onlooker's ("Palace stadium manager Kevin
Corner has warned: ..."). The onlookers are those who share a view rather than make a deal, so
"economists agreed that ..." is no AGREE either (`senses`).
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsflow import blows, doers, speech
from newsflow.phrase_actors import RoleMention

# What a warning threatens when it is a threat: "warned of retaliation", "warned that the trade
# bill could prompt retaliation", "warned that sanctions would follow".
THREATENED_ACTS = {
    "action", "retaliation", "retaliate", "sanction", "consequence", "strike", "war", "measure",
    "step", "reprisal", "boycott", "veto", "penalty", "fine", "ban", "tariff", "embargo",
    "force", "attack", "violence", "protest", "suit", "lawsuit", "legal", "court",
    "expulsion", "countermeasure", "ultimatum", "punishment", "punish", "walkout", "block",
    "military", "arrest", "prosecution", "quota", "restriction", "curb", "revenge", "response",
    "row", "dispute", "confrontation", "reaction", "hostility", "clash", "fight", "sue",
    "crackdown", "intervention", "invasion", "raid", "seizure",
}  # fmt: skip
# who shares a view rather than makes a deal: "economists agreed that ..." (`senses`)
ONLOOKERS = {
    "analyst", "economist", "dealer", "expert", "trader", "banker", "observer", "source",
    "forecaster", "strategist", "commentator", "broker", "manager", "specialist", "critic",
}  # fmt: skip
# whose warning is a forecast: not a manager's ("Palace stadium manager Kevin Corner has
# warned: 'If they wear them inside Selhurst Park they will be immediately rejected'")
WARNING_ONLOOKERS = ONLOOKERS - {"manager"}


# onlookers whose view, with no one it is about, is no event (not "sources", who stand for
# officials unnamed, nor a manager, who may run a side, nor critics, whose criticism the
# guide takes as an ACCUSE: "critics complain that the agreement does not go far enough")
VIEW_ONLOOKERS = WARNING_ONLOOKERS - {"source", "critic"}
# what an onlooker's view is told as: a question, a call, a rebuttal, a shared view. Praise,
# threats and protests stay events of theirs ("political analysts praised the move", "traders
# are making threats"; change_audit38b, tuned on)
VIEW_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "AGREE", "CONSULT", "CONCEDE"})


def onlookers_view(event_type: str, source: RoleMention | None, target: RoleMention | None) -> bool:
    """Is the report an onlooker's view of no one: its source a generic onlooker and no target
    ("Analysts questioned this explanation", "Most analysts dismissed the rumours", "analysts
    are calling for higher currency futures prices"; random_audit38, tuned on)? Market and
    economic commentary is no event of the guide's. Of the 45 reports a first form of this
    rule took from the whole-corpus runs, change_audit38b judged 28 no event and 17 events,
    mostly praise, threats and criticism by critics; the types and words above leave 11 of
    those events and 5 of the non-events."""
    if event_type not in VIEW_TYPES:
        return False
    if source is None or target is not None or not source.is_generic:
        return False
    words = (source.label or "").split()
    return bool(words) and words[-1] in VIEW_ONLOOKERS


def onlookers_only(verb: Token, words: Container[str] = ONLOOKERS) -> bool:
    """Are the subjects of `verb` onlookers, but for things no one could be ("warned HVB
    Group economist Andreas Rees", the quote's "five million" parsed as a second subject)? An
    onlooker's warning is a forecast, no threat."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [c for s in subjects for c in s.conjuncts]
    onlookers = [s for s in subjects if onlooker(s, words)]
    return bool(onlookers) and all(s in onlookers or not doers.names_doer(s, ()) for s in subjects)


def onlooker(subject: Token, words: Container[str] = ONLOOKERS) -> bool:
    """Is the subject an onlooker: "economists", or one named with an onlooker's title ("Ian
    Fogg, broadband and personal technology analyst at Jupiter Research", "senior economist
    Susumu Taketomi")? A bare "X agreed." of such a one shares the view just reported."""
    titles = [c for c in subject.children if c.dep_ in ("appos", "compound")]
    titles += [t for c in titles for t in c.conjuncts]  # "broadband and ... analyst" as parsed
    return subject.lemma_.lower() in words or any(t.lemma_.lower() in words for t in titles)


def _warns_of_a_state(verb: Token) -> bool:
    """ "warned (that) X was / could be Y": every reported clause is a copula with a subject
    of its own (no "there", no "warned X to ...")."""
    clauses = speech.reported_clauses(verb)
    return bool(clauses) and all(
        c.dep_ != "xcomp"
        and c.lemma_.lower() == "be"
        and not any(g.lower_ == "there" for g in c.children)
        for c in clauses
    )


def _warns_of_a_trend(verb: Token) -> bool:
    """ "warned that earnings in 2005 may also slide", "warned that yields were expected to
    decline", "warned of rising U.S. reliance on foreign oil imports": a forecast of how things
    will go (CAMEO 012), no threat. Every reported clause has a thing for subject (no one who
    could act, no pronoun) and no word of a threatened act ("warned that the trade bill could
    prompt retaliation" stays); a bare "warned of" names no threatened act either."""
    clauses = [c for c in speech.reported_clauses(verb) if c.dep_ == "ccomp"]
    if not clauses:
        of = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        return bool(of) and not any(_threatened_act(g) for g in of)
    return all(_thing_subject(c) and not _threatened_act(c) for c in clauses)


def _thing_subject(clause: Token) -> bool:
    """Is the clause's subject a thing: a common noun that names no one who acts, or "there"?"""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return False
    subject = subjects[0]
    if subject.dep_ == "expl":
        return True
    lemma = subject.lemma_.lower()
    return subject.pos_ == "NOUN" and lemma not in doers.PEOPLE and lemma not in blows.CROWDS


def _threatened_act(head: Token) -> bool:
    """Does the phrase under `head` name an act one threatens ("retaliation", "sanctions",
    "legal action", "a trade war")?"""
    return any(t.lemma_.lower() in THREATENED_ACTS for t in head.subtree)


def _warns_someone(verb: Token) -> bool:
    """ "warned Tony Blair that ...", "warned them": a named or pronoun addressee (not "warned
    the picture was ...", where the parser made the clause's subject an object)."""
    return any(c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "PRON") for c in verb.children)


def warning(token: Token, found: tuple[str, str]) -> tuple[str, str] | None:
    """The (type, cameo_root) a THREATEN "warn" names: none for an onlooker's warning or a
    forecast, REQUEST for a forecast told to someone named, else `found`."""
    if onlookers_only(token, WARNING_ONLOOKERS):
        return None  # "Be prepared for a nasty figure," warned HVB Group economist Andreas Rees
    if _warns_of_a_state(token) or _warns_of_a_trend(token):
        return ("REQUEST", "10") if _warns_someone(token) else None
    return found
