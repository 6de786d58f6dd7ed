"""PLOVER events: who did what to whom, where and when, merged across articles (issue 7).

Per sentence, a verb or noun from the shipped lexicon (`data/events/lexicon.json`) names the
event type; the dependency parse gives the roles (subject -> source; object, "with X",
"between X and Y" -> target; passive "by X" -> source); cue lists (`data/events/cues.json`)
give the mode (asserted, negated, planned, possible), while threats, demands and denials
become their own PLOVER types. Dates come from `timex`, places from `geo`.

Reports of the same event (type, actor pair, overlapping date, same place or story) merge into
one row whose id is derived from its merge key. The pair is compared at the level GDELT dyads
use: a country, or an official/organisation with a country, stands for that country ("Qomi met
Jilani" joins "Iran and Pakistan held talks"); groups without a country stay themselves. A
report naming one actor joins a report naming both when place (or, for sources, story) agrees; `EventState` carries the known events across
batches and runs, and `event_articles` records which articles support which event so a rerun
of the same articles adds nothing.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import spacy
from spacy.tokens import Doc, Token

from newsflow import morph, resources, schema
from newsflow.geo import Gazetteer, Place
from newsflow.ids import short_hash
from newsflow.settings import Settings
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


# Extra warehouse tables (sql/030_events.sql), upserted by the loader from `EventResult.links`.
EVENT_ARTICLES = pl.Schema(
    {
        "event_id": pl.String,
        "article_id": pl.String,
        "source_name": pl.String,
        "num_mentions": pl.Int64,
    }
)
EVENT_KEYS = pl.Schema(
    {
        "event_id": pl.String,
        "mode_group": pl.String,
        "source_key": pl.String,
        "target_key": pl.String,
        "date_lo": pl.Date,
        "date_hi": pl.Date,
        "place_key": pl.String,
        "evidence_score": pl.Float64,
    }
)

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
ROLE_ACTOR_TYPES_EXCLUDED = {"PLACE"}
STATE_ROLLUP_TYPES = {"COUNTRY", "PERSON", "ORG"}  # actors whose merge key is their country


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

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicon:
        """Read `lexicon.json` and `cues.json` (default: the shipped `data/events`)."""
        folder = folder or resources.path("data/events")
        entries = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))["entries"]
        cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
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


@dataclass
class EventState:
    """Known events, read once at run start and updated as batches pass."""

    events: pl.DataFrame  # schema.EVENTS rows
    keys: pl.DataFrame  # EVENT_KEYS rows (merge keys of the known events)
    event_articles: pl.DataFrame  # EVENT_ARTICLES rows (supporting articles)
    lexicon: Lexicon = field(default_factory=Lexicon.load)
    gazetteer: Gazetteer = field(default_factory=Gazetteer.load)
    trigger_forms: frozenset[str] | None = None  # Lexicon.trigger_forms of the run's parser

    @classmethod
    def empty(
        cls, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> EventState:
        """State with no known events (a new warehouse, or a test)."""
        return cls(
            events=schema.empty(schema.EVENTS),
            keys=schema.empty(EVENT_KEYS),
            event_articles=schema.empty(EVENT_ARTICLES),
            lexicon=lexicon or Lexicon.load(),
            gazetteer=gazetteer or Gazetteer.load(),
        )


def load_event_state(con: duckdb.DuckDBPyConnection) -> EventState:
    """Known events, their merge keys and supporting articles (works on an empty migrated warehouse)."""
    sql = (resources.path("sql") / "queries" / "event_state.sql").read_text(encoding="utf-8")
    known = pl.from_arrow(con.execute(sql).fetch_arrow_table())
    assert isinstance(known, pl.DataFrame)
    supporting = (
        known.select("event_id", "supporting")
        .filter(pl.col("supporting").list.len() > 0)
        .explode("supporting", empty_as_null=True)
    )
    return EventState(
        events=schema.conform(known, schema.EVENTS),
        keys=schema.conform(known, EVENT_KEYS),
        event_articles=schema.conform(supporting.unnest("supporting"), EVENT_ARTICLES)
        if supporting.height
        else schema.empty(EVENT_ARTICLES),
    )


def load_parser(model: str) -> spacy.language.Language:
    """The spaCy pipeline for role parsing (tagger, parser, then POS and lemmas by lookup:
    `morph.FastMorphology`, same results as the attribute ruler + lemmatizer; no NER)."""
    return morph.install(spacy.load(model, exclude=["ner"]))


@dataclass(frozen=True)
class EventResult:
    """Events new or updated by one batch, the mentions that support them, and link rows."""

    events: pl.DataFrame  # schema.EVENTS
    mention_events: pl.DataFrame  # (mention_id, event_id)
    links: dict[str, pl.DataFrame]  # {"event_articles": EVENT_ARTICLES, "event_keys": EVENT_KEYS}


# --- per sentence ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    mention_id: str
    actor_id: str
    key: str  # merge key: the actor's country for states and their officials, else the actor
    tokens: frozenset[int]


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


def _actors_in(
    head: Token, mentions: dict[int, _Mention], *, skip_conj: bool = True
) -> list[_Mention]:
    """Actor mentions in the phrase headed by `head`, nearest first (possessors ranked one deeper)."""
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


def _subject(verb: Token, mentions: dict[int, _Mention]) -> list[_Mention]:
    """Actors of a verb's subject, climbing control/coordination ("X is set to hold talks")."""
    token: Token | None = verb
    for _ in range(4):
        assert token is not None
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and token.i != verb.i:
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        if subjects and not all(s.pos_ == "PRON" for s in subjects):
            return [m for s in subjects for m in _with_conj(s, mentions)]
        # "Syria says it will withdraw": a pronoun subject stands for the speaker.
        climb = ("xcomp", "acomp", "conj", "advcl", "pcomp", "acl") + (
            ("ccomp",) if subjects else ()
        )
        if token.dep_ in climb and token.head.i != token.i:
            token = token.head
            continue
        break
    return []


