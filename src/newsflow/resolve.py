"""Cross-document actor resolution: one actor per real entity, stable ids, growing aliases.

Names are compared after transliteration folding (diacritics, hyphens, e/i, o/u, z/dh, q/gh/kh/k,
ph/f, doubled letters) with rapidfuzz similarity and a consonant-skeleton check, blocked by actor
type and the first letter of the folded surname, so "Hassan Kazemi Qomi", "Hassan Kazmi Qomi" and
"Kazemi Ghomi" meet while "Imran Khan"/"Sadiq Khan" and "Ali Khamenei"/"Ali Larijani" stay apart.
Names with too little to survive a fold (one word, an acronym, a lone given name, a short form
beside a full name) are held to the stricter rules of `merge_guards` (issue 20).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import jellyfish
import polars as pl
from rapidfuzz import fuzz, process

from newsflow import schema
from newsflow.ids import short_hash
from newsflow.merge_guards import (
    AliasShape,
    bare_body,
    full_name_may_join,
    fuzzy_comparable,
    lone_name_fits,
    spelt_out,
    typo_apart,
)
from newsflow.name_memory import NameMemory

# Ordered digraph/letter folds for Arabic, Persian and Urdu romanisations.
_FOLDS = (
    ("kh", "k"),
    ("gh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("dh", "z"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("e", "i"),
    ("o", "u"),
    ("w", "v"),
)
_PARTICLES = frozenset({"al", "el", "ul", "ud", "ad", "as", "ar", "e", "i", "bin", "ibn", "bint"})
_QUOTES = re.compile(r"['\u2019\u2018`\u02bf\u02be\u02bc]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")

ORG_TYPES = frozenset({"ORG", "GROUP"})


# Names repeat across mentions and candidates: the folds below are pure and memoised.
_MEMO = 1 << 17


@functools.lru_cache(maxsize=_MEMO)
def fold_text(text: str) -> str:
    """Diacritics, case, apostrophes and punctuation removed: 'Da’ish' -> 'daish'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_NON_ALNUM.sub(" ", _QUOTES.sub("", plain.lower())).split())


@functools.lru_cache(maxsize=_MEMO)
def fold_token(token: str) -> str:
    """One name token folded across common romanisation variants: 'Ghomi' -> 'kumi'."""
    for old, new in _FOLDS:
        token = token.replace(old, new)
    return _DOUBLED.sub(r"\1", token)


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name, particles dropped when other tokens remain."""
    return list(_name_tokens(name))


@functools.lru_cache(maxsize=_MEMO)
def _name_tokens(name: str) -> tuple[str, ...]:
    tokens, kept = [], []
    for i, word in enumerate(name.split()):
        parts = fold_text(word).split()
        for j, part in enumerate(parts):
            token = fold_token(part)
            tokens.append(token)
            # A particle is known before folding ("Ben" folds to "bin"), and a capitalised first
            # word standing alone is a given name ("Al Gore"), not the article of "al-Assad".
            given = i == j == 0 and len(parts) == 1 and word[:1].isupper()
            if part not in _PARTICLES or given:
                kept.append(token)
    return tuple(kept or tokens)


def token_similarity(a: str, b: str) -> float:
    """Similarity of two folded tokens in [0, 1]: fuzzy ratio, lifted for equal consonant skeletons."""
    if a == b:
        return 1.0
    score = fuzz.ratio(a, b) / 100.0
    skel_a, skel_b = _VOWELS.sub("", a), _VOWELS.sub("", b)
    same_sound = (len(skel_a) >= 3 and skel_a == skel_b) or (
        a[0] == b[0] and jellyfish.metaphone(a) == jellyfish.metaphone(b)
    )
    return max(score, 0.9) if score >= 0.75 and same_sound else score


SHORT_SURNAME = 5  # folded letters up to which two spellings are two names, not a typo


def surnames_may_differ(a: str, b: str) -> bool:
    """Whether two folded surnames can be one person's: equal, a plural or possessive "s"
    ("Rooneys"), a romanisation with one consonant skeleton ("Kemal"/"Kamal"), or a longer
    name misspelt ("Greespan"). Short surnames one letter apart are mostly two real names:
    the Reuters corpus stored Treasury Secretary James Baker (519 mentions) as "James R.
    Barker", and merged Bolton and Button, Makin and McCain, Ross and Rose."""
    if a == b or a + "s" == b or b + "s" == a or min(len(a), len(b)) > SHORT_SURNAME:
        return True
    skeleton_a, skeleton_b = _VOWELS.sub("", a), _VOWELS.sub("", b)
    return len(skeleton_a) >= 3 and skeleton_a == skeleton_b


