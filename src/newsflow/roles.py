"""Event reports in one parsed sentence: who did what to whom (issues 7 and 20).

A trigger (`triggers.Lexicon`) names the event type; the dependency parse gives the roles
(subject -> source; object, "with X", "between X and Y" -> target; passive "by X" -> source;
a relative pronoun stands for its noun, a pronoun subject for the speaker it refers to);
cue lists give the mode (asserted, negated, planned, possible). `reports` turns each
(type, source, target) into a dated, placed `Candidate`. Which actors a phrase or a verb's
subject names is `phrase_actors`' (the layer below).
"""

from __future__ import annotations

from collections.abc import Callable, Container

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from newsflow import (
    actorless,
    amounts,
    blows,
    comitative,
    defences,
    doers,
    forecasts,
    halves,
    infinitives,
    losses,
    participles,
    polls,
    questions,
    receipts,
    signings,
    speech,
    sport_play,
)
from newsflow.folds import fold
from newsflow.modes import trigger_mode, unless_clauses
from newsflow.own_side import one_side
from newsflow.phrase_actors import (
    ADJUNCT_PREPS,
    GENERIC_TYPE,
    TOPIC_PREPS,
    RoleMention,
    actors_in,
    governing_verb,
    owner_across,
    subject_actors,
    with_conj,
)
from newsflow.relative_speech import reported_subjects
from newsflow.state_triggers import state_allows
from newsflow.strikes import on_strike
from newsflow.triggers import EVENT_TYPES, INTENT_AS_THREATEN, MODES, Lexicon, plover_type

__all__ = [
    "ADJUNCT_PREPS",
    "EVENT_TYPES",
    "GENERIC_TYPE",
    "MODES",
    "TOPIC_PREPS",
    "Lexicon",
    "RoleMention",
    "plover_type",
    "sentence_candidates",
]

TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "upon", "into", "from", "at"}
# "the invasion of X", "the arrest of X": the "of" phrase of these nouns is the target (not of
# "the withdrawal of US troops", where it is who acts).
OF_TARGET_TYPES = {"ASSAULT", "COERCE", "SANCTION"}
# Nouns whose owner, a person, is the one acted on: "his arrest", "Hariri's assassination",
# "her suspension", "serving his ban". With an object phrase the owner acts ("Brazil's
# suspension of interest payments", "lifted its ban on shipments", "Korea's ban of U.S. meat"),
# and a state or a firm acts ("Brazil's suspension last month of part of its payments").
PATIENT_NOUNS = {
    "arrest", "detention", "imprisonment", "jailing", "internment", "execution", "expulsion",
    "deportation", "extradition", "kidnapping", "abduction", "capture", "assassination",
    "murder", "killing", "slaying", "sacking", "dismissal", "ouster", "suspension", "ban",
    "conviction", "trial", "prosecution", "indictment", "sentence", "sentencing", "release",
    "interrogation", "torture",
}  # fmt: skip
PATIENT_OBJECT_PREPS = {"of", "on", "against", "from"}
# a noun's "for" ("praise for X", "aid for Ecuador", "a loan for Mauritius"): a verb's is the reason
FOR_TARGETS = {("for", "SUPPORT"), ("for", "ACCUSE"), ("for", "AID")}
# "criticism from X", "a warning from X", "aid from Y": a said or given thing comes from its
# source; "talks from Monday", "withdrawal from Iraq" are no such thing.
FROM_SOURCE_TYPES = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE", "AID"}
# An AGREE each side makes on its own: "France and Germany vowed to run their budget deficits
# below the EU cap", "Indonesia, Sri Lanka and the Seychelles accepted the Paris Club offer" are
# two pledges or acceptances, not a pact of one with the other ("X and Y agreed", "signed").
ONE_SIDED_AGREE = {"pledge", "promise", "vow", "accept", "offer", "guarantee", "undertake"}
# what is done that a verb of judging judges in its doer: "criticised the way Tony Blair's
# government operates" (random_audit38 item 63, tuned on: "branded the way Mr Blunkett's
# office operated as scandalous")
MANNERS = frozenset({"way", "manner"})
# "an attack on the anniversary of X's death": a time, not a target.
# "during/after talks with X": the clause's actor meets X (`_adjunct_party`)
MEETING_ADJUNCTS = {"during", "after", "following", "at", "amid"}
TIME_NOUNS = {"anniversary", "eve", "day", "night", "morning", "evening", "occasion", "week",
              "month", "year", "weekend", "date", "time", "afternoon"}  # fmt: skip


