"""Targets a source names in its own relative clause (issue 20, "roles not attached").

A noun trigger often takes its source from a "from"/"by" phrase and leaves what the source
said to a relative clause on it: "criticism from the Economic Affairs Committee, which said
the MPC had held interest rates too high". The noun itself has no target phrase, but the
relative clause reports the source's words, and the subject of the reported clause is the
one criticised (or praised, or asked). `roles.sentence_candidates` asks this module only when
a noun trigger of a speech-like type has a source and no target, so it never overrides a
target the trigger's own phrase names.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from newsflow.triggers import Lexicon

# What is said about someone: a criticism, praise, a call, a rejection. Not a deal or aid,
# whose source's later remark is no part of the act.
SPEECH_NOUN_TYPES = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "REJECT"})


def reported_subjects(
    doc: Doc, event_type: str, source_tokens: Iterable[int], lexicon: Lexicon
) -> list[int]:
    """Token indices of the subjects of what the source of a speech-like noun trigger says in
    a relative clause on it ("criticism from X, which said Y had ..." -> Y), in sentence order."""
    if event_type not in SPEECH_NOUN_TYPES:
        return []
    out: list[int] = []
    for i in sorted(source_tokens):
        for clause in doc[i].children:
            if clause.dep_ != "relcl" or clause.lemma_.lower() not in lexicon.reporting_verbs:
                continue
            for said in (c for c in clause.children if c.dep_ == "ccomp"):
                out += [c.i for c in said.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out
