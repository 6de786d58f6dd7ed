"""The mode of an event report: asserted, negated, planned or possible (issues 7 and 20).

Read from the trigger and the chain of words that govern it (`governors`): a negation or a
negating verb ("denied that it attacked", "failed to agree") negates it, a modal of
possibility or a condition ("could meet", "if X attacks", "unless Afghanistan stops the
raids") makes it possible, a planning auxiliary or verb ("will meet", "plans to visit") plans
it; the cue lists are `data/events/cues.json` (`triggers.Lexicon`). Moved out of `roles`
unchanged; `roles.sentence_candidates` gives every report its mode here.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow.triggers import Lexicon

# the dependencies climbed from a trigger to the words that govern it
GOVERNOR_STEPS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "agent",
    "nsubj",
    "nsubjpass",
    "pcomp",
    "acl",
    "advcl",
}


def unless_clauses(token: Token, chain: list[tuple[Token, str]]) -> list[Token]:
    """Clauses of the form "unless X does Y" attached to the trigger or the verbs governing it."""
    return [
        c
        for w in [token] + [g for g, _ in chain]
        for c in w.children
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        and token.i not in {t.i for t in c.subtree}  # not the act inside the condition
    ]


def governors(token: Token) -> list[tuple[Token, str]]:
    """The chain of words governing a trigger, with the dependency climbed to reach each."""
    chain = []
    current = token
    for _ in range(5):
        if current.dep_ not in GOVERNOR_STEPS or current.head.i == current.i:
            break
        chain.append((current.head, current.dep_))
        current = current.head
    return chain


def denier(chain: list[tuple[Token, str]], lexicon: Lexicon) -> Token | None:
    """The word of denial or refusal governing a trigger ("denied attacking", "denied the
    allegations"), not across a clause told beside it: in "had denied the claims, saying the
    suspension was 'unjust and wrong'" the suspension is no act denied, so the denial stays."""
    for governor, dep in chain:
        if dep == "advcl":
            return None
        if lexicon.negates(governor):
            return governor
    return None


def trigger_mode(trigger: Token, chain: list[tuple[Token, str]], lexicon: Lexicon) -> str:
    """asserted | negated | planned | possible, from the trigger and the verbs that govern it."""
    local = [trigger] + [g for g, dep in chain if g.pos_ in ("VERB", "AUX")][:3]
    mode = "asserted"
    for word in local:
        for child in word.children:
            lemma = child.lemma_.lower()
            if child.dep_ == "neg" or (child.dep_ == "advmod" and lemma in lexicon.negation):
                return "negated"
            if (
                child.dep_ in ("aux", "auxpass")
                and lemma in lexicon.possible_aux
                and child.lower_ != "can"
            ):
                mode = "possible" if mode == "asserted" else mode
            if child.dep_ in ("aux", "auxpass") and lemma in lexicon.planned_aux:
                mode = "planned"
    for word in [trigger] + [g for g, _ in chain]:
        # "... unless Afghanistan stops the raids", "if X attacks": a condition, not a report
        if word.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in word.children
        ):
            return "possible"
    broken = chain and chain[0][1] in ("dobj", "nsubjpass")
    if broken and chain[0][0].lemma_.lower() in lexicon.breaking_verbs:
        return "negated"  # "broke the pledges", "the ceasefire was violated"
    negating = True  # a negating verb negates its complements, not a clause hung on it:
    for word, dep in chain:  # "failed to reach an agreement ..., causing a strike"
        negating = negating and dep != "advcl"
        lemma = word.lemma_.lower()
        if negating and lexicon.negates(word):
            return "negated"
        if lemma in lexicon.planned_verbs:
            mode = "planned"
    return mode