def _target_prep(prep: str, event_type: str, lexicon: Lexicon) -> bool:
    """Does this preposition introduce the target ("talks with X"), not the topic ("talks on X")?"""
    if prep not in TARGET_PREPS:
        return False
    return not (prep in TOPIC_PREPS and event_type in lexicon.symmetric_types)


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


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
        if child.dep_ == "prep" and (prep == "between" or _target_prep(prep, event_type, lexicon)):
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
                elif prep == "between":
                    targets += _actors_in(pobj, mentions, skip_conj=False)
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


def _locative_actors(words: list[Token], mentions: dict[int, _Mention]) -> list[_Mention]:
    """Actors named as the place of an act ("lifted a curfew in Montenegro"): the last resort target."""
    out: list[_Mention] = []
    for word in words:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lemma_.lower() == "in"):
            for pobj in _pobjs(prep):
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
            targets += _locative_actors([token] + [g for g, _ in chain[:2]], by_token)
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
        if source is not None and target is not None and source.actor_id == target.actor_id:
            target = None
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


def sentences_to_parse(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    trigger_forms: frozenset[str],
) -> pl.DataFrame:
    """Sentences worth parsing: an actor that can take a role and a word that can be a trigger
    (`Lexicon.trigger_forms`), with their mentions. No other sentence can yield an event."""
    role_actors = actors.filter(
        ~pl.col("actor_type").is_in(list(ROLE_ACTOR_TYPES_EXCLUDED))
    ).select(
        "actor_id",
        pl.when(
            pl.col("actor_type").is_in(list(STATE_ROLLUP_TYPES))
            & pl.col("country_code").is_not_null()
        )
        .then(pl.col("country_code"))
        .otherwise(pl.col("actor_id"))
        .alias("actor_key"),
    )
    role_mentions = mentions.join(role_actors, on="actor_id", how="inner")
    text = articles.select("article_id", "body")
    sentence_mentions = (
        sentences.join(text, on="article_id", how="inner")
        .with_columns(
            pl.col("body")
            .str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
            .alias("text")
        )
        .drop("body")
        .rename({"char_start": "sentence_start"})
        .join(
            role_mentions.group_by("article_id", "sentence_index").agg(
                pl.struct("mention_id", "actor_id", "actor_key", "char_start", "char_end").alias(
                    "mentions"
                ),
                pl.col("actor_id").n_unique().alias("n_actors"),
            ),
            on=["article_id", "sentence_index"],
            how="inner",
        )
    )
    cue = (
        pl.col("text")
        .str.to_lowercase()
        .str.extract_all(r"[^\W\d_]+")
        .list.eval(pl.element().is_in(pl.lit(sorted(trigger_forms), dtype=pl.List(pl.String))))
        .list.any()
    )
    return sentence_mentions.filter(cue).sort("article_id", "sentence_index")