def person_similarity(a: list[str], b: list[str], threshold: float) -> float:
    """Similarity of two folded person names, 0 unless they can be the same person.

    The shorter name must align, in order, with the longer one ending on the same surname; a
    two-token name must also agree on the given name unless the other name has more tokens
    ("Kazemi Ghomi" fits "Hassan Kazemi Qomi", "Imran Khan" never fits "Sadiq Khan").
    """
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not surnames_may_differ(short[-1], long_[-1]):
        return 0.0
    last = token_similarity(short[-1], long_[-1])
    if last < threshold:
        return 0.0
    sims = [last]
    pos = len(long_) - 1
    for tok in reversed(short[:-1]):
        best, best_at = 0.0, -1
        for j in range(pos - 1, -1, -1):
            s = token_similarity(tok, long_[j])
            if s >= threshold:
                best, best_at = s, j
                break
        if best_at < 0:
            return 0.0
        sims.append(best)
        pos = best_at
    if len(short) >= 2 and len(short) == len(long_) and pos != 0:
        return 0.0
    return sum(sims) / len(sims)


def org_similarity(a: str, b: str, threshold: float) -> float:
    """Similarity of two folded organisation names: every word must match its counterpart.

    "Bank of England" and "Bank of Ireland" share most letters but not the word that matters.
    """
    ta, tb = a.split(), b.split()
    if ta == tb:
        return 1.0
    if len(ta) != len(tb):
        whole = fuzz.ratio(a, b) / 100.0
        return whole if whole >= 0.95 else 0.0
    sims = [token_similarity(x, y) for x, y in zip(ta, tb, strict=True)]
    return sum(sims) / len(sims) if min(sims) >= threshold else 0.0


def match_block(actor_type: str) -> str:
    """The type block actors are compared within: organisations and groups share one."""
    return "ORG" if actor_type in ORG_TYPES else actor_type


def _match_tokens(block: str, name: str) -> list[str]:
    return name_tokens(name) if block == "PERSON" else [fold_token(fold_text(name))]


def _surname(block: str, name: str) -> str | None:
    """The folded token the fuzzy match indexes a name under: a person's surname, an
    organisation's whole folded name."""
    tokens = _match_tokens(block, name)
    return tokens[-1] if tokens and tokens[-1] else None


def name_lookups(actor_type: str, name: str) -> list[tuple[str, str | None]]:
    """(lookup, surname block) rows of `actor_lookup` for a name the registry indexes: its
    folded form within the type block ("PERSON|a|hassan kazmi kumi", for the exact match), and
    its folded surname ("PERSON|n|kumi") in its block, the type block and the surname's first
    letter ("PERSON|k"), which the fuzzy match scans. A run reads a block's surnames, keeps
    those within the fuzzy cutoff of a name it looks up and reads the actors under them: every
    actor the registry could compare, and no other (`ActorRegistry.prefetch`)."""
    block = match_block(actor_type)
    keys: list[tuple[str, str | None]] = [(f"{block}|a|{fold_text(name)}", None)]
    surname = _surname(block, name)
    if surname:
        keys.append((f"{block}|n|{surname}", f"{block}|{surname[0]}"))
    return keys


