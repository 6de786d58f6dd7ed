"""NER of batches away from the flow process: in spawned worker processes on one machine
(`LocalNLPWorkers`) or on Dask workers (`annotate_step` as a Prefect task), and the first batch
split between this process and a worker (`SplitFirstBatch`).

The steps here are stateless (bodies in, a spaCy DocBin out), so they may run anywhere; the
stateful stages (parse, dedupe, resolve) stay in order in the flow process (`pipeline`).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from newsflow import extract, faults, interrupts


class Future(Protocol):
    def result(self, timeout: float | None = None) -> Any: ...


class StepSubmitter(Protocol):
    """Starts a named, stateless step elsewhere (a Dask worker) and returns its future."""

    def __call__(self, name: str, fn: Callable[..., Any], /, *args: Any) -> Future: ...


@functools.lru_cache(maxsize=2)
def _worker_nlp(model: str) -> Any:
    # One model per worker process, loaded on its first batch: loading takes seconds, and a
    # Dask worker runs many batches. (The flow process passes its own model explicitly.)
    return extract.load_nlp(model)


def annotate_step(bodies: list[str], model: str) -> tuple[bytes, str]:
    """Stateless NLP of a batch's extractable bodies, as a spaCy DocBin (runs in an NLP worker
    process or on a Dask worker), and where it ran (`worker_name`)."""
    from spacy.tokens import DocBin  # noqa: PLC0415 - spaCy/Dask load in the worker that uses them

    faults.checkpoint("annotating")
    return DocBin(docs=extract.annotate(bodies, _worker_nlp(model))).to_bytes(), worker_name()


def warm_worker(model: str) -> str:
    """Load the NER model in an NLP worker ahead of its first batch (`LocalNLPWorkers.warm`)."""
    _worker_nlp(model)
    return worker_name()


def worker_name() -> str:
    """ "dask worker <address>" on a Dask worker, else "process <pid>": the run summary counts
    the batches each annotated (`annotated_by`)."""
    try:
        from distributed import get_worker  # noqa: PLC0415

        return f"dask worker {get_worker().address}"
    except (ImportError, ValueError):  # not on a Dask worker
        return f"process {os.getpid()}"


class LocalNLPWorkers:
    """StepSubmitter for one machine: the NER of upcoming batches in `workers` spawned processes
    while this process parses, deduplicates and resolves earlier batches in order (those steps
    carry state). The processes start with the first submitted batch; `run_bundle` submits none
    for a bundle that fits in one batch, which does not pay for a worker's start-up (imports
    and model load: seconds)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, name: str, fn: Callable[..., Any], /, *args: Any) -> Future:
        if self._pool is None:
            # spawn, not fork: this process already runs threads (polars, DuckDB, Prefect)
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=interrupts.exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool.submit(fn, *args)

    def warm(self, model: str) -> None:
        """Start every worker and load its model now, while this process loads its own models
        and the gates: otherwise they start with the first batch, after that start-up, and
        the first batches wait for them (a BBC run: ~12 s with one core idle)."""
        for _ in range(self.workers):
            self("warm", warm_worker, model)

    def close(self, abort: bool = False) -> None:
        """Shut the workers down: after their current batch, or at once when `abort` (an
        interrupted or failed run must not wait for a batch's NER to finish)."""
        if self._pool is None:
            return
        if abort:
            # ProcessPoolExecutor has no public way to stop a running call before 3.14;
            # its processes are ours to end (the pool then reports itself broken and closes).
            for process in list(getattr(self._pool, "_processes", {}).values()):
                with contextlib.suppress(OSError):
                    process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None


class SplitFirstBatch:
    """The first batch's NER in two halves at once: the second by a worker, the first here when
    the result is needed (so the flow process is not idle while the pipeline fills)."""

    def __init__(self, bodies: list[str], nlp: Any, submit: StepSubmitter, model: str) -> None:
        half = len(bodies) // 2
        self.here = bodies[:half]
        self.nlp = nlp
        self.docs: Any = None
        self.there = submit("annotate", annotate_step, bodies[half:], model)

    def result(self, timeout: float | None = None) -> tuple[bytes, str]:
        from spacy.tokens import DocBin  # noqa: PLC0415

        if self.nlp is not None:  # once, however often the caller polls
            self.docs = DocBin(docs=extract.annotate(self.here, self.nlp))
            self.nlp = None
        there, where = self.there.result(timeout)
        self.docs.merge(DocBin().from_bytes(there))
        return self.docs.to_bytes(), where
