"""Event triggers: the PLOVER types, the shipped lexicon and cue lists, and what a word names.

A verb or noun from `data/events/lexicon.json` names the event type; cue lists
(`data/events/cues.json`) give modality and light verbs; `data/events/seats.json` the seats of
government that stand for their country. `plover_type` codes a report as the PLOVER codebook
does (a planned cooperative act is an AGREE, a planned conflictual one a THREATEN).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import spacy
from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub
from spacy.tokens import Token

from newsflow import (
    failings,
    losses,
    opinions,
    resources,
    rulings,
    senses,
    speech,
    stock_phrases,
    strikes,
)
from newsflow.themes import Themes

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODES = ("asserted", "negated", "planned", "possible")
# PLOVER codes an announced intention as AGREE (cooperation) or THREATEN (conflict).
INTENT_AS_AGREE = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
INTENT_AS_THREATEN = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


# heads of proper names that name a body or an instrument, not an act: "the Andean Pact", "the
# Countryside Alliance", "8-3/4 pct Treasury Loan 1997", "the General Agreement on Tariffs and
# Trade", "the Louvre Accord" (an earlier agreement named, not a new one), "Compoz Sleep Aid"
NAMED_BODIES = {
    "alliance", "pact", "agreement", "accord", "treaty", "convention", "aid", "loan",
    "assistance", "cooperation", "support", "relief", "help", "appeal", "partnership", "union",
}  # fmt: skip


def _names_a_body(token: Token) -> bool:
    """Is the word the leading part of a proper name ("Amnesty International", "Peace Corps"),
    or the head of one that names a body or an instrument (NAMED_BODIES)? It names an
    organisation, not its act; the head of an occasion's name stays an event ("the G8
    Summit")."""
    if token.pos_ == "PROPN" and token.dep_ == "compound" and token.head.pos_ == "PROPN":
        return True
    # a capitalised head after a name's words, whatever its tag ("Compoz Sleep Aid" is a NOUN)
    capitalised = token.pos_ == "PROPN" or (token.is_title and token.i > token.sent.start)
    named = any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in token.children)
    return capitalised and named and token.lemma_.lower() in NAMED_BODIES


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


@dataclass(frozen=True)
class TriggerCues:
    """The words that let a sentence hold a trigger (`Lexicon.trigger_cues`): `forms` alone,
    or a word of `needs` with one of the words it maps to. `joined` matches the two-word cues
    ("had to", "needed to") that `needs` holds as one word ("hadto"): `words` reads them."""

    forms: frozenset[str]
    needs: dict[str, frozenset[str]]
    joined: str | None = None  # a regex whose group 1 is a word joined to its "to"

    def words(self, lower: pl.Expr) -> pl.Expr:
        """The cue words of lower-cased sentence texts, each "had to" also as "hadto"."""
        if self.joined is not None:
            lower = lower.str.replace_all(self.joined, "$0 ${1}to")
        return lower.str.extract_all(r"[^\W\d_]+")

    def match(self, words: set[str]) -> bool:
        """Can a sentence of these lower-cased words hold a trigger?"""
        if not words.isdisjoint(self.forms):
            return True
        return any(not words.isdisjoint(self.needs[w]) for w in words & self.needs.keys())


