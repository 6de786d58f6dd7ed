"""A reported condemnation is an accusation (issue 20): "X said Y's plan was a disgrace".

Plain opinions are no event ("X said the plan was expensive", GUIDE.md), but a speaker who
calls what another actor did or said a disgrace, irresponsible or anathema condemns it, and
the guide labels that ACCUSE by the speaker ("Lord Nicholls ... said: 'Indefinite
imprisonment without charge or trial is anathema ...'", "Mark Oaten said the number of
officials who had forgotten what happened was worrying"), with the actor condemned as target
when the clause names one (`roles._complement_targets`), else none. Only a condemning word
(`cues.json` `condemning_words`) as what the reported clause says its subject is, or the
clause's own verb ("was worrying"); not when that clause is negated ("was not a disgrace").
Weaker words of fault (`cues.json` `faulting_words`: "unrealistic", "authoritarian", "unfair",
"a farce", "a shambles") condemn only an actor's deed or saying: a clause subject that is a
plan, a policy, a claim, a decision (`DEEDS`), one an actor owns ("the government's immediate
instinct"), or an actor ("the government was intensely authoritarian"). "A further fall in the
dollar would be counterproductive", "the prices are ridiculous", "It would be foolish to ..."
judge a thing or a course, plain opinions by the guide (the Reuters run at 588b610 made
dozens of such ACCUSEs before this check). "Wrong", "a mistake", "illegal" (a warning that an
act "could be illegal" is advice, a REQUEST in the tune half) are not among the words, nor
"rubbish" and "nonsense", which deny a claim ("'That's rubbish,' KSE chairman Yaseen Lakhani
told the BBC": REJECT by the guide).
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

from newsflow import doers

PREDICATE_DEPS = ("acomp", "attr", "oprd")  # "was irresponsible", "is anathema", "a disgrace"
# what an actor does or says, which a word of fault may condemn ("government proposals are
# unrealistic", "the EPA's claims are unreasonable", "the pact was unfair")
DEEDS = {
    "plan", "proposal", "policy", "decision", "claim", "report", "tax", "law", "bill",
    "legislation", "measure", "subsidy", "system", "quota", "approach", "handling", "way",
    "suspension", "ruling", "move", "action", "scheme", "budget", "strategy", "idea",
    "accusation", "allegation", "charge", "demand", "offer", "bid", "deal", "pact", "agreement",
    "rebate", "treatment", "arrest", "detention", "campaign", "programme", "program", "regime",
    "tariff", "sanction", "embargo", "ban", "stance", "position", "response", "attitude",
    "behaviour", "behavior", "conduct", "enforcement", "evaluation", "rule", "regulation",
    "reform", "instinct", "remark", "statement", "comment", "suggestion", "injunction", "verdict",
    "judgment", "judgement", "sentence", "fine", "investigation", "inquiry", "probe", "act",
    "amendment", "motion", "resolution", "treaty", "accord", "intervention", "restriction",
    "curb", "paper", "process", "procedure", "reply", "answer", "threat", "attack",
}  # fmt: skip


def _condemns(clause: Token, words: Container[str]) -> bool:
    """Does the clause say its subject is condemnable ("is a disgrace", "was worrying")?"""
    if any(c.dep_ == "neg" for c in clause.children):
        return False
    if clause.lower_ in words and any(c.dep_ == "aux" for c in clause.children):
        return True  # "was worrying": the parser's progressive reading of the adjective
    return any(c.dep_ in PREDICATE_DEPS and c.lower_ in words for c in clause.children)


def _a_deed(subject: Token) -> bool:
    """Is this clause subject an actor's deed or saying, one an actor owns, or an actor (not a
    thing, a course or a pronoun: "the prices", "a further fall", "it")?"""
    if subject.pos_ == "PRON":
        return False
    if subject.lemma_.lower() in DEEDS:
        return True
    if any(
        c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in subject.children
    ):
        return True  # "the government's immediate instinct", "the ICO quota system"
    return doers.names_doer(subject, ())


def _faults_a_deed(clause: Token, faulting: Container[str]) -> bool:
    """Does the clause call an actor's deed or saying faulty ("said government proposals are
    unrealistic")?"""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and _a_deed(subjects[0]) and _condemns(clause, faulting)


def reports_a_condemnation(
    verb: Token, words: Container[str], faulting: Container[str] = frozenset()
) -> bool:
    """Does the reporting verb's clause condemn something ("said the plan was a disgrace"), or
    fault an actor's deed (`faulting`: "said government proposals are unrealistic")? Not when
    the clause names its own condemner ("Reminded that Ferguson called him 'a disgrace'"):
    that is Ferguson's accusation (`names_a_condemnation`), not the reporter's."""
    return any(
        c.dep_ == "ccomp"
        and (_condemns(c, words) or _faults_a_deed(c, faulting))
        and not names_a_condemnation(c, words, faulting)
        for c in verb.children
    )


NAMING_VERB = "call"  # "X called Y a disgrace" ("branded" is a trigger of its own)


def names_a_condemnation(
    verb: Token, words: Container[str], faulting: Container[str] = frozenset()
) -> bool:
    """Does the verb call its object condemnable ("called that suggestion 'disgraceful'",
    "has called Camp Delta a 'major human-rights scandal'"), or an actor's deed faulty
    (`faulting`: "called the UK's rebate 'unjustified'")? Then the object's actor is the
    target, as of any verb (`roles._verb_roles`)."""
    if verb.lemma_.lower() != NAMING_VERB or any(c.dep_ == "neg" for c in verb.children):
        return False
    if any(c.dep_ == "oprd" and c.lower_ in words for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return (
        bool(objects)
        and _a_deed(objects[0])
        and any(c.dep_ == "oprd" and c.lower_ in faulting for c in verb.children)
    )
