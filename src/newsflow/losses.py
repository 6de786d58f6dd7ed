"""A case lost in court is the court's rejection of the loser (issue 20, GUIDE.md).

The guide labels "a lost court case or legal battle ('died after losing a legal battle to
...')" REJECT by the court against the party that lost, the source null when the court is not
named. The lexicon read "lost a landmark appeal" as the loser's REQUEST (an appeal), "losing a
legal battle" as an ASSAULT, and "lost a High Court action" as nothing. Read here: "lose" with
for object an appeal, a case, a suit or a lawsuit, or an action, a battle, a challenge or a
fight marked as legal ("legal battle", "court battle", "High Court action"; `LEGAL_MARKS`).
An appeal that is a draw ("losing their popular appeal") and a battle not in court ("lost
the battle for the leadership") are none. The loser is the target (`roles`), the court
unnamed. A sentence is parsed for this only when it holds a form of "lose" and a contest
word (`Lexicon.trigger_cues`).
"""

from __future__ import annotations

from spacy.tokens import Token

LOSING_VERB = "lose"
REJECT = ("REJECT", "12")
CASES = frozenset({"appeal", "case", "suit", "lawsuit"})  # in court by themselves
CONTESTS = frozenset({"action", "battle", "challenge", "fight"})  # in court when marked so
CONTEST_WORDS = CASES | CONTESTS
LEGAL_MARKS = frozenset(
    {"legal", "court", "judicial", "high", "appeal", "bankruptcy", "libel", "copyright",
     "extradition", "tribunal", "lords", "supreme"}
)  # fmt: skip
DRAWS = frozenset({"popular", "broad", "mass", "wide", "public", "electoral", "commercial"})


def _marks(word: Token) -> set[str]:
    return {
        c.lemma_.lower()
        for c in word.children
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
    }


def lost_case(verb: Token) -> Token | None:
    """The case `verb` loses in court ("lost a landmark appeal", "losing a legal battle", "lost
    a High Court action"), else None."""
    if verb.lemma_.lower() != LOSING_VERB or verb.pos_ != "VERB":
        return None
    for case in (c for c in verb.children if c.dep_ == "dobj"):
        lemma, marks = case.lemma_.lower(), _marks(case)
        if lemma in CASES and not marks & DRAWS:
            return case
        if lemma in CONTESTS and marks & LEGAL_MARKS:
            return case
    return None


def is_lost_case(noun: Token) -> bool:
    """Is the noun the case its verb loses in court ("lost a landmark appeal")? Its own
    trigger (an appeal's REQUEST, a battle's ASSAULT) then names no event of its own."""
    case = lost_case(noun.head)
    return case is not None and case.i == noun.i
