"""Who a passive's "by" phrase names as the helper or backer (issue 20): an actor, or a cause.

"Canada was supported by Australia", "the bill, backed by the textile industry and senators",
"supported by a large number of developing countries": the phrase names who helps. "The pound
was supported by an improved British economic outlook", "prices were supported by an escalation
in the Iran-Iraq war", "notes backed by a letter of credit by Union Bank", "turnover rose,
helped by the consolidation of its unit": its head is a thing, a cause or a security, and the
help is no event between actors (a letter of credit behind a note issue is routine business).

A doer's head is an actor's word, a name, a pronoun, an agent noun or title (`agents`, the
words below), or a word of quantity or grouping whose "of" phrase names one; a conjunct or an
apposition may name it instead.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsflow import agents

HELP_TYPES = frozenset({"SUPPORT", "AID"})
# Agent nouns the sector lists leave out because they name no CAMEO sector of their own.
PEOPLE = agents.sector_nouns() | frozenset(
    {
        "administration", "agency", "alliance", "analyst", "backbencher", "banker", "board",
        "camp", "colleague", "committee", "community", "consortium", "delegation", "donor",
        "establishment", "faction", "family", "firm", "friend", "industry", "investor",
        "leadership", "lender", "lobby", "majority", "member", "movement", "nation", "panel",
        "people", "public", "rank", "shareholder", "side", "staff", "syndicate", "team", "voter",
        # titles: "backed by his predecessor as Cabinet Secretary", "by Yapp's coach"
        "aide", "ally", "chairman", "chairwoman", "chief", "coach", "counterpart", "deputy",
        "director", "governor", "head", "manager", "partner", "predecessor", "president",
        "secretary", "spokesman", "spokeswoman", "successor",
    }
)  # fmt: skip
# "a large number of developing countries", "a combination of Democrats and his own party"
GROUPS = frozenset({"number", "combination", "host", "handful", "group", "coalition", "majority"})


def names_doer(head: Token, mentions: Container[int]) -> bool:
    """Does the "by" phrase headed by `head` name someone who acts (not a thing)?"""
    named = [a for a in head.children if a.dep_ == "appos"]  # "chairman Fernand St Germain"
    for word in (head, *head.conjuncts, *named):
        if word.i in mentions or word.pos_ in ("PROPN", "PRON"):
            return True
        lemma = word.lemma_.lower()
        if lemma in PEOPLE:
            return True
        if lemma in GROUPS:
            of = [g for c in word.children if c.lower_ == "of" for g in c.children]
            if any(names_doer(g, mentions) for g in of if g.dep_ == "pobj"):
                return True
    return False


def helped_by_a_cause(event_type: str, agents_named: list[Token], mentions: Container[int]) -> bool:
    """Is this a help or backing ("supported by", "helped by") whose every doer is a thing?"""
    return (
        event_type in HELP_TYPES
        and bool(agents_named)
        and not any(names_doer(a, mentions) for a in agents_named)
    )