def actor_lookup_rows(actors: pl.DataFrame) -> pl.DataFrame:
    """(lookup, block, actor_id) rows of schema.ACTORS rows: every key of every alias and name
    (sql/090_actor_lookup.sql), so a run can read the actors its mentions can match."""
    rows = {
        (key, block, row["actor_id"])
        for row in actors.select("actor_id", "actor_type", "name", "aliases").iter_rows(named=True)
        for alias in [*(row["aliases"] or []), row["name"]]
        for key, block in name_lookups(row["actor_type"], alias)
    }
    return pl.DataFrame(
        sorted(rows, key=lambda r: (r[0], r[2])),
        schema={"lookup": pl.String, "block": pl.String, "actor_id": pl.String},
        orient="row",
    )


class ActorHistory(Protocol):
    """The earlier actors of the warehouse, read by key (`history.WarehouseHistory`)."""

    def holds_actors(self) -> bool:
        """Whether the warehouse holds any actor at all."""
        ...

    def surnames(self, blocks: list[str]) -> dict[str, list[str]]:
        """The distinct folded surnames indexed in each surname block."""
        ...

    def actors(self, keys: list[str], ids: list[str], held: list[str]) -> pl.DataFrame:
        """schema.ACTORS rows under lookup `keys` or with `ids`, except the `held` ids."""
        ...


# what `ActorRegistry.resolve` is asked: (actor_type, forms, key, name)
ResolveRequest = tuple[str, list[str], str | None, str | None]


@dataclass
class _Actor:
    actor_id: str
    actor_type: str
    country_code: str | None
    aliases: list[str]
    counts: Counter = field(default_factory=Counter)
    fixed_name: str | None = None  # countries and curated actors keep their curated name
    stored: bool = False  # fixed_name is only the name read from the warehouse
    pinned: bool = False  # a curated entity (country, known actor): its country is curated
    by_use: bool = False  # a state's body (`national_bodies`): named by its most used form

    @property
    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        if self.by_use:  # "U.S. Agriculture Department" (247), not a one-off longer span
            return max(
                self.aliases,
                key=lambda a: (
                    len(name_tokens(a)) >= 2,
                    self.counts[a],
                    len(name_tokens(a)),
                    -self.aliases.index(a),
                ),
            )
        return max(
            self.aliases,
            key=lambda a: (len(name_tokens(a)), self.counts[a], -self.aliases.index(a)),
        )


_FUZZY_CUTOFF = 70  # fuzz.ratio a surname needs to be scored at all (token_similarity needs 75)
_MATCH_MEMO = 1 << 14  # queries whose matches a block remembers


@dataclass
class _SurnameBlock:
    """Distinct surnames in insertion order, each with the actors indexed under it.

    Surnames are only ever appended, so the surnames matching a query stay matched: a query
    seen before (the same person named in another article) scans only the surnames added since.
    """

    keys: list[str] = field(default_factory=list)
    ids: list[dict[str, None]] = field(default_factory=list)  # ordered sets of actor_ids
    position: dict[str, int] = field(default_factory=dict)
    # query -> (surnames scanned, positions matched); cleared when it reaches _MATCH_MEMO
    matched: dict[str, tuple[int, list[int]]] = field(default_factory=dict)

    def add(self, surname: str, actor_id: str) -> None:
        at = self.position.setdefault(surname, len(self.keys))
        if at == len(self.keys):
            self.keys.append(surname)
            self.ids.append({})
        self.ids[at][actor_id] = None

    def matches(self, query: str) -> list[int]:
        """Positions of the surnames within `_FUZZY_CUTOFF` of `query`."""
        scanned, hits = self.matched.get(query, (0, []))
        if scanned < len(self.keys):
            new = process.extract(
                query,
                self.keys[scanned:],
                scorer=fuzz.ratio,
                score_cutoff=_FUZZY_CUTOFF,
                limit=None,
            )
            hits = hits + [scanned + at for _, _, at in new]
            if len(self.matched) >= _MATCH_MEMO:
                self.matched.clear()
            self.matched[query] = (len(self.keys), hits)
        return hits