@dataclass(frozen=True)
class Lexicon:
    """Trigger words and cue lists, read from `data/events/`."""

    words: dict[tuple[str, str], tuple[str, str]]  # (lemma, VERB|NOUN) -> (event_type, cameo_root)
    phrasal: dict[tuple[str, str], tuple[str, str]]  # (lemma, particle) -> (event_type, cameo_root)
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    breaking_verbs: frozenset[str]  # "broke the pledges": negate their object, nothing deeper
    planned_aux: frozenset[str]
    possible_aux: frozenset[str]
    planned_verbs: frozenset[str]
    light_verbs: frozenset[str]
    controlling_types: frozenset[str]
    symmetric_types: frozenset[str]
    topic_object_verbs: frozenset[str]  # "discussed the situation": the object is the topic
    actor_object_verbs: frozenset[str]  # an event only with an actor object: not "meet obligations"
    relative_offsets: dict[str, int]
    reporting_verbs: frozenset[str]  # "X said Y must ...": with a demand modal, X's REQUEST
    demand_modals: frozenset[str]
    demand_verbs: frozenset[str]  # "X said Y had to / needed to ...": a demand like "must"
    labour_strike_words: frozenset[str]  # "a hunger strike" is a PROTEST
    military_strike_words: frozenset[str]  # "an air strike" an ASSAULT
    labour_strike_agents: frozenset[str]  # "workers struck" a PROTEST (`strikes`)
    target_required_verbs: frozenset[str]  # "shares traded at", "helped the team win": no event
    statement_types: frozenset[str]  # a noun of these types needs a speaker ("demand in Germany")
    locative_target_types: frozenset[str]  # "lifted a curfew in Montenegro": the place attacked
    seats: dict[str, str]  # seat of government (lower-case) -> ISO-3 ("the kremlin" -> RUS)
    condemning_words: frozenset[str] = frozenset()  # "said the plan was a disgrace": `opinions`
    faulting_words: frozenset[str] = frozenset()  # "said the proposals are unrealistic"
    approving_words: frozenset[str] = frozenset()  # "called the change pragmatic": `opinions`
    themes: Themes = Themes.empty()  # what "withdraw", "give" ... move decides their type
    strike_no_event_things: frozenset[str] = frozenset()  # "struck a deal": `strikes`
    military_strike_context: frozenset[str] = frozenset()  # "the strikes killed 20": ASSAULT
    sports_strike_words: frozenset[str] = frozenset()  # "a 25-yard strike ... the ball": none
    # (lemma, VERB|NOUN) that name an event only with a state on a side ("talks": `state_triggers`)
    state_source_words: frozenset[tuple[str, str]] = frozenset()
    # (lemma, particle) of phrasal entries whose particle is an adverb particle only ("gave in
    # to pressure"), never a preposition ("give Mr. Naylor some time in this regard")
    particle_only: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicon:
        """Read `lexicon.json` and `cues.json` (default: the shipped `data/events`)."""
        folder = folder or resources.path("data/events")
        entries = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))["entries"]
        cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
        seats = json.loads((folder / "seats.json").read_text(encoding="utf-8"))["seats"]
        words: dict[tuple[str, str], tuple[str, str]] = {}
        phrasal: dict[tuple[str, str], tuple[str, str]] = {}
        state_source: set[tuple[str, str]] = set()
        particle_only: set[tuple[str, str]] = set()
        for entry in entries:
            if entry["event_type"] not in EVENT_TYPES:
                raise ValueError(f"lexicon entry {entry} has a type outside PLOVER's 16")
            value = (entry["event_type"], entry["cameo_root"])
            if "particle" in entry:
                phrasal.setdefault((entry["lemma"], entry["particle"]), value)
                if entry.get("dep") == "prt":
                    particle_only.add((entry["lemma"], entry["particle"]))
            else:
                words.setdefault((entry["lemma"], entry["pos"]), value)
                if entry.get("source") == "state":
                    state_source.add((entry["lemma"], entry["pos"]))
        return cls(
            words=words,
            phrasal=phrasal,
            negation=frozenset(cues["negation"]),
            negating_verbs=frozenset(cues["negating_verbs"]),
            breaking_verbs=frozenset(cues["breaking_verbs"]),
            planned_aux=frozenset(cues["planned_aux"]),
            possible_aux=frozenset(cues["possible_aux"]),
            planned_verbs=frozenset(cues["planned_verbs"]),
            light_verbs=frozenset(cues["light_verbs"]),
            controlling_types=frozenset(cues["controlling_types"]),
            symmetric_types=frozenset(cues["symmetric_types"]),
            topic_object_verbs=frozenset(cues["topic_object_verbs"]),
            actor_object_verbs=frozenset(cues["actor_object_verbs"]),
            relative_offsets=dict(cues["relative_dates"]),
            reporting_verbs=frozenset(cues["reporting_verbs"]),
            demand_modals=frozenset(cues["demand_modals"]),
            demand_verbs=frozenset(cues["demand_verbs"]),
            labour_strike_words=frozenset(cues["labour_strike_words"]),
            military_strike_words=frozenset(cues["military_strike_words"]),
            labour_strike_agents=frozenset(cues["labour_strike_agents"]),
            target_required_verbs=frozenset(cues["target_required_verbs"]),
            statement_types=frozenset(cues["statement_types"]),
            locative_target_types=frozenset(cues["locative_target_types"]),
            seats=dict(seats),
            condemning_words=frozenset(cues["condemning_words"]),
            faulting_words=frozenset(cues["faulting_words"]),
            approving_words=frozenset(cues["approving_words"]),
            themes=Themes.load(folder / "themes.json"),
            strike_no_event_things=frozenset(cues["strike_no_event_things"]),
            military_strike_context=frozenset(cues["military_strike_context"]),
            sports_strike_words=frozenset(cues["sports_strike_words"]),
            state_source_words=frozenset(state_source),
            particle_only=frozenset(particle_only),
        )

    def trigger_cues(self, nlp: spacy.language.Language) -> TriggerCues:
        """The words that can make a sentence hold a trigger, as `nlp` lemmatises them: the
        forms of every single-word trigger lemma, and the forms of a lemma that is a trigger
        only with a particle or object ("opened fire", "put pressure on") or a modal that is
        one only under a reporting verb ("said Y must"), each with the words one of which
        must be in the sentence too. A superset: a sentence `TriggerCues.match`es not may be
        skipped, as `Lexicon.trigger` finds nothing in it."""
        # get_pipe is typed as a bare Callable[[Doc], Doc]; these are spaCy's rule Lemmatizer
        # and AttributeRuler, whose tables and patterns are read here.
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        attribute_ruler: Any = nlp.get_pipe("attribute_ruler")
        lookups = lemmatizer.lookups
        rules, exceptions = lookups.get_table("lemma_rules"), lookups.get_table("lemma_exc")
        fixed: dict[str, set[str]] = {}  # lemma -> words the attribute ruler gives it
        for rule in attribute_ruler.patterns:
            lemma = rule["attrs"].get("LEMMA", "").lower()
            for token in rule["patterns"][0]:
                lower = token.get("LOWER")
                words = lower.get("IN", []) if isinstance(lower, dict) else [lower]
                fixed.setdefault(lemma, set()).update(w for w in words if isinstance(w, str))

        irregular: dict[str, dict[str, set[str]]] = {}  # tag -> lemma -> its exception forms
        for tag in ("verb", "noun"):
            for form, of in exceptions.get(tag, {}).items():
                for lemma in of:
                    irregular.setdefault(tag, {}).setdefault(lemma, set()).add(form)

        def forms(lemmas: set[str], pos: tuple[str, ...] = ("verb", "noun")) -> set[str]:
            out = set(lemmas)
            for tag in pos:
                for old, new in rules.get(tag, []):
                    out |= {
                        lemma[: len(lemma) - len(new)] + old
                        for lemma in lemmas
                        if lemma.endswith(new)
                    }
                by_lemma = irregular.get(tag, {})
                for lemma in lemmas:  # indexed: a scan of the table per call was ~0.1 s a run
                    out |= by_lemma.get(lemma, set())
            for lemma in lemmas:
                out |= fixed.get(lemma, set())
            return {form.lower() for form in out}

        verbs = {lemma for lemma, pos in self.words if pos == "VERB"}
        nouns = {lemma for lemma, pos in self.words if pos == "NOUN"}
        single = forms(verbs, ("verb",)) | forms(nouns, ("noun",))
        needs: dict[str, set[str]] = {}
        for (lemma, particle), _ in self.phrasal.items():
            for form in forms({lemma}, ("verb",)) - single:
                needs.setdefault(form, set()).update(forms({particle}))
        reporting = forms(set(self.reporting_verbs), ("verb",))
        for modal in self.demand_modals:
            needs.setdefault(modal, set()).update(reporting)
        failing = forms({failings.FAILING_VERB}, ("verb",)) | forms(
            {failings.FAILING_NOUN}, ("noun",)
        )
        for form in failing:  # "said Y had failed to", "the failure of Y to ..., X said"
            needs.setdefault(form, set()).update(reporting)
        courts = forms(set(rulings.COURT_WORDS), ("noun",))
        for form in forms({rulings.RULING_VERB}, ("verb",)):  # "the law lords ruled that"
            needs.setdefault(form, set()).update(courts)
        contests = forms(set(losses.CONTEST_WORDS), ("noun",))
        for form in forms({losses.LOSING_VERB}, ("verb",)):  # "lost a landmark appeal"
            needs.setdefault(form, set()).update(contests)
        naming = forms({opinions.NAMING_VERB}, ("verb",))
        for word in self.condemning_words | self.faulting_words | self.approving_words:
            needs.setdefault(word, set()).update(reporting | naming)
        for form in forms(set(speech.WANTING), ("verb",)):  # "want Y to": `speech`
            needs.setdefault(form, set()).add("to")
        for form in forms(set(speech.WOULD_WANTING), ("verb",)):  # "would like", "'d like"
            needs.setdefault(form, set()).update({"would", "d"})  # cue words drop the "'"
        # "said Y had to / needed to": a cue only with its "to" ("has" alone is everywhere)
        demand_forms = sorted(forms(set(self.demand_verbs), ("verb",)))
        for form in demand_forms:
            needs.setdefault(form + "to", set()).update(reporting)
        return TriggerCues(
            frozenset(single),
            {form: frozenset(words) for form, words in needs.items()},
            r"\b(" + "|".join(demand_forms) + r") to\b",
        )

    @functools.cached_property
    def trigger_lemma_ids(self) -> frozenset[int]:
        """The string hashes of every lemma `trigger` looks up: a token whose LEMMA and LOWER
        are neither names no event."""
        lemmas = {lemma for lemma, _ in self.words} | {lemma for lemma, _ in self.phrasal}
        lemmas |= self.reporting_verbs | speech.WANTING | speech.WOULD_WANTING
        lemmas.add(losses.LOSING_VERB)  # "lost a landmark appeal" (`losses`)
        return frozenset(hash_string(lemma) for lemma in lemmas)

    def negates(self, word: Token) -> bool:
        """Does `word` deny what it governs ("denied attacking", "ruled out a deal")? "Rule"
        only with its particle: "law lords ruled that the detention ... breached human rights"
        denies no detention (`rulings`)."""
        lemma = word.lemma_.lower()
        if lemma not in self.negating_verbs:
            return False
        return lemma != rulings.RULING_VERB or any(
            c.dep_ == "prt" and c.lower_ == "out" for c in word.children
        )

    def trigger(self, token: Token) -> tuple[str, str] | None:
        """(event_type, cameo_root) when `token` names an event, else None."""
        found = self._lexical(token)
        if found is not None:
            found = senses.refine(token, found, self.demand_modals, self.military_strike_context)
        return None if found is None else self.themes.retype(token, found)

    def _lexical(self, token: Token) -> tuple[str, str] | None:
        """The type the lexicon gives `token` (phrasal verbs and "strike" read from the parse)."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            if opinions.names_a_condemnation(token, self.condemning_words, self.faulting_words):
                return ("ACCUSE", "11")  # "Mr Howard called that suggestion 'disgraceful'"
            if opinions.names_a_condemnation(token, self.approving_words):
                return ("SUPPORT", "05")  # "Mark Oaten called the change pragmatic"
            if rulings.rules_against(token):
                return rulings.REJECT  # "law lords ruled that the detention ... breached"
            if losses.lost_case(token) is not None:
                return losses.REJECT  # "lost a landmark appeal": the court's, not the loser's
            # an object entry before a particle one: "set up roadblocks" is the roadblocks'
            # COERCE, not "set up"'s COOPERATE
            for child in sorted(token.children, key=lambda c: c.dep_ != "dobj"):
                particle = child.lemma_.lower()
                key = (lemma, particle)
                if child.dep_ in ("prt", "prep", "dobj", "advmod") and key in self.phrasal:
                    # an adverb particle may be parsed as one: "workers walked out" (advmod)
                    adverb = child.dep_ in ("prt", "advmod")
                    if key in self.particle_only and not adverb:
                        continue
                    if child.dep_ == "advmod" and key not in self.particle_only:
                        continue
                    return self.phrasal[key]
            # "called for Israel to withdraw": the particle marks a for-to clause
            if (lemma, "for") in self.phrasal and speech.for_to_clauses(token):
                return self.phrasal[(lemma, "for")]
            if lemma in self.reporting_verbs and self._reports_a_demand(token):
                return ("REQUEST", "10")  # "Russia said Sudan must return the helicopter"
            if lemma in self.reporting_verbs and failings.reports_a_failing(token):
                return ("ACCUSE", "11")  # "Cable said the chancellor had failed to deal with"
            if lemma in self.reporting_verbs and opinions.reports_a_condemnation(
                token, self.condemning_words, self.faulting_words
            ):
                return ("ACCUSE", "11")  # "Oaten said the number of officials ... was worrying"
            if lemma in self.reporting_verbs and opinions.reports_a_condemnation(
                token, self.approving_words
            ):
                return ("SUPPORT", "05")  # "Katwala said the change was 'long overdue'"
            if speech.wanted_of_another(token):
                return ("REQUEST", "10")  # "the unions want the government to withdraw"
            found = self.words.get((lemma, "VERB"))
            if found is not None and lemma == "strike":
                return self._strike(token, found)
            return found
        if token.pos_ in ("NOUN", "PROPN"):
            if _names_a_body(token):
                return None  # "Amnesty International has called ...": a name, no amnesty
            found = self.words.get((lemma, "NOUN")) or self.words.get((token.text.lower(), "NOUN"))
            if found is not None and lemma == "strike":
                return self._strike(token, found)
            return found
        return None

    def _reports_a_demand(self, verb: Token) -> bool:
        """Does the verb report that someone else must or should act ("said Y must return")?"""
        return any(
            clause.dep_ != "xcomp"
            and not stock_phrases.figure_forecast(clause)  # "output must rise"
            and not failings.should_have(clause)  # a reproach (`failings`)
            and (
                any(c.dep_ == "aux" and c.lower_ in self.demand_modals for c in clause.children)
                or (clause.lemma_.lower() in self.demand_verbs and self._to_act(clause))
            )
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            for clause in speech.reported_clauses(verb)  # "said X ... and Y should judge"
        )

    @staticmethod
    def _to_act(verb: Token) -> bool:
        """ "had to work", "needed to explain": the verb governs a to-infinitive."""
        return any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children
        )

    def _strike(self, strike: Token, found: tuple[str, str]) -> tuple[str, str] | None:
        """A workers' strike is a PROTEST, an air strike an ASSAULT, "struck a deal" no event
        (`strikes`)."""
        return strikes.strike_type(strike, found, self)