def find_candidates(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    nlp: spacy.language.Language,
    state: EventState,
    settings: Settings,
) -> list[Candidate]:
    """Every event report in the batch's sentences (before merging)."""
    lexicon, gazetteer = state.lexicon, state.gazetteer
    if state.trigger_forms is None:
        state.trigger_forms = lexicon.trigger_forms(nlp)
    frame = sentences_to_parse(articles, mentions, actors, sentences, state.trigger_forms)
    if frame.height == 0:
        return []
    # The countries an article is about: its COUNTRY actors, and its dateline's country.
    country_actors = (
        mentions.join(actors.filter(pl.col("actor_type") == "COUNTRY"), on="actor_id")
        .group_by("article_id")
        .agg(pl.col("country_code").drop_nulls().unique())
    )
    meta = articles.select(
        "article_id", "published_date", "crawl_date", "dateline", "story_id"
    ).join(country_actors, on="article_id", how="left")
    info = {row["article_id"]: row for row in meta.iter_rows(named=True)}
    datelines: dict[str, Place | None] = {}
    for article_id, row in info.items():
        context = frozenset(row["country_code"] or [])
        datelines[article_id] = (
            gazetteer.lookup(row["dateline"] or "", context) if row["dateline"] else None
        )
    rows = frame.select(
        "article_id", "sentence_index", "sentence_start", "text", "mentions"
    ).to_dicts()
    found: list[Candidate] = []
    docs = nlp.pipe((r["text"] for r in rows), batch_size=max(16, min(settings.batch_size, 256)))
    for row, doc in zip(rows, docs, strict=True):  # per-sentence NLP iteration
        article = info[row["article_id"]]
        found += _candidates_in_doc(
            doc,
            row,
            article,
            datelines[row["article_id"]],
            lexicon,
            gazetteer,
            settings.thresholds.max_days_after_crawl,
        )
    return found


def _candidates_in_doc(
    doc: Doc,
    row: dict[str, Any],
    article: dict[str, Any],
    dateline: Place | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    max_days_ahead: int,
) -> list[Candidate]:
    start = row["sentence_start"]
    mentions = []
    for m in row["mentions"]:
        span = doc.char_span(
            m["char_start"] - start, m["char_end"] - start, alignment_mode="expand"
        )
        if span is None or len(span) == 0:
            continue
        mentions.append(
            _Mention(m["mention_id"], m["actor_id"], m["actor_key"], frozenset(t.i for t in span))
        )
    context = frozenset(article["country_code"] or []) | (
        {dateline.country_code} if dateline else set()
    )
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
        )
        scopes = [trigger] + [g for g, _ in chain]
        place = _place(doc, scopes, gazetteer, context)
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
                place=place or dateline,
                place_from_sentence=place is not None,
                story_id=article["story_id"],
                evidence=" ".join(doc.text.split()),
                score=_score(source, target, verbal, when, place is not None, mode),
                symmetric=event_type in lexicon.symmetric_types,
            )
        )
    return out


# --- merging -------------------------------------------------------------------------------


@dataclass
class _Group:
    """Candidates (and at most one known event) that report the same event."""

    candidates: list[Candidate] = field(default_factory=list)
    known: dict[str, Any] | None = None  # the state row (EVENTS + EVENT_KEYS columns)


def _place_key(place: Place | None) -> str | None:
    return place.key if place is not None else None


def _places_agree(a: str | None, b: str | None) -> bool | None:
    """True: same place; None: unknown or one contains the other; False: different places."""
    if a is None or b is None:
        return None
    if a == b:
        return True
    if ":" not in a or ":" not in b:  # a country and a place in it
        return None if a.split(":")[0] == b.split(":")[0] else False
    return False


