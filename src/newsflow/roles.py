"""Event reports in one parsed sentence: who did what to whom (issue 7).

A verb or noun from the shipped lexicon (`data/events/lexicon.json`) names the event type; the
dependency parse gives the roles (subject -> source; object, "with X", "between X and Y" ->
target; passive "by X" -> source); cue lists (`data/events/cues.json`) give the mode (asserted,
negated, planned, possible). Each report becomes a `Candidate` with its date (`timex`), place
(`geo`) and evidence sentence; `events` selects the sentences, parses them and merges the
candidates into events.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, Token

from newsflow import resources
from newsflow.geo import Gazetteer, Place
from newsflow.timex import EventDate, resolve_event_date

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODES = ("asserted", "negated", "planned", "possible")
# PLOVER codes an announced intention as AGREE (cooperation) or THREATEN (conflict).
INTENT_AS_AGREE = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
INTENT_AS_THREATEN = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def plover_type(event_type: str, mode: str) -> str:
    """The PLOVER codebook type of a report: a planned/possible act is an AGREE/THREATEN, a
    negated cooperative act ("will not accept", "would not meet") a REJECT."""
    if mode == "negated" and event_type in INTENT_AS_AGREE | {"AGREE"}:
        return "REJECT"
    if mode in ("planned", "possible"):
        if event_type in INTENT_AS_AGREE:
            return "AGREE"
        if event_type in INTENT_AS_THREATEN:
            return "THREATEN"
    return event_type


ROLE_SKIP_DEPS = {
    "relcl",
    "acl",
    "advcl",
    "ccomp",
    "parataxis",
    "punct",
    "cc",
    "conj",
    "mark",
    "det",
    "case",
}
# Adjunct prepositions: an actor inside "in Afghanistan" / "since 2021" is where or when, not who.
ADJUNCT_PREPS = {"in", "at", "near", "within", "across", "inside", "outside", "during", "since", "over",
                 "after", "before", "following", "amid", "amidst", "under", "throughout", "around", "despite"}  # fmt: skip
TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "upon", "into", "from", "at"}
# "talks on Afghanistan": the topic, not the other party.
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
# "an attack on the anniversary of X's death": a time, not a target.
TIME_NOUNS = {"anniversary", "eve", "day", "night", "morning", "evening", "occasion", "week",
              "month", "year", "weekend", "date", "time", "afternoon"}  # fmt: skip
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


@dataclass(frozen=True)
class Lexicon:
    """Trigger words and cue lists, read from `data/events/`."""

    words: dict[tuple[str, str], tuple[str, str]]  # (lemma, VERB|NOUN) -> (event_type, cameo_root)
    phrasal: dict[tuple[str, str], tuple[str, str]]  # (lemma, particle) -> (event_type, cameo_root)
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    planned_aux: frozenset[str]
    possible_aux: frozenset[str]
    planned_verbs: frozenset[str]
    light_verbs: frozenset[str]
    controlling_types: frozenset[str]
    symmetric_types: frozenset[str]
    topic_object_verbs: frozenset[str]  # "discussed the situation": the object is the topic
    actor_object_verbs: frozenset[str]  # an event only with an actor object: not "meet obligations"
    relative_offsets: dict[str, int]
    seats: dict[str, str]  # seat of government (lower-case) -> ISO-3 ("the kremlin" -> RUS)

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicon:
        """Read `lexicon.json` and `cues.json` (default: the shipped `data/events`)."""
        folder = folder or resources.path("data/events")
        entries = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))["entries"]
        cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
        seats = json.loads((folder / "seats.json").read_text(encoding="utf-8"))["seats"]
        words: dict[tuple[str, str], tuple[str, str]] = {}
        phrasal: dict[tuple[str, str], tuple[str, str]] = {}
        for entry in entries:
            if entry["event_type"] not in EVENT_TYPES:
                raise ValueError(f"lexicon entry {entry} has a type outside PLOVER's 16")
            value = (entry["event_type"], entry["cameo_root"])
            if "particle" in entry:
                phrasal.setdefault((entry["lemma"], entry["particle"]), value)
            else:
                words.setdefault((entry["lemma"], entry["pos"]), value)
        return cls(
            words=words,
            phrasal=phrasal,
            negation=frozenset(cues["negation"]),
            negating_verbs=frozenset(cues["negating_verbs"]),
            planned_aux=frozenset(cues["planned_aux"]),
            possible_aux=frozenset(cues["possible_aux"]),
            planned_verbs=frozenset(cues["planned_verbs"]),
            light_verbs=frozenset(cues["light_verbs"]),
            controlling_types=frozenset(cues["controlling_types"]),
            symmetric_types=frozenset(cues["symmetric_types"]),
            topic_object_verbs=frozenset(cues["topic_object_verbs"]),
            actor_object_verbs=frozenset(cues["actor_object_verbs"]),
            relative_offsets=dict(cues["relative_dates"]),
            seats=dict(seats),
        )

    def trigger_forms(self, nlp: spacy.language.Language) -> frozenset[str]:
        """Every lower-cased word that `nlp` can lemmatise to a trigger lemma: the lemma, its
        forms by the lemmatizer's own suffix rules read backwards, its listed exceptions, and
        the attribute ruler's fixed lemmas. A sentence without one of these holds no trigger,
        so it need not be parsed (a superset: some forms belong to other lemmas too)."""
        lookups = nlp.get_pipe("lemmatizer").lookups
        rules, exceptions = lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc")
        verbs = {lemma for lemma, pos in self.words if pos == "VERB"}
        verbs |= {lemma for lemma, _ in self.phrasal}
        nouns = {lemma for lemma, pos in self.words if pos == "NOUN"}
        forms = set(verbs | nouns)
        for lemmas, pos in ((verbs, "verb"), (nouns, "noun")):
            for old, new in rules.get(pos, []):
                forms |= {
                    lemma[: len(lemma) - len(new)] + old for lemma in lemmas if lemma.endswith(new)
                }
            forms |= {form for form, of in exceptions.get(pos, {}).items() if lemmas & set(of)}
        for rule in nlp.get_pipe("attribute_ruler").patterns:
            if rule["attrs"].get("LEMMA", "").lower() in verbs | nouns:
                forms |= {t["LOWER"] for t in rule["patterns"][0] if "LOWER" in t}
        return frozenset(form.lower() for form in forms)

    def trigger(self, token: Token) -> tuple[str, str] | None:
        """(event_type, cameo_root) when `token` names an event, else None."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            for child in token.children:
                particle = child.lemma_.lower()
                if child.dep_ in ("prt", "prep", "dobj") and (lemma, particle) in self.phrasal:
                    return self.phrasal[(lemma, particle)]
            return self.words.get((lemma, "VERB"))
        if token.pos_ in ("NOUN", "PROPN"):
            return self.words.get((lemma, "NOUN")) or self.words.get((token.text.lower(), "NOUN"))
        return None


