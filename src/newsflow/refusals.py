"""A refusal not made is no REJECT (issue 20, `senses.refine`).

"has not ruled out a return", "could not deny the possibility", "officials have never denied",
"would not confirm or deny the report": a refusal not made leaves a possibility open, an act
between no one. The labelled sets give no event for "did not rule out change", and the random
audits judged such negated REJECTs no event (random_audit37 item 52: "could neither confirm nor
deny it", like "declined to comment"). About 60 stood in the whole-corpus warehouses at
e8509e5.
"""

from __future__ import annotations

from spacy.tokens import Token


def not_made(verb: Token) -> bool:
    """Is this "rule out" or "deny" negated, or joined to a negated "confirm"?"""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head  # "would not confirm or deny", "could neither confirm nor deny it"
    return (
        verb.dep_ == "conj"
        and head.lemma_.lower() == "confirm"
        and any(c.dep_ == "neg" or c.lower_ == "neither" for c in head.children)
    )