def _pairs_agree(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], symmetric: bool
) -> bool:
    if symmetric:
        sa, sb = {k for k in a if k}, {k for k in b if k}
        return bool(sa & sb) and (sa <= sb or sb <= sa)
    shared = False
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            if x != y:
                return False
            shared = True
    return shared


@dataclass(frozen=True)
class _Key:
    """What the merge compares: type, mode group, actor pair, date window, place, story."""

    event_type: str
    mode_group: str
    pair: tuple[str | None, str | None]
    lo: date | None
    hi: date | None
    place_key: str | None
    story_id: str | None
    symmetric: bool

    def matches(self, other: _Key) -> bool:
        if (self.event_type, self.mode_group) != (other.event_type, other.mode_group):
            return False
        if not _pairs_agree(self.pair, other.pair, self.symmetric):
            return False
        if None not in (self.lo, self.hi, other.lo, other.hi):
            slack = timedelta(days=1)
            if self.lo > other.hi + slack or other.lo > self.hi + slack:  # type: ignore[operator]
                return False
        places = _places_agree(self.place_key, other.place_key)
        if places is False:
            return False
        if places is True:
            return True
        same_story = self.story_id is not None and self.story_id == other.story_id
        partial = None in self.pair or None in other.pair
        if same_story and not partial:
            return True
        if same_story and not self.symmetric:
            # "The attack was claimed by Da'ish" joins "ISKP bombed Kerman" in the same story;
            # a bare target ("... in Afghanistan") is too weak a link without a shared place.
            return self.pair[0] is not None and self.pair[0] == other.pair[0]
        # Same full actor pair on the same day needs no place or story to agree.
        exact = not partial and self.pair == other.pair
        narrow = None not in (self.lo, self.hi, other.lo, other.hi) and (
            self.hi - self.lo <= timedelta(days=1) and other.hi - other.lo <= timedelta(days=1)  # type: ignore[operator]
        )
        return exact and narrow


def _candidate_key(c: Candidate) -> _Key:
    return _Key(
        c.event_type,
        c.mode_group,
        c.pair,
        c.when.lo,
        c.when.hi,
        _place_key(c.place),
        c.story_id,
        c.symmetric,
    )


def _known_key(row: dict[str, Any], lexicon: Lexicon) -> _Key:
    return _Key(
        row["event_type"],
        row["mode_group"],
        (row["source_key"], row["target_key"]),
        row["date_lo"],
        row["date_hi"],
        row["place_key"],
        row["story_id"],
        row["event_type"] in lexicon.symmetric_types,
    )


def _joined_span(
    a: tuple[date, date] | None, b: tuple[date, date] | None
) -> tuple[date, date] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _group(
    candidates: list[Candidate], known: list[dict[str, Any]], lexicon: Lexicon
) -> list[_Group]:
    """Union-find over candidates and known events; two known events are never merged."""
    keys = [_candidate_key(c) for c in candidates] + [_known_key(r, lexicon) for r in known]
    parent = list(range(len(keys)))
    has_known = [i >= len(candidates) for i in range(len(keys))]
    # The day span of a group's precisely dated reports: "within a day" holds for the whole
    # group, so daily attacks on Monday, Tuesday, Wednesday do not chain into one event.
    day = timedelta(days=1)
    span: list[tuple[date, date] | None] = [
        (k.lo, k.hi) if k.lo is not None and k.hi is not None and k.hi - k.lo <= day else None
        for k in keys
    ]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Block on (type, mode group, one actor key) so only plausible pairs are compared.
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for actor_key in {k for k in key.pair if k is not None}:
            blocks[(key.event_type, key.mode_group, actor_key)].append(i)
    # Sweep each block in date order: only reports whose windows come within a day can match,
    # so a busy actor (hundreds of reports) costs about n log n, not n squared. Known events
    # go first among equals, so a report joins the event already on record.
    slack = timedelta(days=1)
    for block in blocks.values():
        members = sorted(block, key=lambda i: (keys[i].lo or date.min, not has_known[i], i))
        for x_pos, x in enumerate(members):
            reach = keys[x].hi + slack if keys[x].hi and keys[x].lo else None
            for y in members[x_pos + 1 :]:
                if reach is not None and keys[y].lo is not None and keys[y].lo > reach:
                    break
                rx, ry = find(x), find(y)
                if rx == ry or (has_known[rx] and has_known[ry]):
                    continue
                joined = _joined_span(span[rx], span[ry])
                if joined is not None and joined[1] - joined[0] > day:
                    continue
                if keys[x].matches(keys[y]):
                    if has_known[ry]:
                        rx, ry = ry, rx
                    parent[ry] = rx
                    has_known[rx] = has_known[rx] or has_known[ry]
                    span[rx] = joined
    groups: dict[int, _Group] = defaultdict(_Group)
    for i in range(len(keys)):
        group = groups[find(i)]
        if i < len(candidates):
            group.candidates.append(candidates[i])
        else:
            group.known = known[i - len(candidates)]
    return list(groups.values())