@dataclass(frozen=True)
class _Mention:
    mention_id: str  # "" for a pronoun standing for a person named elsewhere
    actor_id: str
    key: str  # merge key: the actor's country for states and their officials, else the actor
    tokens: frozenset[int]
    actor_type: str | None = None  # of the actor it takes a role as (a capital's: COUNTRY)

    @property
    def is_person(self) -> bool:
        return self.actor_type == "PERSON"


@dataclass(frozen=True)
class Candidate:
    """One event report found in one sentence, before merging."""

    article_id: str
    sentence_index: int
    event_type: str
    cameo_root: str
    mode: str
    source: _Mention | None
    target: _Mention | None
    when: EventDate
    place: Place | None
    place_from_sentence: bool
    story_id: str | None
    evidence: str
    score: float
    symmetric: bool
    background: bool = False  # told as past context, not as news of the report (issue 20)
    definite: bool = False  # "the attack": may refer back to an event told just before
    main_clause: bool = True  # not inside a relative clause ("..., who was killed in a strike")

    @property
    def mode_group(self) -> str:
        return "asserted" if self.mode in ("asserted", "planned") else self.mode

    @property
    def pair(self) -> tuple[str | None, str | None]:
        keys = (self.source.key if self.source else None, self.target.key if self.target else None)
        if self.symmetric:
            present = sorted(k for k in keys if k is not None)
            return (present + [None, None])[0], (present + [None, None])[1]  # type: ignore[return-value]
        return keys


RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}


def _referent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Soleimani, a commander, who was killed" -> the
    commander's head, Soleimani); any other token is itself."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.tag_ not in ("WP", "WDT", "WP$"):
        return token
    clause = token.head
    if clause.dep_ != "relcl":
        return token
    noun = clause.head
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _actors_in(
    head: Token, mentions: dict[int, _Mention], *, skip_conj: bool = True
) -> list[_Mention]:
    """Actor mentions in the phrase headed by `head`, nearest first (possessors ranked one deeper)."""
    head = _referent(head)
    found: dict[str, tuple[int, int, _Mention]] = {}
    queue: list[tuple[Token, int]] = [(head, 0)]
    while queue:
        token, depth = queue.pop(0)
        mention = mentions.get(token.i)
        if mention is not None and mention.mention_id not in found:
            found[mention.mention_id] = (depth, token.i, mention)
        for child in token.children:
            if child.dep_ in ROLE_SKIP_DEPS and not (child.dep_ == "conj" and not skip_conj):
                continue
            if child.dep_ == "prep" and child.lemma_.lower() in ADJUNCT_PREPS | TOPIC_PREPS:
                continue
            queue.append((child, depth + (2 if child.dep_ == "poss" else 1)))
    return [m for _, _, m in sorted(found.values(), key=lambda item: (item[0], item[1]))]


def _with_conj(head: Token, mentions: dict[int, _Mention]) -> list[_Mention]:
    """Actors of a coordinated phrase ("Pakistan and Iran"): the head's, then each conjunct's."""
    out = _actors_in(head, mentions)[:1]
    for conj in head.conjuncts:
        out += _actors_in(conj, mentions)[:1]
    return out


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun phrase hangs from ("an increase in X" under "reported")."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _subject(verb: Token, mentions: dict[int, _Mention]) -> list[_Mention]:
    """Actors of a verb's subject, climbing control/coordination ("X is set to hold talks").

    A pronoun subject stands for the speaker of the clause it depends on ("Syria says it will
    withdraw"), or, in a relative clause, for the subject of the clause the relative clause
    hangs from ("officials reported an increase, which they attribute to X"); a relative
    pronoun for the noun it follows; a he/she the extraction tied to a person is that person.
    """
    token: Token | None = verb
    for _ in range(5):
        assert token is not None
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and token.i != verb.i:
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        named = [s for s in subjects if s.pos_ != "PRON" or s.i in mentions]
        relative = [s for s in subjects if _referent(s).i != s.i]
        if named or relative:
            return [m for s in named + relative for m in _with_conj(s, mentions)]
        climb = ("xcomp", "acomp", "conj", "advcl", "pcomp", "acl") + (
            ("ccomp",) if subjects else ()
        )
        if token.dep_ in climb and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "relcl" and subjects:
            token = _governing_verb(token.head)
            if token is not None:
                continue
        break
    return []


def _target_prep(prep: str, event_type: str, lexicon: Lexicon) -> bool:
    """Does this preposition introduce the target ("talks with X"), not the topic ("talks on X")?"""
    if prep not in TARGET_PREPS:
        return False
    return not (prep in TOPIC_PREPS and event_type in lexicon.symmetric_types)


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() not in TIME_NOUNS]


