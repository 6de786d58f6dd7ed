"""FastMorphology gives exactly what spaCy's attribute ruler and lemmatizer give (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from newsflow import morph
from newsflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    found += [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("*/*.txt"))]
    # the ruler's exceptions and multi-token rules: "there is", "gonna", "let's", negation
    found.append("There is a plan, but they're gonna wait. Let's not go. I can't and won't.")
    return found


def test_same_pos_tag_morph_lemma_and_dep_as_spacy(texts):
    nlp = spacy.load(Settings().spacy_model, exclude=["ner"])
    reference = [doc.to_array([POS, TAG, MORPH, LEMMA, DEP]) for doc in nlp.pipe(texts)]
    morph.install(nlp)
    assert "newsflow_morphology" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    fast = [doc.to_array([POS, TAG, MORPH, LEMMA, DEP]) for doc in nlp.pipe(texts)]
    tokens = sum(len(a) for a in reference)
    assert tokens > 5_000
    for want, got in zip(reference, fast, strict=True):
        assert (want == got).all()


def test_unsupported_patterns_leave_the_pipeline_as_it_was():
    nlp = spacy.load(Settings().spacy_model, exclude=["ner"])
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": {"NOT_IN": ["x"]}}]], {"POS": "X"})
    before = list(nlp.pipe_names)
    morph.install(nlp)
    assert nlp.pipe_names == before


def test_rule_lemmas_agree_with_spacys_rule_lemmatizer_word_for_word(texts):
    """Every word of the texts under every part of speech the lemmatizer has tables for (and
    PROPN, X) and a spread of MORPH values: inflected, base forms, none."""
    nlp = spacy.load(Settings().spacy_model, exclude=["ner"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    ours = morph.RuleLemmas(lemmatizer.lookups)
    words = sorted({t.text for doc in nlp.pipe(texts[:6]) for t in doc if not t.is_space})
    morphs = ["", "Number=Sing", "Number=Plur", "Tense=Past|VerbForm=Fin", "VerbForm=Inf",
              "Tense=Pres|VerbForm=Fin", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
              "Aspect=Prog|Tense=Pres|VerbForm=Part", "Degree=Cmp", "Degree=Pos", "VerbForm=Ger",
              "VerbForm=None", "_"]  # fmt: skip
    checked = 0
    for pos in ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "X"):
        for feats in morphs:
            doc = Doc(nlp.vocab, words=words, pos=[pos] * len(words), morphs=[feats] * len(words))
            for token in doc:
                lemmatizer.cache.clear()
                want = lemmatizer.rule_lemmatize(token)[0]
                assert ours(token.text, pos.lower(), feats) == want, (token.text, pos, feats)
                checked += 1
    assert checked > 50_000