def fill_sides(
    token: Token,
    event_type: str,
    source: RoleMention | None,
    target: RoleMention | None,
    mentions: dict[int, RoleMention],
    lexicon: Lexicon,
) -> tuple[RoleMention | None, RoleMention | None]:
    """An empty side of an event the sentence forms without side-filling generics, filled by one
    (`RoleMention.fill_only`) the trigger's parse gives that side: "Guest Supply Inc said a
    shareholder sued it" (source "shareholder"), "watchdogs have said". The event, its type and
    its named sides are decided before, so such a word never forms one; an onlooker filled in
    with no target drops it (`forecasts.onlookers_view`)."""
    sources, targets = read_roles(token, event_type, mentions, lexicon)
    taken = {m.actor_id for m in (source, target) if m is not None}
    if source is None:
        source = next((m for m in sources if m.fill_only and m.actor_id not in taken), None)
        taken |= {source.actor_id} if source is not None else set()
    if target is None:
        target = next((m for m in targets if m.fill_only and m.actor_id not in taken), None)
    return source, target


def _target_prep(prep: str, event_type: str, lexicon: Lexicon) -> bool:
    """Does this preposition introduce the target ("talks with X"), not the topic ("talks on X")?
    A request's "for" names the act asked for, and the actors in it are the ones asked ("called
    for an investigation by the information commissioner", "for a meeting of the G-7")."""
    if prep == "for":
        return event_type == "REQUEST"
    if prep not in TARGET_PREPS:
        return False
    return not (prep in TOPIC_PREPS and event_type in lexicon.symmetric_types)


def _takes_target(event_type: str, lexicon: Lexicon) -> Callable[[str], bool]:
    """Which prepositions name a target of this type ("to", "against"; "for" one aided)."""
    return lambda prep: _target_prep(prep, event_type, lexicon) or (prep, event_type) in FOR_TARGETS


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() not in TIME_NOUNS]


def _asked_in_clause(trigger: Token, mentions: dict[int, RoleMention]) -> list[RoleMention]:
    """Who a call asks to act in its for-to clause: "called for Israel to withdraw", "the
    calls for him to resign" (`speech.for_to_clauses`)."""
    clauses = speech.for_to_clauses(trigger)
    subjects = [c for clause in clauses for c in clause.children if c.dep_ in speech.SUBJECTS]
    return [m for c in subjects for m in with_conj(c, mentions)]


def _reports_only(verb: Token, lexicon: Lexicon) -> bool:
    """Is the verb a reporting verb ("said", "told") that is no trigger of its own?"""
    lemma = verb.lemma_.lower()
    return lemma in lexicon.reporting_verbs and (lemma, "VERB") not in lexicon.words


HEARER_PRONOUNS = frozenset({"they", "he", "she", "it", "you"})


def _asks_the_hearer(verb: Token) -> bool:
    """Does a reported demand's clause ask a pronoun, which stands for the one told?"""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in HEARER_PRONOUNS
        for clause in speech.reported_clauses(verb)
        for c in clause.children
    )


