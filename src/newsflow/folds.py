"""Which trigger words of a sentence report an event of their own (issue 20, `roles`).

Not every trigger word is an event: "held talks", "carried out an attack" and "the bombing was
carried out by ISKP" name one event by the noun; "lodged a protest" names it by the phrasal
verb; "lost a landmark appeal" is the court's REJECT (`losses`); "demonstrated ... calling for
independence" is one protest with its demand (`protest_aims`); "denied the allegations" is one
REJECT and "denied attacking" a negated attack (`modes.denier`); "agreed to withdraw" folds the
act agreed to into the agreement (`control.fold_target`). `fold` reads which are suppressed,
which outer trigger each folded one joins, and the sides a suppressed one hands on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsflow import control, losses, protest_aims
from newsflow.modes import denier, governors
from newsflow.participles import by_agents
from newsflow.phrase_actors import RoleMention, actors_in
from newsflow.triggers import Lexicon

# (trigger, event type, mentions by token, lexicon) -> (sources, targets): `roles.read_roles`
RoleReader = Callable[
    [Token, str, dict[int, RoleMention], Lexicon], tuple[list[RoleMention], list[RoleMention]]
]
LIGHT_EXTRA = frozenset({"carry", "claim"})  # "carried out an attack", "claimed the attack"


@dataclass
class Folds:
    """What `fold` decided for a sentence's triggers (token indexes)."""

    suppressed: set[int] = field(default_factory=set)
    plans: list[tuple[int, int]] = field(default_factory=list)  # (outer, trigger folded in)
    borrowed_targets: dict[int, list[RoleMention]] = field(
        default_factory=lambda: defaultdict(list)
    )
    orphan_agents: dict[int, list[RoleMention]] = field(default_factory=lambda: defaultdict(list))
    chains: dict[int, list[tuple[Token, str]]] = field(default_factory=dict)  # `modes.governors`


def fold(
    doc: Doc,
    triggers: dict[int, tuple[str, str]],
    by_token: dict[int, RoleMention],
    lexicon: Lexicon,
    read: RoleReader,
) -> Folds:
    """Which of `triggers` (token index -> (type, cameo root)) report no event of their own."""
    folds = Folds()
    suppressed = folds.suppressed
    for i in triggers:
        token = doc[i]
        chain = folds.chains[i] = governors(token)
        light = token.pos_ == "VERB" and token.lemma_.lower() in lexicon.light_verbs | LIGHT_EXTRA
        if light and _light_verb_folds(doc, token, triggers, by_token, folds):
            continue
        controller = control.controller(chain, triggers, lexicon.controlling_types)
        if (
            token.dep_ == "dobj"
            and (token.head.lemma_.lower(), token.lemma_.lower()) in lexicon.phrasal
        ):
            suppressed.add(i)  # "lodged a protest": the phrasal verb names the event
            continue
        if token.dep_ == "dobj" and token.head.i in triggers and losses.is_lost_case(token):
            suppressed.add(i)  # "lost a landmark appeal": the loss names the court's REJECT
            continue
        protest = protest_aims.protest_of_demand(token, triggers)
        if protest is not None:  # "demonstrated ... calling for independence": its demand
            suppressed.add(i)
            folds.borrowed_targets[protest] += read(token, "REQUEST", by_token, lexicon)[1]
            continue
        negator = denier(chain, lexicon)
        if (
            negator is not None
            and token.head.i == negator.i
            and token.dep_ == "dobj"
            and token.pos_ not in ("VERB", "AUX")
        ):
            # "denied the allegations": a REJECT of them, the allegation is no event of its own.
            suppressed.add(i)
            continue
        if negator is not None and negator.i in triggers:
            suppressed.add(negator.i)  # "denied attacking": a negated attack, not a REJECT
            controller = None
        outer = control.fold_target(controller, i, suppressed, folds.plans)
        if outer is not None:
            suppressed.add(i)
            folds.plans.append((outer, i))
            continue
        folds.plans.append((i, i))
    return folds


def _light_verb_folds(
    doc: Doc,
    token: Token,
    triggers: dict[int, tuple[str, str]],
    by_token: dict[int, RoleMention],
    folds: Folds,
) -> bool:
    """Does this light verb ("held talks", "carried out an attack", "the bombing was carried
    out by") leave the event to the noun it governs or hangs on? An agent it names goes to the
    noun: "attacks in Iran carried out by ISKP", parsed with "carried" off the noun."""
    i = token.i
    if any(c.i in triggers and c.dep_ in ("dobj", "nsubjpass", "attr") for c in token.children):
        folds.suppressed.add(i)
        return True
    if token.dep_ == "acl" and token.head.i in triggers:
        folds.suppressed.add(i)
        return True
    agents = by_agents(token)
    nouns = [j for j in triggers if j < i and doc[j].pos_ in ("NOUN", "PROPN")]
    if agents and nouns:
        folds.suppressed.add(i)
        folds.orphan_agents[max(nouns)] += [m for a in agents for m in actors_in(a, by_token)]
        return True
    return False
