"""spaCy's attribute ruler and rule lemmatizer, applied by lookup instead of per token.

In the English pipelines the `attribute_ruler` runs a Matcher over every token (tag map and
exceptions: POS, MORPH, LEMMA) and the `lemmatizer` calls Python for every token; on the event
sentences the two cost about half as much as the tagger and parser together. Both are
functions of a few token attributes: the ruler's patterns test TAG, LOWER, DEP and IS_SPACE of
one or two tokens, and the rule lemmatizer reads ORTH, POS and MORPH (spaCy caches it on
exactly that key). `FastMorphology` evaluates each distinct combination once, with the
ruler's own patterns and the lemmatizer's own rules and tables (`RuleLemmas`, which tests the
lemma index as a set, not the list spaCy scans), and writes the results with
`Doc.from_array`. tests/test_morph.py checks it gives spaCy's POS, TAG, MORPH, LEMMA and DEP
on real text, and spaCy's rule lemma for every word under every part of speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.morphology import Morphology
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

if TYPE_CHECKING:
    from thinc.types import Ints2d

_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_SET = {"POS", "TAG", "MORPH", "LEMMA", "DEP"}


@dataclass(frozen=True)
class _Rule:
    """One attribute-ruler entry: alternatives of token-condition ids, the token it sets."""

    alternatives: tuple[tuple[int, ...], ...]
    index: int
    attrs: dict[str, Any]


class UnsupportedPatterns(ValueError):
    """The ruler uses a pattern feature this emulation does not implement."""


def _condition(token_pattern: dict[str, Any]) -> tuple[tuple[str, _Accepts], ...]:
    """A token pattern as (attribute, accepted values) pairs."""
    out: list[tuple[str, _Accepts]] = []
    for attr, value in sorted(token_pattern.items()):
        if attr not in _TESTED:
            raise UnsupportedPatterns(f"attribute {attr} in {token_pattern}")
        if isinstance(value, dict) and set(value) == {"IN"}:
            out.append((attr, frozenset(value["IN"])))
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            out.append((attr, _Regex(value["REGEX"])))
        elif isinstance(value, dict) and set(value) == {"NOT_IN"} and attr != "LOWER":
            out.append((attr, _NotIn(frozenset(value["NOT_IN"]))))
        elif isinstance(value, dict):  # NOT_IN on LOWER would make every word count
            raise UnsupportedPatterns(f"operator {value} in {token_pattern}")
        else:
            out.append((attr, frozenset([value])))
    return tuple(out)


@dataclass(frozen=True)
class _NotIn:
    """A NOT_IN condition."""

    values: frozenset

    def __contains__(self, value: object) -> bool:
        return value not in self.values


@dataclass(frozen=True)
class _Regex:
    """A REGEX condition: accepts a value the pattern finds in it (the Matcher's re.search)."""

    pattern: str

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and re.search(self.pattern, value) is not None


_Accepts = frozenset[Any] | _Regex | _NotIn  # a condition's accepted values


class FastMorphology:
    """The `attribute_ruler` + `lemmatizer` of `nlp`, applied to docs by lookup (see module)."""

    def __init__(self, nlp: Language) -> None:
        # typed Any: spaCy types get_pipe as a plain callable
        ruler: Any = nlp.get_pipe("attribute_ruler")
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        if getattr(self.lemmatizer, "mode", None) != "rule" or getattr(
            self.lemmatizer, "overwrite", True
        ):
            raise UnsupportedPatterns("only a rule lemmatizer that does not overwrite")
        if type(self.lemmatizer) is not EnglishLemmatizer:  # `RuleLemmas` is its base-form test
            raise UnsupportedPatterns(f"only spaCy's English lemmatizer, not {self.lemmatizer}")
        self.strings = nlp.vocab.strings
        conditions: dict[tuple, int] = {}
        self.rules: list[_Rule] = []
        for entry in ruler.patterns:  # in the ruler's order: later entries take precedence
            if set(entry["attrs"]) - _SET:
                raise UnsupportedPatterns(f"sets {entry['attrs']}")
            alternatives = tuple(
                tuple(conditions.setdefault(_condition(t), len(conditions)) for t in pattern)
                for pattern in entry["patterns"]
            )
            self.rules.append(_Rule(alternatives, entry.get("index", 0), entry["attrs"]))
        self.conditions = sorted(conditions, key=lambda c: conditions[c])
        # the LOWER values a condition names: other words all behave alike, unless a REGEX
        # condition accepts them (decided once per word, `_lower_named`). TAG, DEP and
        # IS_SPACE are small closed sets, kept whole.
        named = [(a, vs) for c in self.conditions for a, vs in c]
        self.lowers = {
            v for a, vs in named if a == "LOWER" and isinstance(vs, frozenset) for v in vs
        }
        self.lower_regexes = [vs for a, vs in named if a == "LOWER" and isinstance(vs, _Regex)]
        self._relevant_lower: dict[int, bool] = {}
        self.single = [
            (r, alt[0])
            for r, rule in enumerate(self.rules)
            for alt in rule.alternatives
            if len(alt) == 1
        ]
        self.multi = [
            (r, alt)
            for r, rule in enumerate(self.rules)
            for alt in rule.alternatives
            if len(alt) > 1
        ]
        used = sorted({c for _, alternative in self.multi for c in alternative})
        if len(used) > 62:
            raise UnsupportedPatterns("more multi-token conditions than bits in a mask")
        self.multi_bits = {c: bit for bit, c in enumerate(used)}
        self._satisfied: dict[tuple, tuple[int, list[int]]] = {}
        self._merged: dict[tuple[int, ...], dict[str, Any]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self.rules_lemma = RuleLemmas(self.lemmatizer.lookups)

    def _lookup(self, key: tuple[int, int, int, int]) -> tuple[int, list[int]]:
        """(bit mask of the multi-token conditions met, single-token rules matched) of a token
        with these attribute ids."""
        found = self._satisfied.get(key)
        if found is None:
            tag, lower, dep, space = key
            values = {
                "TAG": self.strings[tag] if tag else "",
                "LOWER": self.strings[lower] if lower else None,
                "DEP": self.strings[dep] if dep else None,
                "IS_SPACE": bool(space),
            }
            met = frozenset(
                i
                for i, condition in enumerate(self.conditions)
                if all(values[attr] in accepted for attr, accepted in condition)
            )
            mask = sum(1 << bit for c, bit in self.multi_bits.items() if c in met)
            found = (mask, [r for r, c in self.single if c in met])
            self._satisfied[key] = found
        return found

    def _lower_named(self, key: int) -> bool:
        """Whether a condition can accept this LOWER id (named, or matched by a regex); decided
        once per word."""
        relevant = self._relevant_lower.get(key)
        if relevant is None:
            text = self.strings[key]
            relevant = text in self.lowers or any(text in regex for regex in self.lower_regexes)
            self._relevant_lower[key] = relevant
        return relevant

    def _attrs(self, rules: tuple[int, ...]) -> dict[str, Any]:
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for r in rules:
                merged.update(self.rules[r].attrs)
            self._merged[rules] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        # One read and one write of the doc's arrays, and plain Python over the token rows:
        # the role parser's docs are single sentences, where numpy's per-call cost dominated.
        n = len(doc)
        if n == 0:
            return doc
        columns = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH]).tolist()
        named, satisfied = self._relevant_lower, self._satisfied
        keys = [
            (tag, lower if named.get(lower) or self._lower_named(lower) else 0, dep, space)
            for tag, lower, dep, space, *_ in columns
        ]
        looked_up = [satisfied.get(key) or self._lookup(key) for key in keys]
        matched: list[list[int] | None] = [list(rules) if rules else None for _, rules in looked_up]
        present = 0
        for mask, _ in looked_up:
            present |= mask
        for r, alternative in self.multi:
            width = len(alternative)
            bits = [1 << self.multi_bits[c] for c in alternative]
            if n < width or any(not present & b for b in bits):
                continue
            index = self.rules[r].index
            offset = index if index >= 0 else width + index
            for i in range(n - width + 1):
                if all(looked_up[i + k][0] & b for k, b in enumerate(bits)):
                    target = matched[i + offset]
                    if target is None:
                        matched[i + offset] = [r]
                    else:
                        target.append(r)
        values = [row[4:8] for row in columns]  # POS, MORPH, LEMMA, ORTH
        tags = [row[0] for row in columns]
        for i, rules in enumerate(matched):
            if not rules:
                continue
            attrs = self._attrs(tuple(sorted(rules)))
            if "POS" in attrs:
                values[i][0] = POS_IDS[attrs["POS"]]
            if "TAG" in attrs:
                tags[i] = self.strings.add(attrs["TAG"])
            if "MORPH" in attrs:
                values[i][1] = self.strings.add(attrs["MORPH"])
            if "LEMMA" in attrs:
                values[i][2] = self.strings.add(attrs["LEMMA"])
            if "DEP" in attrs:
                doc[i].dep_ = attrs["DEP"]
        for row in values:
            if row[2] == 0:
                row[2] = self._lemma(row[3], row[0], row[1])
        out = np.array(
            [
                (pos, tag, morph, lemma)
                for (pos, morph, lemma, _), tag in zip(values, tags, strict=True)
            ],
            dtype=np.uint64,
        )
        doc.from_array([POS, TAG, MORPH, LEMMA], cast("Ints2d", out))
        return doc

    def _lemma(self, orth: int, pos: int, morph: int) -> int:
        """The rule lemmatizer's lemma id for a token without one, once per (ORTH, POS, MORPH)."""
        key = (orth, pos, morph)
        lemma = self._lemmas.get(key)
        if lemma is None:
            univ_pos = POS_NAMES.get(pos, "").lower()
            text = self.strings[orth]
            lemma = self.strings.add(self.rules_lemma(text, univ_pos, self.strings[morph]))
            self._lemmas[key] = lemma
        return lemma


