"""Threads and process-wide interpreter switches used by dedupe, in one place.

Dedupe's compiled kernels (`nogil`) run on a small pool of worker threads. The digest copy out
of rensa changes two process-wide settings while it runs (`copying_digests`): the GIL switch
interval and the cyclic garbage collector. Nothing else in newsflow touches them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
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


@contextlib.contextmanager
def copying_digests() -> Iterator[None]:
    """For the block: Python's cyclic garbage collector paused (if it runs), and a thread
    waiting for the GIL gets it after 0.1 ms instead of 5.

    The digest copy allocates many lists of ints, which hold no cycles: paused, the collector
    makes no young collections over them. The copy holds the GIL all along, while the worker
    digesting the next chunk needs it for a moment between its compiled calls; at the default
    5 ms switch interval it waited so long that overlapping the two saved nothing (7.2 vs 7.0
    us/doc), at 0.1 ms it saves a fifth (5.8). Both settings are process-wide: the first of
    overlapping blocks (threads) changes them and the last one out restores them."""
    global _copiers, _saved_settings
    with _copiers_lock:
        if _copiers == 0:
            _saved_settings = (gc.isenabled(), sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(min(_saved_settings[1], 1e-4))
        _copiers += 1
    try:
        yield
    finally:
        with _copiers_lock:
            _copiers -= 1
            if _copiers == 0:
                was_enabled, interval = _saved_settings
                sys.setswitchinterval(interval)
                if was_enabled:
                    gc.enable()


_copiers = 0  # blocks inside copying_digests
_copiers_lock = threading.Lock()
_saved_settings = (True, 0.005)
