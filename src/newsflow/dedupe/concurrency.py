"""The worker threads dedupe's compiled kernels (`nogil`) run on, in one place."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

SCAN_THREADS = max(1, min(2, len(os.sched_getaffinity(0))))
_scan_pool: ThreadPoolExecutor | None = None


def _forget_scan_pool() -> None:
    """A forked child (the NLP workers) has none of the parent's threads: it starts its own."""
    global _scan_pool
    _scan_pool = None


os.register_at_fork(after_in_child=_forget_scan_pool)


def threads() -> ThreadPoolExecutor:
    """The module's worker threads (made on first use)."""
    global _scan_pool
    if _scan_pool is None:
        _scan_pool = ThreadPoolExecutor(SCAN_THREADS, thread_name_prefix="newsflow-scan")
    return _scan_pool


def in_parallel(calls: Sequence[Callable[[], int]]) -> list[int]:
    """Results of the calls, run on the worker threads when there are several (compiled
    `nogil` kernels release the GIL, so they run side by side)."""
    if len(calls) <= 1:
        return [call() for call in calls]
    return list(threads().map(lambda call: call(), calls))


def done(fn: Callable[..., object], *args: object) -> Future:
    """`fn(*args)` run now, as a finished Future."""
    future: Future = Future()
    future.set_result(fn(*args))
    return future