def _verb_roles(
    verb: Token, event_type: str, mentions: dict[int, RoleMention], lexicon: Lexicon
) -> tuple[list[RoleMention], list[RoleMention]]:
    """Source and target actors of a verb trigger (nearest first)."""
    sources: list[RoleMention] = []
    targets: list[RoleMention] = []
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    passive = passive or participles.shared_passive_subjects(verb)  # "fined and banned"
    agents = [g for c in verb.children if c.dep_ == "agent" for g in _pobjs(c)]
    if passive and not agents:  # "Pensioners are being promised energy savings by the Lib Dems"
        agents = [g for o in verb.children if o.dep_ == "dobj" for g in _object_by(o)]
    if doers.helped_by_a_cause(event_type, agents, mentions):
        return [], []  # "the pound was supported by an improved outlook": a cause, no actor
    for subject in passive:
        acted_on_here = with_conj(subject, mentions)
        if not acted_on_here and subject.pos_ == "PRON" and verb.dep_ == "ccomp":
            acted_on_here = subject_actors(verb.head, mentions)  # "X said it was sued by Y"
        targets += acted_on_here
    # "was carried out by X"; not the one acted on ("Mick Mars is being sued by his
    # ex-girlfriend": no source)
    acted_on = {t.actor_id for t in targets}
    for agent in agents:
        sources += with_conj(agent, mentions, other_than=acted_on)
    if not passive and participles.is_bare(verb):
        # "appeared in court, charged with fraud", "launched the offensive, backed by Syria":
        # the subject the participle borrows is the one charged or backed, not the actor. A
        # doer named that is no actor ("helped by rising exports") is a thing: no target.
        if verb.dep_ == "advcl" and (sources or not agents):
            targets += subject_actors(verb, mentions)
        elif verb.head.i in mentions and sources:  # "Canada, supported by Australia, ..."
            targets += with_conj(verb.head, mentions)
    elif not passive and not agents:
        sources += subject_actors(verb, mentions)
        doer = None if sources else infinitives.doer(verb, lexicon.light_verbs)
        if doer is not None:  # "UKIP's decision to suspend X", "continued the contacts to ..."
            sources += (subject_actors if verbal_token(doer) else actors_in)(doer, mentions)
    if event_type == "REQUEST":
        targets += _asked_in_clause(verb, mentions)
    topic_object = verb.lemma_.lower() in lexicon.topic_object_verbs
    # "James Miller told Reuters the safeguards in place should be adequate": a demand reported
    # to a hearer asks whoever its clause names (`_complement_targets`), not the hearer, unless
    # the clause asks a pronoun ("reminded corporate raiders ... that they must extend")
    # So does a reported reproach ("She told the BBC the full advice should have been
    # attached": the BBC is no target; `failings`, `opinions`)
    reported = event_type in ("REQUEST", "ACCUSE") and _reports_only(verb, lexicon)
    hearers = [] if reported and not _asks_the_hearer(verb) else list(verb.children)
    for child in hearers:
        if child.dep_ in ("dative", "oprd") or (child.dep_ == "dobj" and not topic_object):
            targets += with_conj(child, mentions)
    if topic_object:  # "discussing the report with the Bank" (`comitative`)
        targets += comitative.object_partners(verb, lambda t: actors_in(t, mentions))
    for noun in (c for c in verb.children if c.dep_ == "dobj"):
        if (verb.lemma_.lower(), noun.lemma_.lower()) in lexicon.phrasal:
            # "keep the pressure on X": the phrase's noun holds the target, not the verb
            for on in (c for c in noun.children if c.dep_ == "prep"):
                if _target_prep(on.lemma_.lower(), event_type, lexicon):
                    targets += [m for pobj in _pobjs(on) for m in actors_in(pobj, mentions)]
    for child in verb.children:
        prep = child.lemma_.lower()
        # A fronted phrase ("At the consultations, X called on Y") sets the scene; it names no target.
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        if prep == "between":
            for pobj in _pobjs(child):
                pair = with_conj(pobj, mentions)
                targets += pair if len(pair) > 1 else actors_in(pobj, mentions, skip_conj=False)
        elif _target_prep(prep, event_type, lexicon):
            for pobj in _pobjs(child):
                targets += actors_in(pobj, mentions, skip_conj=False)
    for noun in (c for c in verb.children if c.dep_ == "dobj"):  # "gave aid of X to Mexico"
        targets += amounts.targets_past(noun, mentions, _takes_target(event_type, lexicon))
        if noun.lemma_.lower() in MANNERS:  # "criticised the way Tony Blair's government operates"
            doers_of = [s for r in noun.children if r.dep_ == "relcl" for s in r.children]
            targets += [m for s in doers_of if s.dep_ == "nsubj" for m in actors_in(s, mentions)]
    return sources, targets


