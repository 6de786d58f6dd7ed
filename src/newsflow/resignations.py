"""Resignations that are personnel moves, no event (issue 20; `stock_phrases`, `senses`).

The lexicon reads "resign" as RETREAT, as PLOVER codes a resignation. The events guide counts a
resignation under pressure (CONCEDE, `senses`: "resigned over the affair", `under_pressure`)
and keeps a plain one out ("has resigned for personal reasons": no event). The random audits
judged 1 of 37 stored RETREATs of the right type, most of the rest executives leaving firms.
So a resignation is a personnel move, no event (`personnel_move`), when:

* a company post is resigned (chief executive, officer, director, vice-chairman) with no
  political or public body named, or a post at a firm named by its legal form ("resigned as
  president of BankAmerica Corp"), a firm's board ("resigned from its board"), or a firm
  reports it ("Triton Group Ltd said John Stiska has resigned as its president");
* the one resigning is named by a company title ("three other directors resigned", "finance
  director Rolf Selowsky resigned");
* its cause is one's own: "for personal and family reasons", "to pursue other interests", "to
  fight the illness", "to become chairman of ..." (20 RETREATs of the Reuters corpus at b4adb74
  were one of these three);
* it is told of the one an appointee replaces ("replacing James Anderson, who resigned").

Pressure is a cause on the verb ("over the affair", "on allegations of insider trading") or a
clause of scandal ("after accounting irregularities were uncovered").
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow.state_triggers import is_legal_form  # the legal form ending a firm's name

CORPORATE_TITLES = {
    "vice-chairman", "director", "executive", "officer", "treasurer", "controller", "ceo",
    "coo", "cfo", "secretary-treasurer",
}  # fmt: skip
# a political or public body named in the post resigned makes it no company post
PUBLIC_BODIES = {
    "party", "committee", "council", "commission", "assembly", "parliament", "union",
    "federation", "government", "cabinet", "authority", "agency", "fund",
}  # fmt: skip
# a firm left or named in a post ("resigned as president of the company"); not "bank" or
# "group", which may be a central bank or a political group
FIRMS = {"company", "firm", "subsidiary", "unit", "corporation"}
PRESSURE_PREPS = {"over", "after", "amid"}  # "resigned over the row / after the leak / amid claims"
# "resigned late last year on allegations of trading on insider information"
PRESSURE_CAUSES = {"allegation", "accusation", "charge", "scandal", "criticism", "pressure"}
# a clause of pressure: "after accounting irregularities were uncovered", not "shortly after
# parent company Associated Dry Goods was acquired"
SCANDAL_WORDS = PRESSURE_CAUSES | {
    "irregularity", "fraud", "affair", "inquiry", "investigation", "revelation",
    "discover", "uncover", "reveal", "allege", "accuse", "criticise", "criticize", "leak",
}  # fmt: skip
PERSONAL = {"personal", "family", "health"}  # "resigned for personal reasons"
# "resigned to pursue other interests", "to fight the illness", "to become chairman of
# Hambrecht and Quist", "to assume the post of vice president", "to set up a brokerage firm"
PRIVATE_AIMS = {
    "pursue", "spend", "retire", "fight", "become", "assume", "join", "set", "devote",
    "concentrate", "complete", "open", "start",
}  # fmt: skip
# "replacing James Anderson, who resigned", "He replaces Anastasios Kyriakides, who resigned in
# December", "Mora succeed Fred Peterson, who resigned": an appointment told, the resignation
# only who left the post
SUCCEEDING = {"replace", "succeed"}


def _posts(verb: Token) -> list[Token]:
    """The posts resigned: the objects of the verb's "as" ("resigned as chief executive")."""
    return [p for a in verb.children if a.dep_ == "prep" and a.lower_ == "as" for p in a.children]


def under_pressure(verb: Token) -> bool:
    """ "resigned over the row", "resigned as home secretary after an inquiry", "have resigned
    after accounting irregularities were uncovered", "resigned ... on allegations of": a cause
    of pressure on the verb or, as the parser often hangs it, on the post resigned; or a clause
    of one."""
    return any(
        (c.dep_ == "prep" and c.lower_ in PRESSURE_PREPS)
        or (c.dep_ == "prep" and any(g.lemma_.lower() in PRESSURE_CAUSES for g in c.children))
        or (
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in PRESSURE_PREPS for m in c.children)
            and any(t.lemma_.lower() in SCANDAL_WORDS for t in c.subtree)
        )
        for w in [verb, *_posts(verb)]
        for c in w.children
    )


