"""Which trigger controls another (issue 20): "agreed to withdraw", not "signed during his visit".

`folds.fold` folds a trigger into the controlling trigger that governs it (an AGREE, REQUEST,
THREATEN ... over the act it is about): "vowed to fight" is one report, a THREATEN, and "urged
X to withdraw" one REQUEST. A trigger inside a time adjunct of the
controller is no such content: in "a protocol ... signed during his visit" the visit is an
event of its own (CONSULT, the minister's) and the signing does not take it over, so the
climb up the governors stops at a "during" or "at" phrase: the setting the act happened in
("during his visit", "at a summit"). A sequence stays folded: in "Iran agreed to a ceasefire
after fighting Pakistan" the fighting names the other party of the ceasefire, whose target
the AGREE borrows (`roles.sentence_candidates`). A trigger in a clause that describes the
subject is no content either: in "The five unions meeting Mr Prescott want the government to
withdraw these regulations" the meeting says which unions want, and its party (Prescott) is no
one asked.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from spacy.tokens import Token

SETTING_PREPS = frozenset({"during", "at"})
AGENT_SUBJECT = "nsubj"  # active: "Moves to lift the ban have been condemned" stays folded


def controller(
    chain: list[tuple[Token, str]],
    triggers: Mapping[int, tuple[str, str]],
    controlling_types: Container[str],
) -> Token | None:
    """The nearest governing trigger of a controlling type, not across the act's setting nor
    out of a clause that describes who acts (the active subject: a passive subject is what
    the act is about, "Moves to lift the EU's ban ... have been condemned")."""
    previous = ""
    for governor, dep in chain:
        if governor.dep_ == "prep" and governor.lower_ in SETTING_PREPS:
            return None
        if previous == "acl" and dep == AGENT_SUBJECT:
            return None  # "the unions meeting Mr Prescott want ...": who wants, not what
        previous = dep
        if governor.i in triggers and triggers[governor.i][0] in controlling_types:
            return governor
    return None


def fold_target(
    controller: Token | None, i: int, suppressed: Container[int], plans: list[tuple[int, int]]
) -> int | None:
    """The trigger that `i` is folded into as the act it controls: its controller, or, when the
    controller was itself folded ("insisted on its demands that ... grant"), that one's outer
    trigger. None when the controller gave way ("signed a deal with X": the light verb yields to
    the noun, which is then the event, not folded into the verb)."""
    if controller is None or controller.i == i:
        return None
    if controller.i not in suppressed:
        return controller.i
    return next((outer for outer, inner in plans if inner == controller.i and outer != inner), None)
