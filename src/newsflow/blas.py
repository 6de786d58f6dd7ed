"""The spaCy models' matrix products through numpy's BLAS, one thread per process.

thinc's `NumpyOps` multiplies with cython-blis, whose prebuilt library picks its kernels by
CPU; on the AMD EPYC (AVX-512) machines newsflow runs on it selects the portable `generic`
one (`BLIS_ARCH_DEBUG=1` prints "selecting sub-configuration 'generic'"), 2.5-3x slower than
numpy's OpenBLAS on the tok2vec/NER shapes. `NumpyOps(use_blis=False)` is thinc's own switch
to numpy's `dot`: the same products, a different summation order (float32), so results could
in principle differ in the last bits; on BBC the entities and parses came out identical.
(The parser's and NER's per-step transition loop is compiled against blis and keeps it.)

OpenBLAS starts one thread per core. A run keeps its cores busy with processes (the flow and
its NLP workers), so a second BLAS thread only spins: per process, one thread used less CPU
(role parse of 2,463 BBC sentences: 3.3-4.3 s against 5.6-6.7 s with two threads)."""

from __future__ import annotations

import functools

from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits


@functools.cache
def _single_thread_blas() -> None:
    # process-wide and kept: a context manager would have to wrap every nlp.pipe
    threadpool_limits(limits=1, user_api="blas")


def use_numpy_gemm(nlp: Language) -> Language:
    """`nlp` with every model layer on numpy's BLAS (thinc `NumpyOps(use_blis=False)`), and this
    process's BLAS limited to one thread; returns `nlp`."""
    _single_thread_blas()
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