DATE_SOURCE_RANK = {
    "sentence_explicit": 0,
    "sentence_relative": 1,
    "published": 2,
    "crawl": 3,
    "none": 4,
}


def _best(candidates: list[Candidate]) -> Candidate:
    return min(
        candidates,
        key=lambda c: (
            -c.score,
            c.source is None or c.target is None,
            len(c.evidence),
            c.article_id,
            c.sentence_index,
        ),
    )


def event_id_for(key: _Key, when: date | None) -> str:
    """Event id from the merge key (type, mode group, actor pair, date, place or story)."""
    where = key.place_key or key.story_id or ""
    return "e_" + short_hash(
        key.event_type,
        key.mode_group,
        key.pair[0] or "",
        key.pair[1] or "",
        when.isoformat() if when else "",
        where,
    )


def _display_pair(c: Candidate) -> tuple[str | None, str | None]:
    ids = (c.source.actor_id if c.source else None, c.target.actor_id if c.target else None)
    if c.symmetric and None not in ids:
        return tuple(sorted(ids))  # type: ignore[return-value]
    return ids


def _date_rank(when: EventDate, full: bool) -> tuple[bool, bool, timedelta, int, date]:
    """Smaller is better: a date the sentence gives, from a report naming both actors, narrowest;
    among publication dates the earliest (the first report bounds when it happened)."""
    width = when.hi - when.lo if when.lo and when.hi else timedelta(days=9999)
    return (
        not when.source.startswith("sentence"),
        not full,
        width,
        DATE_SOURCE_RANK.get(when.source, 4),
        when.date or date.max,
    )


