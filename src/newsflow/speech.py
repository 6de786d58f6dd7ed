"""The clauses a reporting verb reports (issue 20): "X said Y should ..." and its conjuncts.

"Vince Cable said the public did not know who to believe and the National Audit Office should
judge": the parser hangs the second reported clause on the first as its conjunct, not on
"said", so a demand in it ("the National Audit Office should judge") was no REQUEST and its
subject no target. A conjunct with a subject of its own is a reported clause too; one without
("said he would go and stay") shares the first clause's subject and adds no clause.

"The U.N. called for Israel to withdraw": the parser hangs "for" on the infinitive as its
mark, not on "called" as the phrasal verb's particle; such a for-to clause is what was called
for, and its subject the one asked (`for_to_clauses`).

"The five unions want the government to withdraw these regulations": what someone wants
another to do is asked of them, the guide's REQUEST ("(the US) hopes Japan will take steps"),
not the other's own planned act; what one wants to do oneself ("wants to be first") stays a
plan (`wanted_of_another`).
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass")
WANTING = frozenset({"want"})
WOULD_WANTING = frozenset({"like"})  # only after "would": "would like X to"
WOULD = frozenset({"would", "'d"})
NOT_ASKED = frozenset({"it", "this", "that", "there"})  # "wants it to be": no one asked
# what one wishes another to be, feel or achieve is a wish, no act asked of them ("wants his
# team to win", "we all want Mike to get better", "I don't want the fans to think")
WISHED_STATES = frozenset(
    {"be", "become", "feel", "get", "have", "know", "like", "love", "enjoy", "play", "remain",
     "see", "seem", "stay", "succeed", "think", "understand", "believe", "win", "work"}
)  # fmt: skip


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


def wanted_of_another(verb: Token) -> list[Token]:
    """The infinitives in which `verb` ("want", "would like") asks someone other than its
    subject to act: "want the government to withdraw" (the parser makes "government" the
    infinitive's own subject) or "wanted Airbus to help" (the verb's object). None for one's
    own aim ("wants to be first", "would like to see") or a state wished on another
    (`WISHED_STATES`: "wants his Middlesbrough team to win")."""
    lemma = verb.lemma_.lower()
    if lemma not in WANTING | WOULD_WANTING:
        return []
    if lemma in WOULD_WANTING and not any(
        c.dep_ == "aux" and c.lower_ in WOULD for c in verb.children
    ):
        return []
    asked = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in NOT_ASKED]
    return [
        clause
        for clause in verb.children
        if clause.dep_ in ("ccomp", "xcomp")
        and clause.i > verb.i
        and clause.lemma_.lower() not in WISHED_STATES
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and (
            asked or any(c.dep_ in SUBJECTS and c.lower_ not in NOT_ASKED for c in clause.children)
        )
    ]
