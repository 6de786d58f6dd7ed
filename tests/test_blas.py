"""The models multiply with numpy's BLAS on one thread, and parse and tag exactly as with blis
(`newsflow.blas`, the BBC end-to-end budget of issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from newsflow import events, extract
from newsflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    return found + [
        p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("*/*.txt"))
    ]


@pytest.fixture(scope="module")
def parser() -> Language:
    return events.load_parser(Settings().spacy_model)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return extract.load_nlp(Settings().spacy_model)


def _ops(nlp: Language) -> list[NumpyOps]:
    return [
        node.ops
        for _, component in nlp.pipeline
        if hasattr(component, "model")
        for node in component.model.walk()
    ]


def _on_blis(nlp: Language) -> None:
    ops = NumpyOps()  # thinc's default: cython-blis
    for _, component in nlp.pipeline:
        if hasattr(component, "model"):
            for node in component.model.walk():
                node.ops = ops


@pytest.mark.parametrize("which", ["parser", "nlp"])
def test_every_model_layer_multiplies_with_numpy(which, request):
    ops = _ops(request.getfixturevalue(which))
    assert len(ops) > 20
    assert all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)


def test_blas_runs_one_thread_once_a_model_is_loaded(parser):
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas, "numpy's BLAS is not loaded"
    assert {lib["num_threads"] for lib in blas} == {1}


def test_same_parses_as_with_blis(texts, parser):
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    ours = [doc.to_array(attrs) for doc in parser.pipe(texts)]
    reference = events.load_parser(Settings().spacy_model)
    _on_blis(reference)
    want = [doc.to_array(attrs) for doc in reference.pipe(texts)]
    assert sum(len(a) for a in want) > 5_000
    for w, o in zip(want, ours, strict=True):
        assert (w == o).all()


def test_same_sentences_and_entities_as_with_blis(texts, nlp):
    def read(pipeline: Language) -> list:
        return [
            ([(e.start_char, e.end_char, e.label_) for e in doc.ents], [s.start for s in doc.sents])
            for doc in pipeline.pipe(texts)
        ]

    ours = read(nlp)
    reference = extract.load_nlp(Settings().spacy_model)
    _on_blis(reference)
    want = read(reference)
    assert sum(len(ents) for ents, _ in want) > 200
    assert ours == want