def _object_by(noun: Token) -> list[Token]:
    """The "by" phrase the parser hung on a passive's retained object: the passive's agent."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in _pobjs(c)]


def _adjunct_party(
    noun: Token, verb: Token, event_type: str, mentions: dict[int, RoleMention], lexicon: Lexicon
) -> list[RoleMention]:
    """ "X raised it during talks with Y", "announced by X after talks with Y": a meeting in a
    time adjunct is one the clause's actor took part in (its subject, or a passive's agent).
    Only meetings (symmetric types): after an attack, the clause's subject did not attack."""
    if event_type not in lexicon.symmetric_types or verb.pos_ not in ("VERB", "AUX"):
        return []
    if noun.dep_ != "pobj" or noun.head.lemma_.lower() not in MEETING_ADJUNCTS:
        return []
    agents = [c for c in verb.children if c.dep_ == "agent"]
    named = [m for a in agents for pobj in _pobjs(a) for m in with_conj(pobj, mentions)]
    return named or subject_actors(verb, mentions)


def _owner_verb(noun: Token) -> Token | None:
    """The verb whose subject a noun's "its"/"their" stands for: the verb the noun hangs from
    ("the ILO reiterated its demand"), but when the noun is that verb's own subject ("its
    loans to Brazil total 2.7 billion dlrs"), the verb reporting that clause ("BankAmerica
    said its loans ..."): the subject's own phrase would give the loans' recipient."""
    verb = governing_verb(noun)
    if verb is None or not (noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == verb.i):
        return verb
    if verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    return None


def _owner_acted_on(noun: Token) -> bool:
    """Is the owner of this noun trigger the one it is done to ("Scholl's arrest", "his
    suspension runs out"), not its doer ("Brazil's suspension of interest payments")?"""
    if noun.lemma_.lower() not in PATIENT_NOUNS:
        return False
    objects = [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lemma_.lower() in PATIENT_OBJECT_PREPS
        for p in _pobjs(c)
        if p.lemma_.lower() not in blows.WEEKDAYS  # "Hariri's assassination on Monday"
    ]
    return not objects