def _features(morph: str) -> dict[str, str]:
    """A MORPH string ("Number=Sing|Person=3"; "_" or "" for none) as `Morphology.feats_to_dict`
    reads it (multiple values sorted: "PronType=Dem,Ind")."""
    if not morph or morph == Morphology.EMPTY_MORPH:
        return {}
    fields = (
        feature.split(Morphology.FIELD_SEP) for feature in morph.split(Morphology.FEATURE_SEP)
    )
    return {
        field: Morphology.VALUE_SEP.join(sorted(values.split(Morphology.VALUE_SEP)))
        for field, values in fields
    }


def _is_base_form(univ_pos: str, features: dict[str, str]) -> bool:
    """`EnglishLemmatizer.is_base_form`: an uninflected form, left as it is (lower-cased)."""
    verb_form, degree = features.get("VerbForm"), features.get("Degree")
    return (
        (univ_pos == "noun" and features.get("Number") == "Sing")
        or (univ_pos == "verb" and verb_form == "Fin" and features.get("Tense") == "Pres"
            and features.get("Number") is None)
        or verb_form in ("Inf", "None")
        or degree == "Pos"
    )  # fmt: skip


class RuleLemmas:
    """spaCy's English rule lemmatizer (`Lemmatizer.rule_lemmatize` with
    `EnglishLemmatizer.is_base_form`) over the same lookup tables, with each part of speech's
    lemma index held as a set. spaCy keeps the index as the list it was loaded as and tests
    every candidate form against it (57k nouns): ~100 µs a lookup, most of the role parse's
    lemmatizing. tests/test_morph.py checks the two agree word for word."""

    def __init__(self, lookups: Any) -> None:
        self.index = lookups.get_table("lemma_index", {})
        self.exceptions = lookups.get_table("lemma_exc", {})
        self.rules = lookups.get_table("lemma_rules", {})
        self._tables: dict[str, tuple[frozenset[str], dict, list, bool]] = {}

    def _of(self, univ_pos: str) -> tuple[frozenset[str], dict, list, bool]:
        tables = self._tables.get(univ_pos)
        if tables is None:
            index = self.index.get(univ_pos)
            exceptions = self.exceptions.get(univ_pos)
            rules = self.rules.get(univ_pos)
            known = any((index, exceptions, rules))
            tables = (frozenset(index or ()), exceptions or {}, rules or [], known)
            self._tables[univ_pos] = tables
        return tables

    def __call__(self, text: str, univ_pos: str, morph: str) -> str:
        """The lemma spaCy's rule lemmatizer gives `text` with this POS (lower-cased name)
        and MORPH string."""
        if univ_pos in ("", "eol", "space") or _is_base_form(univ_pos, _features(morph)):
            return text.lower()
        index, exceptions, rules, known = self._of(univ_pos)
        if not known:
            return text if univ_pos == "propn" else text.lower()
        string = text.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov_forms or [text])[0]


@Language.factory("newsflow_morphology")
def make_fast_morphology(nlp: Language, name: str) -> FastMorphology:
    """Replaces `attribute_ruler` + `lemmatizer` (see `install`)."""
    return FastMorphology(nlp)


def install(nlp: Language) -> Language:
    """Run `FastMorphology` in place of the attribute ruler and lemmatizer of `nlp`; leave
    `nlp` unchanged when its patterns use a feature the emulation does not implement."""
    try:
        nlp.add_pipe("newsflow_morphology", after="lemmatizer")
    except UnsupportedPatterns:
        return nlp
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return nlp