def _verb_roles(
    verb: Token, event_type: str, mentions: dict[int, _Mention], lexicon: Lexicon
) -> tuple[list[_Mention], list[_Mention]]:
    """Source and target actors of a verb trigger (nearest first)."""
    sources: list[_Mention] = []
    targets: list[_Mention] = []
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [g for c in verb.children if c.dep_ == "agent" for g in _pobjs(c)]
    for agent in agents:  # "was carried out by X"
        sources += _with_conj(agent, mentions)
    if passive:
        for subject in passive:
            targets += _with_conj(subject, mentions)
    elif not agents:
        sources += _subject(verb, mentions)
    topic_object = verb.lemma_.lower() in lexicon.topic_object_verbs
    for child in verb.children:
        if child.dep_ in ("dative", "oprd") or (child.dep_ == "dobj" and not topic_object):
            targets += _with_conj(child, mentions)
    for child in verb.children:
        prep = child.lemma_.lower()
        # A fronted phrase ("At the consultations, X called on Y") sets the scene; it names no target.
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        if prep == "between":
            for pobj in _pobjs(child):
                pair = _with_conj(pobj, mentions)
                targets += pair if len(pair) > 1 else _actors_in(pobj, mentions, skip_conj=False)
        elif _target_prep(prep, event_type, lexicon):
            for pobj in _pobjs(child):
                targets += _actors_in(pobj, mentions, skip_conj=False)
    return sources, targets


def _noun_roles(
    noun: Token, event_type: str, mentions: dict[int, _Mention], lexicon: Lexicon
) -> tuple[list[_Mention], list[_Mention]]:
    """Source and target actors of a noun trigger ("Qomi's meeting with Kabir", "talks between X and Y")."""
    sources: list[_Mention] = []
    targets: list[_Mention] = []
    for child in noun.children:
        if child.dep_ == "poss":
            sources += _actors_in(child, mentions)
        elif child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            sources += _actors_in(child, mentions, skip_conj=False)  # "Pak-Iran talks"
        elif child.dep_ == "prep":
            prep = child.lemma_.lower()
            for pobj in _pobjs(child):
                if prep == "by":
                    sources += _actors_in(pobj, mentions)
                elif prep == "between":  # "between X's chief Y and Z": Y and Z, not X
                    pair = _with_conj(pobj, mentions)
                    # "between Pakistani and Iranian officials": both sides modify one noun
                    targets += (
                        pair if len(pair) > 1 else _actors_in(pobj, mentions, skip_conj=False)
                    )
                elif _target_prep(prep, event_type, lexicon):
                    targets += _actors_in(pobj, mentions)
                elif prep == "in" and event_type == "ASSAULT":
                    # "attacks in Iran", "a bombing in Kerman (Iran)": the country attacked.
                    targets += _actors_in(pobj, mentions)[:1]
        elif child.dep_ == "acl":  # "attacks carried out by X"
            for agent in (g for g in child.children if g.dep_ == "agent"):
                for pobj in _pobjs(agent):
                    sources += _actors_in(pobj, mentions)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "agent":
        # "Iran was rocked by a terrorist attack": the passive subject is the one attacked.
        passive = [c for c in head.head.children if c.dep_ == "nsubjpass"]
        targets += [m for c in passive for m in _with_conj(c, mentions)]
    elif noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for agent in (c for c in head.children if c.dep_ == "agent"):  # "was claimed by X"
            for pobj in _pobjs(agent):
                sources += _actors_in(pobj, mentions)
    else:
        verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        if noun.dep_ == "pobj" and head.lemma_.lower() == "for" and verb.pos_ == "NOUN":
            # "X leads a delegation for talks with Y": who leads the delegation talks.
            verb = _governing_verb(verb) or verb
        taking_part = noun.dep_ != "pobj" or head.lemma_.lower() in ("in", "into", "for")
        if noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX") and taking_part:
            # "held talks", "engaged in talks", "in his meeting with": the subject takes part.
            # Not "Iran condemned the attack": the condemner did not attack.
            # A verb that is an event itself ("condemned", "denied") makes the noun its topic.
            light = verb.lemma_.lower() in lexicon.light_verbs or lexicon.trigger(verb) is None
            if light or noun.dep_ == "pobj":
                sources += _subject(verb, mentions)
                for child in verb.children:  # "will give Tanzania a grant"
                    if child.dep_ in ("dative", "iobj") or (
                        child.dep_ == "dobj" and child.i != noun.i
                    ):
                        targets += _actors_in(child, mentions)
            for child in verb.children:
                if (
                    child.dep_ == "prep"
                    and child.i != head.i
                    and child.i > verb.i
                    and _target_prep(child.lemma_.lower(), event_type, lexicon)
                ):
                    for pobj in _pobjs(child):
                        targets += _actors_in(pobj, mentions)
    return sources, targets


