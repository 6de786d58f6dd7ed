"""When a report's source and target are one side, not two (issue 20).

The same actor on both sides is one side, and so is a country with a person or body of it:
"A high-level Iranian delegation headed by ... Hassan Kazemi Qomi would lead his country in the
talks" names Iran's delegate and Iran, and the talks are with Pakistan, not Iran. But a person
or body of a country against that country's government is two: "Shadow Constitutional Affairs
Secretary Oliver Heald accused the government of 'dragging its feet'" is the guide's ACCUSE ->
United Kingdom, an opposition politician against the state (`others_government`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsflow import agents

if TYPE_CHECKING:  # roles calls `one_side`: a runtime import would be circular
    from newsflow.roles import RoleMention


def one_side(doc: Doc, source: RoleMention, target: RoleMention) -> bool:
    """Are the report's source and target one side (so the target is no target)?"""
    if source.actor_id == target.actor_id:
        return True
    return (
        source.key == target.key
        and "COUNTRY" in (source.actor_type, target.actor_type)
        and not others_government(doc, source, target)
    )


def others_government(doc: Doc, source: RoleMention, target: RoleMention) -> bool:
    """Is the target the government of the source's country, named as such ("accused the
    government of")? A country named as a country ("would lead his country") is the source's
    own side, and government as a notion is no one ("called for heads of government to play a
    larger role", "the help of a head of an allied government"): the state's word must carry
    "the"."""
    if source.actor_type == "COUNTRY" or target.actor_type != "COUNTRY" or target.stands_for:
        return False
    return any(
        doc[i].lemma_.lower() in agents.STATE_ORGANS  # the state or its organs
        and any(c.dep_ == "det" and c.lower_ == "the" for c in doc[i].children)
        for i in target.tokens
    )