def _comparable(block: str, surname: str, stored: list[str], threshold: float) -> list[str]:
    """The `stored` surnames (block's folded surnames, organisations' whole folded names) whose
    actors `ActorRegistry._candidates` can score against `surname` at `threshold`: a person's
    surname must reach `threshold` by `token_similarity`; an organisation name whose words each
    do has a whole-name fuzz.ratio of at least min(threshold, 0.75) (a longer common
    subsequence than the words' together), one of another word count needs 0.95; and every
    surname `_candidates` scores is within `_FUZZY_CUTOFF`."""
    cutoff = max(_FUZZY_CUTOFF, 100 * min(threshold, 0.75))
    near = process.extract(surname, stored, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    if block != "PERSON":
        return [match for match, _, _ in near]
    return [match for match, _, _ in near if token_similarity(surname, match) >= threshold]


class ActorRegistry:
    """All known actors, updated in memory as batches are extracted (batch 7 sees batches 1-6)."""

    def __init__(self, threshold: float = 0.88, history: ActorHistory | None = None) -> None:
        self.threshold = threshold
        # With a history, the registry starts empty and reads warehouse actors as names need
        # them (`prefetch`, `resolve`, `frame_of`); each key and id is read at most once.
        self._history = history
        self._looked_up: set[str] = set()  # lookup keys and actor ids already read
        self._block_surnames: dict[str, list[str]] = {}  # surname block -> warehouse surnames
        self._queried: set[tuple[str, str]] = set()  # (block, surname) matched against those
        self._read_threshold = threshold  # the loosest match threshold `_queried` was read for
        self.history_reads = 0  # reads that found something to ask the warehouse
        self._actors: dict[str, _Actor] = {}
        self._by_key: dict[str, str] = {}  # fixed keys ("country:IRN", "known:ttp") -> actor_id
        self._by_alias: dict[tuple[str, str], set[str]] = {}  # (block, folded alias) -> actor_ids
        # (block, first letter) -> its distinct folded surnames (org names: the whole folded
        # name) and the actors indexed under each: fuzzy search scans each surname once, however
        # many aliases and actors share it
        self._surnames: dict[tuple[str, str], _SurnameBlock] = {}
        self._snapshot: dict[str, tuple] = {}
        # what the run's articles wrote of names' kinds (the pipeline gives it the warehouse's)
        self.names = NameMemory()

    @classmethod
    def from_frame(cls, actors: pl.DataFrame, threshold: float = 0.88) -> ActorRegistry:
        """Registry holding the schema.ACTORS rows already in the warehouse."""
        registry = cls(threshold)
        registry._add_stored(actors)
        return registry

    def _add_stored(self, actors: pl.DataFrame) -> None:
        """Hold schema.ACTORS rows read from the warehouse (ids held already are skipped: the
        registry's copy may have changed in this run)."""
        for row in schema.conform(actors, schema.ACTORS).iter_rows(named=True):
            if row["actor_id"] in self._actors:
                continue
            aliases = list(row["aliases"] or [])
            actor = _Actor(row["actor_id"], row["actor_type"], row["country_code"], aliases)
            actor.counts.update(aliases)
            actor.counts[row["name"]] += 1
            # the stored name stands until this run adds a new form (then it is recomputed)
            actor.fixed_name, actor.stored = row["name"], True
            self._actors[actor.actor_id] = actor
            for alias in [*aliases, row["name"]]:
                self._index(actor, alias)
            self._snapshot[actor.actor_id] = self._state(actor)

    def _read(self, keys: Iterable[str], ids: Iterable[str] = ()) -> None:
        """Read from the history the actors under `keys` and with `ids` not read before."""
        if self._history is None or not self._history.holds_actors():
            return
        keys = sorted(set(keys) - self._looked_up)
        ids = sorted(set(ids) - self._looked_up - self._actors.keys())
        if not keys and not ids:
            return
        self.history_reads += 1
        self._add_stored(self._history.actors(keys, ids, list(self._actors)))
        self._looked_up.update(keys, ids)

    def _read_requests(self, requests: Iterable[ResolveRequest], threshold: float) -> None:
        """Read every warehouse actor that resolving `requests` at `threshold` can compare or
        reuse: those under their names' exact keys, those under the warehouse surnames that
        `_candidates` can score (`_comparable`), and those with the ids their keys pin or a new
        actor takes."""
        if self._history is None or not self._history.holds_actors():
            return  # a first run: nothing to read, and no lookups to compute
        if threshold < self._read_threshold:  # a looser match reaches surnames not read yet
            self._queried.clear()
            self._read_threshold = threshold
        keys: set[str] = set()
        ids: set[str] = set()
        queries: set[tuple[str, str]] = set()  # (surname block, folded surname)
        for request in requests:
            more_keys, more_queries, more_ids = self._lookups(request)
            keys.update(more_keys)
            queries.update(more_queries)
            ids.update(more_ids)
        queries -= self._queried
        blocks = sorted({b for b, _ in queries} - self._block_surnames.keys())
        if blocks:
            self.history_reads += 1
            surnames = self._history.surnames(blocks)
            for b in blocks:
                self._block_surnames[b] = surnames.get(b, [])
        for b, surname in queries:
            near = _comparable(b.split("|")[0], surname, self._block_surnames[b], threshold)
            keys.update(f"{b.split('|')[0]}|n|{match}" for match in near)
        self._queried |= queries
        self._read(keys, ids)

    def prefetch(self, requests: Iterable[ResolveRequest], threshold: float | None = None) -> None:
        """Read at once every warehouse actor that resolving `requests` (at `threshold`) can
        compare or reuse (one batch's names: two reads; `resolve` reads what is still missing
        by itself)."""
        self._read_requests(requests, threshold or self.threshold)

    @staticmethod
    def _lookups(request: ResolveRequest) -> tuple[list[str], list[tuple[str, str]], list[str]]:
        """What resolving `request` can consult: exact lookup keys of its forms, their
        (surname block, surname) for the fuzzy match, and the ids its key pins or a new actor
        would take."""
        actor_type, forms, key, name = request
        forms = [f for f in forms if f and f.strip()]
        if key is not None:
            return [], [], ["act_" + short_hash(actor_type, key)]
        keys, queries = [], []
        for form in forms:
            for lookup, block in name_lookups(actor_type, form):
                if block is None:
                    keys.append(lookup)
                else:
                    queries.append((block, lookup.split("|", 2)[2]))
        first = name or (max(forms, key=lambda f: (len(f.split()), f)) if forms else None)
        ids = ["act_" + short_hash(actor_type, fold_text(first))] if first else []
        return keys, queries, ids

    def _state(self, actor: _Actor) -> tuple:
        return (actor.name, actor.actor_type, actor.country_code, tuple(actor.aliases))

    @staticmethod
    def _block(actor_type: str) -> str:
        return match_block(actor_type)

    def _index(self, actor: _Actor, alias: str) -> None:
        # keep in step with `name_lookups`: the warehouse finds actors by the same keys
        block = self._block(actor.actor_type)
        self._by_alias.setdefault((block, fold_text(alias)), set()).add(actor.actor_id)
        tokens = _match_tokens(block, alias)
        if tokens and tokens[-1]:
            surnames = self._surnames.setdefault((block, tokens[-1][0]), _SurnameBlock())
            surnames.add(tokens[-1], actor.actor_id)

    def _new_id(self, actor_type: str, key: str) -> str:
        actor_id, n = "act_" + short_hash(actor_type, key), 0
        self._read((), [actor_id])  # an actor of an earlier run may hold it
        while actor_id in self._actors:
            n += 1
            actor_id = "act_" + short_hash(actor_type, key, str(n))
            self._read((), [actor_id])
        return actor_id

    def _candidates(
        self, actor_type: str, forms: list[str], country: str | None, threshold: float
    ) -> list[str]:
        block = self._block(actor_type)
        forms = list(dict.fromkeys(forms))  # repeats count for the name, not for matching
        person = block == "PERSON"
        if person:
            # A full name decides who this is: the lone surname beside it in the same document
            # ("Mr Khan") says nothing about which Khan, so it must not match Imran Khan's "Khan".
            forms = [f for f in forms if len(name_tokens(f)) >= 2] or forms
        else:  # likewise "the Bank" beside "Bank of Tokyo International Ltd" (`bare_body`)
            forms = [f for f in forms if not bare_body({fold_text(f)})] or forms
        spelt = set() if person else set(spelt_out(forms))
        exact: set[str] = set()
        by_spelt: set[str] = set()  # actors a spelt-out form matches
        for form in forms:
            found = self._by_alias.get((block, fold_text(form)), set())
            exact |= found
            by_spelt |= found if form in spelt else set()
        scored: dict[str, float] = {}
        for form in forms:
            query = name_tokens(form) if person else [fold_token(fold_text(form))]
            if not query or not query[-1]:
                continue
            surnames = self._surnames.get((block, query[-1][0]))
            if surnames is None:
                continue
            hits = surnames.matches(query[-1])
            if person:  # an alias is indexed under its own last token, which
                # person_similarity compares first: a surname too far from the query's rules out
                # every alias indexed under it (an actor's other aliases come under their own)
                hits = [
                    h for h in hits if token_similarity(query[-1], surnames.keys[h]) >= threshold
                ]
            # score each hit actor once, over all its aliases
            for actor_id in dict.fromkeys(a for at in hits for a in surnames.ids[at]):
                actor = self._actors[actor_id]
                aliases = actor.aliases
                if person and len(query) >= 2 and not full_name_may_join(self._shapes(actor)):
                    continue
                if person and len(query) >= 2:  # a full name against the actor's full names
                    aliases = [a for a in aliases if len(name_tokens(a)) >= 2] or aliases
                best = max(
                    self._similarity(block, form, query, alias, threshold) for alias in aliases
                )
                if best >= threshold:
                    scored[actor.actor_id] = max(scored.get(actor.actor_id, 0.0), best)
                    by_spelt |= {actor_id} if form in spelt else set()
        for actor_id in exact:
            scored[actor_id] = 1.0
        # Ties go to an actor known by one of these very forms, then to the better attested:
        # "Michael Howard" scores 1.0 against the bare "Howard" an ambiguous lone surname
        # founded too, and by id alone that actor took him and split him from his own (BBC:
        # three Michael Howards, two Tony Blairs, three Gordon Browns)
        ranked = sorted(
            scored,
            key=lambda i: (-scored[i], i not in exact, -self._actors[i].counts.total(), i),
        )
        if spelt:  # a short form beside the full name: the full name decides (merge_guards)
            ranked = [i for i in ranked if i in by_spelt or not spelt_out(self._actors[i].aliases)]
        if country:  # a known, different country means a different actor
            ranked = [i for i in ranked if self._actors[i].country_code in (None, country)]
        return ranked

    @staticmethod
    def _shapes(actor: _Actor) -> list[AliasShape]:
        return [(len(name_tokens(a)), (fold_text(a).split() or [""])[-1]) for a in actor.aliases]

    def _known_only_as(self, actor_id: str, said: set[str]) -> bool:
        """Whether the actor is known by no name but the one-word folded forms `said`."""
        aliases = self._actors[actor_id].aliases
        return all(len(name_tokens(a)) == 1 and fold_text(a) in said for a in aliases)

    @staticmethod
    def _similarity(block: str, form: str, query: list[str], alias: str, threshold: float) -> float:
        person = block == "PERSON"
        tokens = name_tokens(alias) if person else [fold_token(fold_text(alias))]
        words = (
            (len(query), len(tokens)) if person else (len(query[0].split()), len(tokens[0].split()))
        )
        if not fuzzy_comparable(fold_text(form), fold_text(alias), min(words) < 2, person):
            return 0.0  # exact forms still match through the alias index (`merge_guards`)
        if person:
            return person_similarity(query, tokens, threshold)
        score = org_similarity(query[0], tokens[0], threshold)
        if score < threshold:
            return score  # most candidates end here: the word-by-word guard only confirms
        if not typo_apart(fold_text(form).split(), fold_text(alias).split(), fold_token):
            return 0.0  # "Western Inc" is not "Vestron Inc" (`merge_guards`)
        return score

    def resolve(
        self,
        actor_type: str,
        forms: list[str],
        country_code: str | None = None,
        key: str | None = None,
        name: str | None = None,
        threshold: float | None = None,
    ) -> str:
        """The actor_id for an entity seen under `forms` (repeats count), creating or extending it.

        `key`/`name` pin curated entities (countries, known groups) to one id and name; other
        entities match existing actors of the same type block by their folded names.
        """
        forms = [f for f in forms if f and f.strip()]
        if self._history is not None and (key is None or key not in self._by_key):
            self._read_requests([(actor_type, forms, key, name)], threshold or self.threshold)
        actor: _Actor | None = None
        if key is not None and key in self._by_key:
            actor = self._actors[self._by_key[key]]
        elif key is not None:
            actor_id = "act_" + short_hash(actor_type, key)
            actor = self._actors.get(actor_id)
        if actor is None and key is None and forms:
            ranked = self._candidates(actor_type, forms, country_code, threshold or self.threshold)
            longest = max(len(name_tokens(f)) for f in forms)
            if actor_type == "PERSON" and longest == 1:
                last = {(fold_text(f).split() or [""])[-1] for f in forms}
                ranked = [i for i in ranked if lone_name_fits(last, self._shapes(self._actors[i]))]
            said = {fold_text(f) for f in forms}
            # a lone surname joins a known person only when exactly one fits; else the actor of
            # that bare name, founded by the first such mention, takes it: one "Keane" for
            # every article that never says which, not one more per article. A bare body word
            # ("Bank") joins only the actor of that word, whatever fits (`bare_body`).
            lone_person = actor_type == "PERSON" and len(ranked) != 1
            if longest == 1 and (lone_person or (actor_type != "PERSON" and bare_body(said))):
                ranked = [i for i in ranked if self._known_only_as(i, said)][:1]
            actor = self._actors[ranked[0]] if ranked else None
        if actor is None:
            first = name or max(forms, key=lambda f: (len(f.split()), f))
            actor_id = (
                "act_" + short_hash(actor_type, key)
                if key
                else self._new_id(actor_type, fold_text(first))
            )
            actor = _Actor(actor_id, actor_type, country_code, [], fixed_name=name)
            self._actors[actor_id] = actor
        if key is not None:
            self._by_key[key] = actor.actor_id
            actor.pinned = True
            actor.by_use = key.startswith("body:")
            if name:
                actor.fixed_name, actor.stored = name, False
        if actor.country_code is None and country_code and (key is not None or not actor.pinned):
            actor.country_code = country_code  # "Spanish EC membership" gives the EC none
        if actor.actor_type == "ORG" and actor_type == "GROUP":
            actor.actor_type = "GROUP"
        for form in forms:
            if form not in actor.aliases:
                if actor.stored:
                    actor.fixed_name, actor.stored = None, False
                actor.aliases.append(form)
                self._index(actor, form)
            actor.counts[form] += 1
        return actor.actor_id

    def _frame(self, actors: list[_Actor]) -> pl.DataFrame:
        return pl.DataFrame(
            {
                "actor_id": [a.actor_id for a in actors],
                "name": [a.name for a in actors],
                "actor_type": [a.actor_type for a in actors],
                "country_code": [a.country_code for a in actors],
                "aliases": [list(a.aliases) for a in actors],
            },
            schema=schema.ACTORS,
        )

    def changed(self) -> pl.DataFrame:
        """schema.ACTORS rows new or changed since from_frame (aliases = the full list), to upsert."""
        return self._frame(
            [a for a in self._actors.values() if self._snapshot.get(a.actor_id) != self._state(a)]
        )

    def to_frame(self) -> pl.DataFrame:
        """All actors as schema.ACTORS rows."""
        return self._frame(list(self._actors.values()))

    def frame_of(self, actor_ids: pl.Series) -> pl.DataFrame:
        """schema.ACTORS rows of the given ids that the registry holds (unknown ids are left
        out, so a referential check against the frame still catches them): what one batch
        refers to, instead of every actor the warehouse has; with a history, ids not held yet
        are read from it first)."""
        ids = actor_ids.drop_nulls().unique(maintain_order=True).to_list()
        self._read((), ids)  # actors that events of earlier runs name
        return self._frame([self._actors[i] for i in ids if i in self._actors])

    def __len__(self) -> int:
        return len(self._actors)