def _noun_roles(
    noun: Token, event_type: str, mentions: dict[int, RoleMention], lexicon: Lexicon
) -> tuple[list[RoleMention], list[RoleMention]]:
    """Source and target actors of a noun trigger ("Qomi's meeting with Kabir", "talks between X and Y")."""
    sources: list[RoleMention] = []
    targets: list[RoleMention] = []
    trigger = noun
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "a mediation mission between X and Y": the phrase's head holds the roles
    acted_on = _owner_acted_on(trigger)
    for child in noun.children:
        owners: list[RoleMention] = []
        if child.dep_ == "poss" and child.pos_ == "PRON" and child.i not in mentions:
            verb = _owner_verb(noun)  # "the ILO reiterated its demand": its = the ILO
            owners = subject_actors(verb, mentions) if verb is not None else []
        elif child.dep_ == "poss":
            owners = actors_in(child, mentions)
        elif child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            sources += actors_in(child, mentions, skip_conj=False)  # "Pak-Iran talks"
        elif child.dep_ == "prep":
            prep = child.lemma_.lower()
            for pobj in _pobjs(child):
                if prep == "by" or (prep == "from" and event_type in FROM_SOURCE_TYPES):
                    sources += actors_in(pobj, mentions)  # "criticism from X", "aid from Y"
                elif prep == "between":  # "between X's chief Y and Z": Y and Z, not X
                    pair = with_conj(pobj, mentions)
                    # "between Pakistani and Iranian officials": both sides modify one noun
                    targets += pair if len(pair) > 1 else actors_in(pobj, mentions, skip_conj=False)
                elif _target_prep(prep, event_type, lexicon) or (
                    (prep, event_type) in FOR_TARGETS
                    and (noun.i == trigger.i or event_type != "AID")  # not "loan problems for X"
                ):
                    targets += actors_in(pobj, mentions)  # "praise/support for X": X
                elif prep == "in" and event_type == "ASSAULT":
                    # "attacks in Iran", "a bombing in Kerman (Iran)": the country attacked.
                    targets += actors_in(pobj, mentions)[:1]
                elif (
                    prep == "of"
                    and event_type == "REQUEST"
                    and noun.lemma_.lower() in questions.ASKINGS
                ):
                    sources += actors_in(pobj, mentions)  # "at the request of Scott Sullivan"
                elif prep == "of" and event_type in OF_TARGET_TYPES:
                    # "the invasion of South Lebanon", "a blockade of Serbia", "the arrest of X"
                    targets += actors_in(pobj, mentions)[:1]
        elif child.dep_ == "acl":  # "attacks carried out by X"
            for agent in (g for g in child.children if g.dep_ == "agent"):
                for pobj in _pobjs(agent):
                    sources += actors_in(pobj, mentions)
        for owner in owners:  # a person owner is acted on ("Hariri's assassination")
            (targets if acted_on and owner.actor_type == "PERSON" else sources).append(owner)
    if event_type == "REQUEST":
        targets += _asked_in_clause(noun, mentions)  # "the calls for him to resign"
    targets += amounts.targets_past(noun, mentions, _takes_target(event_type, lexicon))
    if not sources:
        # "attacks in Iran carried out by ISKP" with the participle parsed off "Iran", or off
        # a noun above ("the involvement of attackers in attacks ... carried out by ISKP")
        nouns = [noun] + [a for a in noun.ancestors if a.pos_ in ("NOUN", "PROPN", "ADP")][:4]
        for word in [w for n in nouns for w in (n.subtree if n.i == noun.i else n.children)]:
            if word.dep_ == "acl" and word.lemma_.lower() in lexicon.light_verbs:
                for agent in (g for g in word.children if g.dep_ == "agent"):
                    sources += [m for pobj in _pobjs(agent) for m in actors_in(pobj, mentions)]
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "agent":
        # "Iran was rocked by a terrorist attack": the passive subject is the one attacked.
        passive = [c for c in head.head.children if c.dep_ == "nsubjpass"]
        targets += [m for c in passive for m in with_conj(c, mentions)]
    elif noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for agent in (c for c in head.children if c.dep_ == "agent"):  # "was claimed by X"
            for pobj in _pobjs(agent):
                sources += actors_in(pobj, mentions)
    else:
        verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        if noun.dep_ == "pobj" and head.lemma_.lower() == "for" and verb.pos_ == "NOUN":
            # "X leads a delegation for talks with Y": who leads the delegation talks.
            verb = governing_verb(verb) or verb
        taking_part = noun.dep_ != "pobj" or head.lemma_.lower() in ("in", "into", "for")
        taking_part |= on_strike(noun, verb)  # "went on strike": the miners strike
        if verb.lower_ == "part" and verb.dep_ == "pobj" and verb.head.lower_ == "as":
            # "X is set to address voters as part of an appeal to Y": X appeals
            verb, taking_part = verb.head.head, True
        if receipts.receives(verb, noun):  # "X faced criticism from Y": Y criticised X
            found = receipts.givers(verb, noun, lambda t: actors_in(t, mentions))
            return [*sources, *found], [*targets, *subject_actors(verb, mentions)]
        if questions.asked_of(noun, event_type) and verb.pos_ in ("VERB", "AUX"):
            # "he ordered false accounting entries at the request of Scott Sullivan": the one
            # who acts at the request is the one asked
            targets += subject_actors(verb, mentions)
        if not sources:
            sources += _adjunct_party(noun, verb, event_type, mentions, lexicon)
        if noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX") and taking_part:
            # "held talks", "engaged in talks", "in his meeting with": the subject takes part.
            # Not "Iran condemned the attack": the condemner did not attack.
            # A verb that is an event itself ("condemned", "denied") makes the noun its topic.
            light = verb.lemma_.lower() in lexicon.light_verbs or lexicon.trigger(verb) is None
            if light or noun.dep_ == "pobj":
                sources += subject_actors(verb, mentions)
                for child in verb.children:  # "will give Tanzania a grant"
                    if child.dep_ in ("dative", "iobj") or (
                        child.dep_ == "dobj" and child.i != noun.i
                    ):
                        targets += actors_in(child, mentions)
            for child in verb.children:
                if (
                    child.dep_ == "prep"
                    and child.i != head.i
                    and child.i > verb.i
                    and _target_prep(child.lemma_.lower(), event_type, lexicon)
                ):
                    for pobj in _pobjs(child):
                        targets += actors_in(pobj, mentions)
    return sources, targets