def verbal_token(token: Token) -> bool:
    """Is this token a verb (or gerund) rather than a noun?"""
    return token.pos_ in ("VERB", "AUX")


def _complement_targets(
    verb: Token, mentions: dict[int, _Mention], lexicon: Lexicon
) -> list[_Mention]:
    """Targets inside the clause a demand/threat governs ("demanded that Hamas renounce",
    "threatened to deliver blows to the United States")."""
    out: list[_Mention] = []
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        if clause.dep_ == "ccomp":
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                out += _with_conj(subject, mentions)
        out += _verb_roles(clause, "", mentions, lexicon)[1]
        for noun in (c for c in clause.children if c.dep_ == "dobj"):
            for prep in (
                p for p in noun.children if p.dep_ == "prep" and p.lemma_.lower() in TARGET_PREPS
            ):
                for pobj in _pobjs(prep):
                    out += _actors_in(pobj, mentions)
    return out


def _locative_actors(
    words: list[Token], mentions: dict[int, _Mention], triggers: Container[int]
) -> list[_Mention]:
    """Actors named as the place of an act ("lifted a curfew in Montenegro"): the last resort
    target. Not the actors of an event noun ("killed in a US drone strike": the US struck)."""
    out: list[_Mention] = []
    for word in words:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lemma_.lower() == "in"):
            for pobj in _pobjs(prep):
                if pobj.i not in triggers:
                    out += _actors_in(pobj, mentions)[:1]
    return out


def _governors(token: Token) -> list[tuple[Token, str]]:
    """The chain of words governing a trigger, with the dependency climbed to reach each."""
    chain = []
    current = token
    for _ in range(5):
        if current.dep_ not in GOVERNOR_STEPS or current.head.i == current.i:
            break
        chain.append((current.head, current.dep_))
        current = current.head
    return chain


def _mode(trigger: Token, chain: list[tuple[Token, str]], lexicon: Lexicon) -> str:
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
    for word, _dep in chain:
        lemma = word.lemma_.lower()
        if lemma in lexicon.negating_verbs:
            return "negated"
        if lemma in lexicon.planned_verbs:
            mode = "planned"
    return mode


def _place_phrase(token: Token) -> str:
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
    return " ".join(t.text for t in words)


# A place phrase inside one of these is about something else: "talks on the situation in
# Afghanistan", "stems from attacks in Iran", "the resurgence of the Taliban in Afghanistan".
PLACE_BLOCKING_PREPS = TOPIC_PREPS | {
    "of",
    "from",
    "for",
    "to",
    "against",
    "by",
    "towards",
    "toward",
}


def _where_of(token: Token, scope: Token) -> bool:
    """Does the "in X" phrase at `token` say where the act at `scope` happened (not where
    something it is about is)? At most two phrase hops, none through a topic or "of" phrase."""
    hops, current = 0, token.head  # the preposition
    while current.i != scope.i:
        if current.dep_ == "prep" and current.i != token.head.i:
            hops += 1
            if current.lemma_.lower() in PLACE_BLOCKING_PREPS or hops > 2:
                return False
        if current.head.i == current.i:
            return False
        current = current.head
    return True


def _place(
    doc: Doc, scopes: list[Token], gazetteer: Gazetteer, context: frozenset[str]
) -> Place | None:
    """A place named by an "in/at/near X" phrase, searched from the trigger outwards; cities first."""
    seen: set[int] = set()
    for scope in scopes + [doc[:].root]:
        found: list[Place] = []
        for token in scope.subtree:
            if token.i in seen or token.dep_ != "pobj" or token.pos_ != "PROPN":
                continue
            if token.head.lemma_.lower() not in ("in", "at", "near", "outside", "inside"):
                continue
            if not _where_of(token, scope):
                continue
            seen.add(token.i)
            local = set(context)
            for appos in (c for c in token.children if c.dep_ == "appos"):
                country = gazetteer.lookup(_place_phrase(appos))
                if country is not None:
                    local.add(country.country_code)
            place = gazetteer.lookup(_place_phrase(token), frozenset(local))
            if place is not None:
                found.append(place)
        if found:
            return next((p for p in found if p.is_city), found[0])
    return None