def personnel_move(verb: Token) -> bool:
    """ "resigned as vice-chairman and a director", "resigned as chairman and chief executive
    officer" with no party, committee or other public body in the post; a firm's people
    resigning (`_company_people`) or one resigning for reasons of one's own
    (`_personal_reasons`). One under pressure yields (the guide's CONCEDE, `senses`)."""
    if verb.lemma_.lower() != "resign":
        return False
    if under_pressure(verb):
        return False  # the guide's CONCEDE (`senses`)
    words = {t.lemma_.lower() for p in _posts(verb) for t in p.subtree}
    if _public(words):
        return False
    corporate = bool(words & CORPORATE_TITLES) or {"vice", "chairman"} <= words
    firm_post = any(is_legal_form(t.text) for p in _posts(verb) for t in p.subtree)
    return (
        corporate
        or firm_post  # "resigned as president of BankAmerica Corp"
        or bool(words & FIRMS)
        or _leaves_a_firm(verb)
        or _company_people(verb)
        or _personal_reasons(verb)
        or _successor_named(verb)
    )


def _successor_named(verb: Token) -> bool:
    """ "replacing James Anderson, who resigned": the resignation told in a relative clause on
    whom an appointee replaces or succeeds (`SUCCEEDING`)."""
    if verb.dep_ != "relcl" or verb.head.dep_ not in ("dobj", "conj"):
        return False
    person = verb.head
    while person.dep_ == "conj":
        person = person.head
    return person.dep_ == "dobj" and person.head.lemma_.lower() in SUCCEEDING


def _company_people(verb: Token) -> bool:
    """ "three other directors resigned", "finance director Rolf Selowsky resigned", "Deltec's
    three representatives on Avalon's board had resigned": the one resigning is named by a
    company title or a seat on a board, and no public body."""
    asides = {  # what a relative clause says of them: "who was NSC director"
        t.i
        for s in verb.children
        if s.dep_ == "nsubj"
        for c in s.children
        if c.dep_ == "relcl"
        for t in c.subtree
    }
    words = {
        t.lemma_.lower()
        for s in verb.children
        if s.dep_ == "nsubj"
        for t in s.subtree
        if t.i not in asides
    }
    if _public(words):
        return False
    return bool(words & CORPORATE_TITLES) or ("board" in words and "representative" in words)


def _public(words: set[str]) -> bool:
    """Do a post's or a person's words name a public body ("UKIP's branch chairman", "a
    director-general")?"""
    return bool(words & (PUBLIC_BODIES | {"general", "director-general"}))


def _personal_reasons(verb: Token) -> bool:
    """ "resigned last week for 'personal and family' reasons", "to pursue other interests":
    a resignation its own cause explains is no yielding to anyone (the guide keeps it out)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            reasons = [g for g in child.children if g.lemma_.lower() == "reason"]
            if any({t.lower_ for t in r.subtree} & PERSONAL for r in reasons):
                return True
        if child.dep_ == "advcl" and child.lemma_.lower() in PRIVATE_AIMS:
            return True
    return False


def _leaves_a_firm(verb: Token) -> bool:
    """ "resigned from its board", "from the company's board of directors", "from Calny's
    board"; "Triton Group Ltd said John Stiska has resigned as its president": a firm's board or
    post left, or a resignation a firm reports."""
    left = [
        g for p in verb.children if p.dep_ == "prep" and p.lower_ == "from"
        for g in p.children if g.dep_ == "pobj"
    ]  # fmt: skip
    if any(g.lemma_.lower() in FIRMS | {"board"} for g in left):
        return True
    reporter = verb.head if verb.dep_ == "ccomp" else None
    if reporter is None or reporter.lemma_.lower() not in ("say", "announce"):
        return False
    return any(  # "Triton Group Ltd", "Woodward and Lothrop Inc"
        is_legal_form(t.text) for s in reporter.children if s.dep_ == "nsubj" for t in s.subtree
    )