def verbal_token(token: Token) -> bool:
    """Is this token a verb (or gerund) rather than a noun?"""
    return token.pos_ in ("VERB", "AUX")


def read_roles(
    token: Token, event_type: str, by_token: dict[int, RoleMention], lexicon: Lexicon
) -> tuple[list[RoleMention], list[RoleMention]]:
    """(sources, targets) of a trigger, a verb's or a noun's."""
    read = _verb_roles if verbal_token(token) else _noun_roles
    return read(token, event_type, by_token, lexicon)


def _complement_targets(
    verb: Token, mentions: dict[int, RoleMention], lexicon: Lexicon
) -> list[RoleMention]:
    """Targets inside the clause a demand/threat governs ("demanded that Hamas renounce",
    "threatened to deliver blows to the United States")."""
    out: list[RoleMention] = []
    for clause in speech.reported_clauses(verb):  # with "... and Y should judge"
        if clause.dep_ != "xcomp":
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                out += with_conj(subject, mentions)
        out += _verb_roles(clause, "", mentions, lexicon)[1]
        for noun in (c for c in clause.children if c.dep_ == "dobj"):
            for prep in (
                p for p in noun.children if p.dep_ == "prep" and p.lemma_.lower() in TARGET_PREPS
            ):
                for pobj in _pobjs(prep):
                    out += actors_in(pobj, mentions)
    return out


VISITS = frozenset({"visit", "trip", "tour", "arrive"})  # CONSULTs whose city hosts them


def _locative_actors(
    words: list[Token], mentions: dict[int, RoleMention], triggers: Container[int]
) -> list[RoleMention]:
    """Actors named as the place of an act ("lifted a curfew in Montenegro"): the last resort
    target. Not the actors of an event noun ("killed in a US drone strike": the US struck)."""
    out: list[RoleMention] = []
    for word in words:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lemma_.lower() == "in"):
            for pobj in _pobjs(prep):
                if pobj.i not in triggers:
                    out += actors_in(pobj, mentions)[:1]
    return out


def _person_tokens(*sides: RoleMention | None) -> frozenset[int]:
    """The token positions of the person mentions among an event's sides (`signings`)."""
    return frozenset(i for m in sides if m is not None and m.is_person for i in m.tokens)


