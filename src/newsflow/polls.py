"""What an opinion poll finds is no event (issue 20, random audits 30, 31 and 35).

"Nearly half those surveyed said Mr Blunkett should return to Cabinet", "one-third believe he
should resign, a new poll said", "less than half the UK wants a ban ..., the Mori survey
suggests", "the Marplan poll showed Conservative support had fallen to 36 pct": the trigger
lexicon reads a REQUEST, a COERCE or a SUPPORT in each, but what respondents answer is a
measure of opinion, not an act of one actor towards another, and the blind judges of three
random audits marked every such tuple a non-event (5 of 600). A trigger is a poll's finding
when a word governing it (or the trigger itself) has for subject:
- a poll or a survey, with a verb of showing ("the poll said / showed / found / suggests"), or
  a poll's showing itself ("a newspaper opinion poll showing that ...");
- the people asked: "respondents", "those polled", "people questioned", or a share of them
  ("63% of respondents"), or a bare share ("one-third", "58 pct", "nearly half") in a sentence
  that names a poll.
A poll as an election ("ready for a 5 May poll", "would hold a poll") is never such a subject,
and a share of a body outside a poll ("half the MPs backed the motion") stays an event.
"""

from __future__ import annotations

from spacy.tokens import Token

POLLS = frozenset({"poll", "survey", "questionnaire", "canvass"})
SHOWING = frozenset(
    {"say", "show", "find", "suggest", "indicate", "reveal", "conclude", "report", "put"}
)
# how the people a poll asks are named: "those polled", "adults questioned", "respondents"
ASKED = frozenset({"poll", "survey", "question", "interview", "ask", "sample"})
RESPONDENTS = frozenset({"respondent"})
SHARES = frozenset(
    {"majority", "minority", "half", "third", "quarter", "fifth", "tenth", "most", "pct",
     "percent", "%", "one-third", "two-thirds", "one-quarter", "three-quarters"}
)  # fmt: skip
SUBJECTS = ("nsubj", "nsubjpass")


def _asked(word: Token) -> bool:
    """Are these the people a poll asked: "respondents", "those polled", "63% of respondents"?"""
    if word.lemma_.lower() in RESPONDENTS:
        return True
    if any(c.dep_ == "acl" and c.lemma_.lower() in ASKED for c in word.children):
        return True  # "those polled", "people questioned"
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(_asked(g) for g in c.children)
        for c in word.children
    )


def _a_share(word: Token) -> bool:
    """ "one-third", "58 pct", "nearly half", "21%": a share of those asked."""
    return word.lemma_.lower() in SHARES or word.like_num


def _finds(word: Token, named_poll: bool) -> bool:
    """Is the subject of `word` a poll that shows, or the people a poll asked? Or is `word` a
    poll's showing ("a newspaper opinion poll showing that ...")?"""
    if word.dep_ == "acl" and word.head.lemma_.lower() in POLLS:
        return word.lemma_.lower() in SHOWING
    for subject in (c for c in word.children if c.dep_ in SUBJECTS):
        if subject.lemma_.lower() in POLLS and word.lemma_.lower() in SHOWING:
            return True
        if _asked(subject) or (named_poll and _a_share(subject)):
            return True
    return False


def polls_finding(token: Token) -> bool:
    """Is the trigger what a poll found: itself or a word governing it said, shown or thought
    by a poll or its respondents?"""
    sentence = token.sent
    named_poll = any(w.lemma_.lower() in POLLS or w.lower_ in ("polled", "surveyed")
                     for w in sentence)  # fmt: skip
    if not named_poll and not any(w.lemma_.lower() in RESPONDENTS for w in sentence):
        return False
    return any(_finds(word, named_poll) for word in (token, *token.ancestors))
