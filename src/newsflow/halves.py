"""Two halves of one report in a sentence (issue 20, `roles.sentence_candidates`).

"The contract is being funded by Britain's Overseas Development Administration as part of a
total grant of 73.65 mln stg to India's state-owned Hindustan Zinc Ltd": the verb "funded"
names the giver and no one given to, the noun "grant" under it the one given to and no giver.
Two AIDs came out, each with a side null, where the sentence tells one AID with both. A report
with only a source and one of the same type and mode with only a target, one trigger inside
the other's phrase, are one report: the outer trigger's, with the inner one's target.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from spacy.tokens import Token

Report = tuple[Any, ...]  # (type, root, mode, source, target, trigger, chain, verbal)


# the links from the outer trigger down to the inner one: its objects and their prepositional
# phrases ("funded ... as part of a grant", "killed in a drone strike"), never a clause ("his
# involvement in a fight just hours before rapper Tupac Shakur was killed": two acts)
PHRASE_DEPS = frozenset({"prep", "pobj", "dobj", "compound", "nmod", "npadvmod"})


def _inside(inner: Token, outer: Token) -> bool:
    """Is `inner` in the phrase of `outer`, down objects and prepositions only?"""
    word = inner
    while word.i != outer.i:
        if word.dep_ not in PHRASE_DEPS or word.head.i == word.i:
            return False
        word = word.head
    return inner.i != outer.i


def _sides(a: Report, b: Report) -> tuple[Any, Any] | None:
    """(source, target) when one report names only a source and the other only a target, of
    the same type and mode, one trigger inside the other's phrase; else None."""
    if a[0] != b[0] or a[2] != b[2]:
        return None
    if not (_inside(b[5], a[5]) or _inside(a[5], b[5])):
        return None
    for giver, taker in ((a, b), (b, a)):
        halves = giver[4] is None and taker[3] is None and None not in (giver[3], taker[4])
        if halves and giver[3].actor_id != taker[4].actor_id:
            return giver[3], taker[4]
    return None


def join_halves(found: list[Report]) -> list[Report]:
    """The sentence's reports with each pair of nested halves joined: the outer report takes
    both sides; the inner one goes."""
    out = list(found)
    gone: set[int] = set()
    for i, j in combinations(range(len(out)), 2):
        sides = None if {i, j} & gone else _sides(out[i], out[j])
        if sides is None:
            continue
        outer, inner = (i, j) if _inside(out[j][5], out[i][5]) else (j, i)
        out[outer] = (*out[outer][:3], *sides, *out[outer][5:])
        gone.add(inner)
    return [r for n, r in enumerate(out) if n not in gone]