def _no_event(
    token: Token,
    event_type: str,
    verbal: bool,
    source: RoleMention | None,
    target: RoleMention | None,
    lexicon: Lexicon,
) -> bool:
    """Readings that name no event: a poll's finding (`polls`), a person signed as a hire
    (`signings`), a verb that needs a target and has none ("shares traded at"), "X said Y
    must" with no actor Y, a statement noun without a speaker ("demand in Germany"),
    "conceded (that) this was ambitious" (admitted), an imperative ("Welcome to")."""
    lemma = token.lemma_.lower()
    if polls.polls_finding(token):
        return True  # "nearly half those surveyed said Mr Blunkett should return"
    if event_type == "AGREE" and signings.hires(token, _person_tokens(source, target)):
        return True  # "Norwich have signed Charlton midfielder Graham Stuart"
    if verbal and target is None:
        if lemma in lexicon.target_required_verbs:
            return True
        if event_type == "REQUEST" and _reports_only(token, lexicon):
            return True  # "X said Y must ...", Y no actor ("X said Y had failed": `failings`)
    if not verbal and source is None and event_type in lexicon.statement_types:
        return True
    if lemma == "concede" and any(c.dep_ == "ccomp" for c in token.children):
        return not any(c.dep_ == "dobj" for c in token.children)
    imperative = verbal and token.dep_ == "ROOT" and token.tag_ == "VB"
    return (
        imperative
        and source is None
        and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in token.children)
    )


