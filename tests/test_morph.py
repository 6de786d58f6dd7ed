"""FastMorphology gives exactly what spaCy's attribute ruler and lemmatizer give (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

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