def _merge_group(group: _Group) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event row and its merge-key row for one group (counts are filled in by the caller)."""
    known, cands = group.known, group.candidates
    full = [c for c in cands if c.source is not None and c.target is not None]
    lead: Candidate | None = None
    if cands:
        # The pair most reports name ("Pakistan and Iran held talks"), and its clearest sentence.
        pairs = Counter(_display_pair(c) for c in full)
        top = (
            max(
                pairs,
                key=lambda p: (pairs[p], max(c.score for c in full if _display_pair(c) == p), p),
            )
            if full
            else None
        )
        lead = _best([c for c in full if _display_pair(c) == top] if full else cands)
    if known is not None:
        row = {name: known[name] for name in schema.EVENTS.names()}
        keys_row = {name: known[name] for name in EVENT_KEYS.names()}
    else:
        assert lead is not None
        key = _candidate_key(lead)
        row = {name: None for name in schema.EVENTS.names()}
        keys_row = {name: None for name in EVENT_KEYS.names()}
        row.update(
            event_id=event_id_for(key, lead.when.date),
            event_type=lead.event_type,
            story_id=lead.story_id,
        )
        keys_row.update(event_id=row["event_id"], mode_group=lead.mode_group, evidence_score=-1.0)
    if lead is not None and (
        lead.score > keys_row["evidence_score"] or (row["target_actor_id"] is None and lead in full)
    ):
        row["source_actor_id"], row["target_actor_id"] = _display_pair(lead)
        row.update(cameo_root=lead.cameo_root, evidence=lead.evidence)
        keys_row["evidence_score"] = lead.score
    keys_row["source_key"], keys_row["target_key"] = _widest_pair(cands, known)
    dated = sorted(
        (_date_rank(c.when, c in full), -c.score, c.article_id, c.sentence_index, c.when)
        for c in cands
        if c.when.date
    )
    if dated:
        when = dated[0][-1]
        if (
            known is None
            or known["event_date"] is None
            or dated[0][0]
            < _date_rank(
                EventDate(
                    known["event_date"], known["date_lo"], known["date_hi"], known["date_source"]
                ),
                True,
            )
        ):
            row.update(event_date=when.date, date_source=when.source)
            keys_row.update(date_lo=when.lo, date_hi=when.hi)
    places = sorted(
        (c for c in cands if c.place is not None),
        key=lambda c: (not c.place.is_city, not c.place_from_sentence, -c.score, c.article_id),  # type: ignore[union-attr]
    )
    place = places[0].place if places else None
    refines = row["place_name"] is None or (
        row["latitude"] is None and place is not None and place.is_city
    )
    if place is not None and refines:
        row.update(
            place_name=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            country_code=place.country_code,
        )
        keys_row["place_key"] = place.key
    modes = {c.mode for c in cands} | ({row["mode"]} if row["mode"] else set())
    row["mode"] = (
        "asserted" if "asserted" in modes else (lead.mode if lead is not None else row["mode"])
    )
    return row, keys_row


def _widest_pair(
    cands: list[Candidate], known: dict[str, Any] | None
) -> tuple[str | None, str | None]:
    """The merge-key actor pair with the most actors filled (the known one first)."""
    pairs = ([(known["source_key"], known["target_key"])] if known is not None else []) + [
        c.pair for c in cands
    ]
    return max(pairs, key=lambda p: sum(k is not None for k in p))


def detect_events(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    nlp: spacy.language.Language,
    state: EventState,
    settings: Settings,
) -> EventResult:
    """Find, type, date, place and merge the batch's events against `state` (which is updated)."""
    candidates = find_candidates(articles, mentions, actors, sentences, nlp, state, settings)
    known_frame = state.events.join(state.keys, on="event_id", how="inner")
    # Known events that a duplicate in this batch re-reports (its canonical supports them).
    duplicates = articles.filter(pl.col("duplicate_of").is_not_null()).select(
        "article_id", "source_name", pl.col("duplicate_of").alias("canonical_id")
    )
    # Only known events that could match: same type and sharing an actor key.
    relevant_types = sorted({c.event_type for c in candidates})
    relevant_keys = sorted({k for c in candidates for k in c.pair if k is not None})
    dated = [c.when for c in candidates if c.when.lo is not None and c.when.hi is not None]
    window = pl.lit(True)
    if dated and len(dated) == len(candidates):
        earliest = min(w.lo for w in dated) - timedelta(days=1)  # type: ignore[operator]
        latest = max(w.hi for w in dated) + timedelta(days=1)  # type: ignore[operator]
        window = pl.col("date_hi").is_null() | (
            (pl.col("date_hi") >= earliest) & (pl.col("date_lo") <= latest)
        )
    known_rows = known_frame.filter(
        pl.col("event_type").is_in(relevant_types)
        & (pl.col("source_key").is_in(relevant_keys) | pl.col("target_key").is_in(relevant_keys))
        & window
    ).to_dicts()
    groups = _group(candidates, known_rows, state.lexicon)
    rows, key_rows, support, mention_links = [], [], [], []
    for group in groups:
        row, key_row = _merge_group(group)
        rows.append(row)
        key_rows.append(key_row)
        per_article = Counter(
            c.article_id
            for c in {(c.article_id, c.sentence_index): c for c in group.candidates}.values()
        )
        support += [(row["event_id"], article_id, n) for article_id, n in per_article.items()]
        for c in group.candidates:
            for m in (c.source, c.target):
                if m is not None:
                    mention_links.append((m.mention_id, row["event_id"], c.score))
    batch_support = pl.DataFrame(
        support,
        schema={"event_id": pl.String, "article_id": pl.String, "num_mentions": pl.Int64},
        orient="row",
    )
    outlets = articles.select("article_id", "source_name")
    new_support = batch_support.join(outlets, on="article_id", how="left")
    # Duplicates count as articles of their canonical's events (their outlet may be new).
    canonical_support = pl.concat(
        [state.event_articles.select("event_id", "article_id", "num_mentions"), batch_support]
    )
    dup_support = duplicates.join(
        canonical_support.rename({"article_id": "canonical_id"}), on="canonical_id"
    ).select("event_id", "article_id", "source_name", "num_mentions")
    added = (
        pl.concat(
            [
                schema.conform(new_support, EVENT_ARTICLES),
                schema.conform(dup_support, EVENT_ARTICLES),
            ]
        )
        .unique(["event_id", "article_id"], keep="first", maintain_order=True)
        .join(state.event_articles, on=["event_id", "article_id"], how="anti")
    )
    all_support = pl.concat([state.event_articles, added])
    touched = set(added["event_id"].to_list()) | {
        r["event_id"] for r, g in zip(rows, groups, strict=True) if g.known is None
    }
    # Events only re-reported by a duplicate of an earlier run's article.
    dup_only = touched - {r["event_id"] for r in rows}
    if dup_only:
        for known in known_frame.filter(pl.col("event_id").is_in(list(dup_only))).to_dicts():
            rows.append({name: known[name] for name in schema.EVENTS.names()})
            key_rows.append({name: known[name] for name in EVENT_KEYS.names()})
    counts = all_support.group_by("event_id").agg(
        pl.col("num_mentions").sum().alias("num_mentions"),
        pl.col("article_id").n_unique().alias("num_articles"),
        pl.coalesce("source_name", pl.lit("article:") + pl.col("article_id"))
        .n_unique()
        .alias("num_sources"),
    )
    # Two groups can share a merge key, hence an id (undated reports of one dyad and place that
    # the date rule kept apart): they are one event. Their support is already pooled by id;
    # keep the row and key of the best-evidenced group (rows and key_rows are index-aligned).
    best = (
        pl.DataFrame(key_rows, schema=EVENT_KEYS, orient="row")
        .with_row_index("_group")
        .sort(["evidence_score", "_group"], descending=[True, False])
        .unique("event_id", keep="first", maintain_order=True)
    )
    rows = [rows[i] for i in best["_group"].to_list()]
    key_rows = [key_rows[i] for i in best["_group"].to_list()]
    events_frame = (
        pl.DataFrame(rows, schema=schema.EVENTS, orient="row")
        .filter(pl.col("event_id").is_in(list(touched)))
        .drop("num_mentions", "num_articles", "num_sources")
        .join(counts, on="event_id", how="inner")
        .join(best.select("event_id", "evidence_score"), on="event_id")
        .with_columns(
            (1 - (1 - pl.col("evidence_score")) * pl.lit(0.6).pow(pl.col("num_sources") - 1))
            .round(3)
            .alias("confidence")
        )
    )
    events_frame = schema.conform(events_frame, schema.EVENTS).sort("event_id")
    keys_frame = schema.conform(
        pl.DataFrame(key_rows, schema=EVENT_KEYS, orient="row"), EVENT_KEYS
    ).filter(pl.col("event_id").is_in(events_frame["event_id"].implode()))
    mention_events = (
        pl.DataFrame(
            mention_links,
            schema={"mention_id": pl.String, "event_id": pl.String, "score": pl.Float64},
            orient="row",
        )
        .sort(["mention_id", "score", "event_id"], descending=[False, True, False])
        .unique("mention_id", keep="first", maintain_order=True)
        .filter(pl.col("event_id").is_in(events_frame["event_id"].implode()))
        .select("mention_id", "event_id")
    )
    # Later batches see this one.
    state.events = pl.concat(
        [state.events.join(events_frame, on="event_id", how="anti"), events_frame]
    )
    state.keys = pl.concat([state.keys.join(keys_frame, on="event_id", how="anti"), keys_frame])
    state.event_articles = all_support
    return EventResult(
        events=events_frame,
        mention_events=mention_events,
        links={
            "event_articles": added.filter(
                pl.col("event_id").is_in(events_frame["event_id"].implode())
            ),
            "event_keys": keys_frame,
        },
    )