def sentence_candidates(
    doc: Doc,
    mentions: list[RoleMention],
    lexicon: Lexicon,
    *,
    sports: bool,
) -> list[
    tuple[
        str, str, str, RoleMention | None, RoleMention | None, Token, list[tuple[Token, str]], bool
    ]
]:
    """Event reports in one parsed sentence: (type, cameo_root, mode, source, target, trigger, chain, verbal).
    In a sports report (`sports`) a trigger that names play ("beat", "clash") is none."""
    # a side-filling generic ("a shareholder") takes no part in forming events: `fill_sides`
    fills = {i: m for m in mentions if m.fill_only for i in m.tokens}
    by_token = {i: m for m in mentions if not m.fill_only for i in m.tokens}
    # Only a word whose lemma or lower-cased form is a trigger lemma can be one: the others
    # are skipped by their hashes, without making a Token each.
    named = lexicon.trigger_lemma_ids
    found_at = {
        i: lexicon.trigger(doc[i])
        for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist())
        if lemma in named or lower in named
    }
    named_words = {i for i, m in by_token.items() if not m.is_generic}  # "Countryside Alliance"
    triggers = {i: f for i, f in found_at.items() if f is not None and i not in named_words}
    if sports:  # "Nadal beat Canas 6-4 6-4", "the clash with Wales" (`sport_play`)
        triggers = {i: f for i, f in triggers.items() if not sport_play.is_play(f[0], doc[i])}
    folds = fold(doc, triggers, by_token, lexicon, read_roles)
    suppressed, plans = folds.suppressed, folds.plans
    borrowed_targets, orphan_agents = folds.borrowed_targets, folds.orphan_agents
    found = []
    for i, (event_type, root) in triggers.items():
        if i in suppressed:
            continue
        token = doc[i]
        chain = folds.chains[i]
        verbal = token.pos_ in ("VERB", "AUX")
        if verbal and token.lemma_.lower() in lexicon.actor_object_verbs:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and not any(actors_in(o, by_token) for o in objects):
                continue  # "meet its obligations", "hit a record"
        sources, targets = read_roles(token, event_type, by_token, lexicon)
        if verbal and losses.lost_case(token) is not None:
            sources, targets = [], sources  # the loser is the one the court rejects
        inner_types = set()
        for outer, inner in plans:
            if outer == i and inner != i:
                inner_token = doc[inner]
                if inner_token.head.i == i and inner_token.dep_ in ("xcomp", "ccomp"):
                    inner_types.add(triggers[inner][0])  # the act agreed to, not "after fighting"
                inner_roles = read_roles(inner_token, triggers[inner][0], by_token, lexicon)
                borrowed_targets[i] += inner_roles[1]
        if event_type == "AGREE" and inner_types & (INTENT_AS_THREATEN | {"THREATEN"}):
            event_type, root = "THREATEN", "13"  # "vowed to fight", "swore revenge attacks"
        conditions = unless_clauses(token, chain)
        if (
            conditions
            and event_type != "THREATEN"
            and trigger_mode(token, chain, lexicon) == "planned"
        ):
            event_type, root = "THREATEN", "13"  # "will withdraw its force unless X ...": a threat
        if (
            event_type == "THREATEN"
        ):  # "... unless Israel rescinded the annexation": the one threatened
            targets += [m for c in conditions for m in subject_actors(c, by_token)]
        targets += borrowed_targets[i]
        if not targets and verbal and event_type in lexicon.controlling_types:
            targets += _complement_targets(token, by_token, lexicon)
        if not targets and not verbal and sources:  # "criticism from X, which said Y ..."
            said = reported_subjects(doc, event_type, sources[0].tokens, lexicon)
            targets += [m for j in said for m in with_conj(doc[j], by_token)]
        if not targets and event_type in lexicon.locative_target_types:
            places = _locative_actors([token] + [g for g, _ in chain[:2]], by_token, triggers)
            # "EU leaders are holding talks in Brussels": a city where a gathering is held is its
            # venue, not a party; a visit's city is its host ("arrived in Amman on a visit")
            venue = event_type == "CONSULT" and token.lemma_.lower() not in VISITS
            targets += [m for m in places if not (venue and m.stands_for)]
        sources = sources or orphan_agents[i]
        if (
            not sources
            and len({m.actor_id for m in targets}) >= 2
            and event_type in lexicon.symmetric_types
        ):
            sources = targets[:1]  # "talks between Pakistan and Iran"
        # "Pakistan and Iran held talks / agreed", "India and Russia signed a memorandum": the
        # conjunct is the other party. In "TTP and ISKP pose threats" both are sources, and one
        # cannot be the other's target.
        mutual = event_type in lexicon.symmetric_types or (
            event_type == "AGREE" and token.lemma_.lower() not in ONE_SIDED_AGREE
        )
        if (
            verbal
            and len(sources) > 1
            and not mutual
            and any(c.dep_ == "dobj" for c in token.children)
        ):
            sources = sources[:1]  # "X and Y backed Z": the conjunct is a co-source, not the target
        sources = sorted(sources, key=lambda m: m.is_generic)  # a named conjunct before "groups"
        source = sources[0] if sources else None
        others = sorted((sources[1:] if mutual else []) + targets, key=lambda m: m.is_generic)
        rest = [m for m in others if source is None or m.actor_id != source.actor_id]
        target = rest[0] if rest else None
        if target is None and source is not None and source.is_generic:
            target = owner_across(doc, source, by_token)  # "Texaco's suppliers": Texaco
        if source is None and target is None and not actorless.reports_event(token, event_type):
            continue
        if not state_allows(token, event_type, source, target, lexicon):
            continue  # "could be talking to a white knight": talks are a state's (trigger audit)
        if _no_event(token, event_type, verbal, source, target, lexicon):
            continue
        if source is not None and target is not None and one_side(doc, source, target):
            target = None  # "Iran's delegation ... would lead his country": one side, not two
        if event_type == "SUPPORT" and token.lemma_.lower() in defences.DEFENDING:
            defended = target is not None and not defences.from_attacker(token, target.tokens)
            defence = defences.reading(token, defended)  # "defended his policies"
            if defence is None:
                continue
            event_type, root = defence
        if fills and (source is None or target is None):  # after every decision on the event
            source, target = fill_sides(
                token, event_type, source, target, by_token | fills, lexicon
            )
        if forecasts.onlookers_view(event_type, source, target):
            continue  # "Analysts questioned this explanation": a view of no one, no event
        found.append(
            (
                event_type,
                root,
                trigger_mode(token, chain, lexicon),
                source,
                target,
                token,
                chain,
                verbal,
            )
        )
    return halves.join_halves(found)  # "funded by X as part of a grant to Y": one AID