def sentence_candidates(
    doc: Doc,
    mentions: list[_Mention],
    lexicon: Lexicon,
) -> list[
    tuple[str, str, str, _Mention | None, _Mention | None, Token, list[tuple[Token, str]], bool]
]:
    """Event reports in one parsed sentence: (type, cameo_root, mode, source, target, trigger, chain, verbal)."""
    by_token = {i: m for m in mentions for i in m.tokens}
    triggers = {t.i: lexicon.trigger(t) for t in doc}
    triggers = {i: found for i, found in triggers.items() if found is not None}
    suppressed: set[int] = set()
    borrowed_targets: dict[int, list[_Mention]] = defaultdict(list)
    orphan_agents: dict[int, list[_Mention]] = defaultdict(list)
    plans = []
    for i in triggers:
        token = doc[i]
        chain = _governors(token)
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.light_verbs | {
            "carry",
            "claim",
        }:
            # "held talks", "carried out an attack", "the bombing was carried out by": the noun names it.
            if any(
                c.i in triggers and c.dep_ in ("dobj", "nsubjpass", "attr") for c in token.children
            ):
                suppressed.add(i)
                continue
            if token.dep_ == "acl" and token.head.i in triggers:
                suppressed.add(i)
                continue
            agents = [
                g
                for c in token.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            nouns = [j for j in triggers if j < i and doc[j].pos_ in ("NOUN", "PROPN")]
            if agents and nouns:
                # "attacks in Iran carried out by ISKP" parsed with "carried" off the noun.
                suppressed.add(i)
                orphan_agents[max(nouns)] += [m for a in agents for m in _actors_in(a, by_token)]
                continue
        controller = next(
            (
                g
                for g, _ in chain
                if g.i in triggers and triggers[g.i][0] in lexicon.controlling_types
            ),
            None,
        )
        if (
            token.dep_ == "dobj"
            and (token.head.lemma_.lower(), token.lemma_.lower()) in lexicon.phrasal
        ):
            suppressed.add(i)  # "lodged a protest": the phrasal verb names the event
            continue
        negator = next((g for g, _ in chain if g.lemma_.lower() in lexicon.negating_verbs), None)
        if (
            negator is not None
            and token.head.i == negator.i
            and token.dep_ == "dobj"
            and not verbal_token(token)
        ):
            # "denied the allegations": a REJECT of them, the allegation is no event of its own.
            suppressed.add(i)
            continue
        if negator is not None and negator.i in triggers:
            suppressed.add(negator.i)  # "denied attacking": a negated attack, not a REJECT
            controller = None
        if controller is not None and controller.i != i:
            suppressed.add(i)
            plans.append((controller.i, i))
            continue
        plans.append((i, i))
    found = []
    for i, (event_type, root) in triggers.items():
        if i in suppressed:
            continue
        token = doc[i]
        chain = _governors(token)
        verbal = token.pos_ in ("VERB", "AUX")
        if verbal and token.lemma_.lower() in lexicon.actor_object_verbs:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and not any(_actors_in(o, by_token) for o in objects):
                continue  # "meet its obligations", "hit a record"
        if verbal:
            sources, targets = _verb_roles(token, event_type, by_token, lexicon)
        else:
            sources, targets = _noun_roles(token, event_type, by_token, lexicon)
        for outer, inner in plans:
            if outer == i and inner != i:
                inner_token = doc[inner]
                inner_roles = (
                    _verb_roles(inner_token, triggers[inner][0], by_token, lexicon)
                    if inner_token.pos_ in ("VERB", "AUX")
                    else _noun_roles(inner_token, triggers[inner][0], by_token, lexicon)
                )
                borrowed_targets[i] += inner_roles[1]
        targets += borrowed_targets[i]
        if not targets and verbal and event_type in lexicon.controlling_types:
            targets += _complement_targets(token, by_token, lexicon)
        if not targets:
            targets += _locative_actors([token] + [g for g, _ in chain[:2]], by_token, triggers)
        sources = sources or orphan_agents[i]
        if (
            not sources
            and len({m.actor_id for m in targets}) >= 2
            and event_type in lexicon.symmetric_types
        ):
            sources = targets[:1]  # "talks between Pakistan and Iran"
        if verbal and len(sources) > 1 and any(c.dep_ == "dobj" for c in token.children):
            sources = sources[:1]  # "X and Y backed Z": the conjunct is a co-source, not the target
        source = sources[0] if sources else None
        # "Pakistan and Iran held talks / agreed": the conjunct is the other party. In
        # "TTP and ISKP pose threats" both are sources, and one cannot be the other's target.
        mutual = event_type in lexicon.symmetric_types or event_type == "AGREE"
        others = (sources[1:] if mutual else []) + targets
        rest = [m for m in others if source is None or m.actor_id != source.actor_id]
        target = rest[0] if rest else None
        if source is None and target is None:
            continue
        if (
            source is not None
            and target is not None
            and (
                source.actor_id == target.actor_id
                or (
                    source.key == target.key and "COUNTRY" in (source.actor_type, target.actor_type)
                )
            )
        ):
            target = None  # "Iran's delegation ... would lead his country": one side, not two
        found.append(
            (event_type, root, _mode(token, chain, lexicon), source, target, token, chain, verbal)
        )
    return found


def _score(
    source: Any, target: Any, verbal: bool, when: EventDate, place_in_sentence: bool, mode: str
) -> float:
    score = 0.3
    score += 0.25 if source is not None and target is not None else 0.0
    score += 0.1 if verbal else 0.0
    score += 0.1 if when.source.startswith("sentence") else 0.0
    score += 0.1 if place_in_sentence else 0.0
    score += 0.1 if mode == "asserted" else 0.0
    return round(score, 3)


PERSONAL_PRONOUNS = {"he", "she", "his"}  # subject and possessive forms only: "him" is ambiguous
DEFINITE = {"the", "this", "that", "these", "those"}
BACKGROUND_DAYS = 7  # a day-precise date further back than this is history, not this report's news


def _pronoun_mentions(
    doc: Doc, mentions: list[_Mention], antecedent: _Mention | None
) -> list[_Mention]:
    """ "he"/"she"/"his" as mentions of the person they stand for: the nearest person named
    before them in the sentence, else the person named last in the sentences just before
    (`antecedent`). Lets "He dismissed the claims" or "his meeting with X" take a role."""
    people = sorted((min(m.tokens), m) for m in mentions if m.is_person)
    out = []
    for token in doc:
        if token.lower_ not in PERSONAL_PRONOUNS or token.pos_ != "PRON":
            continue
        before = [m for i, m in people if i < token.i]
        found = before[-1] if before else antecedent
        if found is not None:
            out.append(_Mention("", found.actor_id, found.key, frozenset({token.i}), "PERSON"))
    return out


RECENT_WORDS = {"recent", "recently", "previous", "previously", "past", "former", "last"}
# A past period named relative to the report: history even when the report's date is unknown.
PAST_PERIOD = re.compile(
    r"\b(?:earlier this (?:month|year)|last (?:month|year)|(?:last|earlier in) (?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)


def _recent(trigger: Token, chain: list[tuple[Token, str]]) -> bool:
    """Does the sentence call the event recent or past ("a recent bombing", "recent incidents,
    such as attacks ...", "recently attacked")? Not "earlier": "Earlier, X held talks" is news."""
    words = [trigger] + [g for g in trigger.ancestors if g.pos_ in ("NOUN", "PROPN", "VERB")]
    return any(
        c.lower_ in RECENT_WORDS and c.dep_ in ("amod", "advmod") for w in words for c in w.children
    )


def _since_period(trigger: Token) -> bool:
    """ "A surge in attacks since the Taliban returned": the act runs over a period; the date
    in that phrase is its start, not a date of the act."""
    for word in [trigger, *trigger.ancestors]:
        for c in word.children:
            if c.lower_ == "since" and c.dep_ in ("prep", "mark"):
                return True
            if c.dep_ == "advcl" and any(
                g.lower_ == "since" and g.dep_ == "mark" for g in c.children
            ):
                return True
    return False


def _background(trigger: Token, chain: list[tuple[Token, str]], when: EventDate, ref: Any) -> bool:
    """Is the event told as past context rather than as news of the report? A relative clause
    about the past ("Soleimani, who was killed in a US drone strike"), a pluperfect ("had called
    on"), a period it has run since ("attacks since the Taliban returned"), a recent event
    before the report ("a recent bombing"), or a date of its own well before the report's
    (month or year precision, or more than a week back)."""
    for word in [trigger] + [g for g, _ in chain]:
        if word.dep_ == "relcl" and word.tag_ in ("VBD", "VBN"):
            return True
        aux = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
        if word.tag_ == "VBN" and any(a.lower_ == "had" for a in aux):
            return True
    if _since_period(trigger) or _recent(trigger, chain):
        return True
    if ref is None and PAST_PERIOD.search(trigger.doc.text):
        return True
    if ref is None or when.hi is None or not when.source.startswith("sentence"):
        return False
    if when.precision in ("month", "year"):
        return when.hi < ref
    return (ref - when.hi).days > BACKGROUND_DAYS


def candidates_in_doc(
    doc: Doc,
    row: dict[str, Any],
    article: dict[str, Any],
    dateline: Place | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    max_days_ahead: int,
) -> list[Candidate]:
    """The event reports of one parsed sentence, with their dates, places and background flags."""
    start = row["sentence_start"]
    mentions = []
    for m in row["mentions"]:
        span = doc.char_span(
            m["char_start"] - start, m["char_end"] - start, alignment_mode="expand"
        )
        if span is None or len(span) == 0:
            continue
        mentions.append(
            _Mention(
                m["mention_id"],
                m["actor_id"],
                m["actor_key"],
                frozenset(t.i for t in span),
                m.get("actor_type"),
            )
        )
    antecedent = row.get("antecedent")
    before = (
        _Mention("", antecedent["actor_id"], antecedent["actor_key"], frozenset(), "PERSON")
        if antecedent
        else None
    )
    mentions += _pronoun_mentions(doc, mentions, before)
    context = frozenset(article["country_code"] or []) | (
        {dateline.country_code} if dateline else set()
    )
    ref = article["published_date"] or article["crawl_date"]
    out = []
    for event_type, root, mode, source, target, trigger, chain, verbal in sentence_candidates(
        doc, mentions, lexicon
    ):
        when = resolve_event_date(
            doc.text,
            article["published_date"],
            article["crawl_date"],
            future=mode == "planned",
            offsets=lexicon.relative_offsets,
            max_days_ahead=max_days_ahead,
            recent=_recent(trigger, chain),
        )
        background = mode != "planned" and _background(trigger, chain, when, ref)
        if background and (when.source in ("published", "crawl", "none") or _since_period(trigger)):
            # Context with no date of its own is no news of the report's day: undated, so it
            # never joins an event of the report's days (it merges only within its story).
            when = EventDate(None, None, None, "background", None)
        scopes = [trigger] + [g for g, _ in chain]
        place = _place(doc, scopes, gazetteer, context)
        # A dateline says where the reporter was on the day of the report: it places the
        # report's news of those days, not an event of another time.
        near = ref is None or when.date is None or abs((when.date - ref).days) <= 2
        fallback = dateline if not background and near else None
        definite = not verbal and any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in trigger.children
        )
        out.append(
            Candidate(
                article_id=row["article_id"],
                sentence_index=row["sentence_index"],
                event_type=event_type,
                cameo_root=root,
                mode=mode,
                source=source,
                target=target,
                when=when,
                place=place or fallback,
                place_from_sentence=place is not None,
                story_id=article["story_id"],
                evidence=" ".join(doc.text.split()),
                score=_score(source, target, verbal, when, place is not None, mode),
                symmetric=event_type in lexicon.symmetric_types,
                background=background,
                definite=definite,
                main_clause=not any(
                    w.dep_ in ("relcl", "acl") for w in [trigger, *trigger.ancestors]
                ),
            )
        )
    return out
