"""The clauses a reporting verb reports (issue 20): "X said Y should ..." and its conjuncts.

"Vince Cable said the public did not know who to believe and the National Audit Office should
judge": the parser hangs the second reported clause on the first as its conjunct, not on
"said", so a demand in it ("the National Audit Office should judge") was no REQUEST and its
subject no target. A conjunct with a subject of its own is a reported clause too; one without
("said he would go and stay") shares the first clause's subject and adds no clause.

"The U.N. called for Israel to withdraw": the parser hangs "for" on the infinitive as its
mark, not on "called" as the phrasal verb's particle; such a for-to clause is what was called
for, and its subject the one asked (`for_to_clauses`).
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")


def reported_clauses(verb: Token) -> list[Token]:
    """The verb's reported clauses: its ccomp and xcomp children, and each ccomp's later
    conjuncts that have a subject of their own."""
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp"):
            continue
        out.append(clause)
        if clause.dep_ == "ccomp":
            out += [
                c
                for c in clause.conjuncts
                if c.i > clause.i and any(s.dep_ in SUBJECTS for s in c.children)
            ]
    return out


def for_to_clauses(verb: Token) -> list[Token]:
    """The for-to clauses after `verb` ("called for Israel to withdraw", "pressed for the
    findings to be made public"): an infinitive whose mark is "for"."""
    return [
        clause
        for clause in verb.children
        if clause.dep_ in ("advcl", "ccomp")
        and clause.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    ]
