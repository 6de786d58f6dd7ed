"""The clauses a reporting verb reports (issue 20): "X said Y should ..." and its conjuncts.

"Vince Cable said the public did not know who to believe and the National Audit Office should
judge": the parser hangs the second reported clause on the first as its conjunct, not on
"said", so a demand in it ("the National Audit Office should judge") was no REQUEST and its
subject no target. A conjunct with a subject of its own is a reported clause too; one without
("said he would go and stay") shares the first clause's subject and adds no clause.
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
