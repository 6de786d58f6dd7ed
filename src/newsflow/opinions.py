"""A reported condemnation is an accusation (issue 20): "X said Y's plan was a disgrace".

Plain opinions are no event ("X said the plan was expensive", GUIDE.md), but a speaker who
calls what another actor did or said a disgrace, irresponsible or anathema condemns it, and
the guide labels that ACCUSE by the speaker ("Lord Nicholls ... said: 'Indefinite
imprisonment without charge or trial is anathema ...'", "Mark Oaten said the number of
officials who had forgotten what happened was worrying"), with the actor condemned as target
when the clause names one (`roles._complement_targets`), else none. Only a condemning word
(`cues.json` `condemning_words`) as what the reported clause says its subject is, or the
clause's own verb ("was worrying"); not when that clause is negated ("was not a disgrace").
The words are strong ones: "unrealistic", "authoritarian", "a farce", "a shambles" condemn;
"expensive", "wrong", "a mistake", "illegal" (a warning that an act "could be illegal" is
advice, a REQUEST in the tune half) do not count, nor "rubbish" and "nonsense", which deny a
claim ("'That's rubbish,' KSE chairman Yaseen Lakhani told the BBC": REJECT by the guide).
A sentence is parsed for this only when it holds such a word and a reporting verb
(`Lexicon.trigger_cues`), so the cost is those sentences alone.

Reported approval is the mirror case, read by the same functions with the approving words
(`cues.json` `approving_words`): a speaker who calls what another actor did pragmatic, sensible
or long overdue endorses it, and the guide labels that SUPPORT by the speaker ("Mark Oaten
called the change pragmatic", "Sundar Katwala said the change was 'long overdue'").
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

PREDICATE_DEPS = ("acomp", "attr", "oprd")  # "was irresponsible", "is anathema", "a disgrace"


def _condemns(clause: Token, words: Container[str]) -> bool:
    """Does the clause say its subject is condemnable ("is a disgrace", "was worrying")?"""
    if any(c.dep_ == "neg" for c in clause.children):
        return False
    if clause.lower_ in words and any(c.dep_ == "aux" for c in clause.children):
        return True  # "was worrying": the parser's progressive reading of the adjective
    return any(c.dep_ in PREDICATE_DEPS and c.lower_ in words for c in clause.children)


def reports_a_condemnation(verb: Token, words: Container[str]) -> bool:
    """Does the reporting verb's clause condemn something ("said the plan was a disgrace")?
    Not when the clause names its own condemner ("Reminded that Ferguson called him 'a
    disgrace'"): that is Ferguson's accusation (`names_a_condemnation`), not the reporter's."""
    return any(
        c.dep_ == "ccomp" and _condemns(c, words) and not names_a_condemnation(c, words)
        for c in verb.children
    )


NAMING_VERB = "call"  # "X called Y a disgrace" ("branded" is a trigger of its own)


def names_a_condemnation(verb: Token, words: Container[str]) -> bool:
    """Does the verb call its object condemnable ("called that suggestion 'disgraceful'",
    "has called Camp Delta a 'major human-rights scandal'")? Then the object's actor is
    the target, as of any verb (`roles._verb_roles`)."""
    if verb.lemma_.lower() != NAMING_VERB or any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "oprd" and c.lower_ in words for c in verb.children)
