"""The dedupe kernels' compiler, loaded only for work big enough to pay for it (issue 24).

Every dedupe kernel is written once, as numba-compilable Python, and decorated with `kernel`
instead of `numba.njit`. A call whose arrays are all small (a few articles and their history)
runs the same function as plain Python: importing numba and loading the compiled kernels from
its cache costs a process ~0.5 s of CPU, more than a small batch's whole dedupe. A bigger call
compiles (or loads from numba's on-disk cache) and runs the compiled kernel, as before.
Both give the same results (tests/test_dedupe_kernels.py compares every output on real
articles); numba is imported at the first big call only.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Callable
from typing import Any

import numpy as np

# A call whose arrays are all smaller than this runs as Python. A fresh process deduping
# Reuters articles, CPU with numba's import and cache loads against without (alternated):
# 15 articles (40 KB) 0.29-0.35 s as Python, 0.70-0.82 s compiled; 40 (106 KB, over this
# bound: compiled) 0.64-0.72 s against 0.79-0.84 s. Conservative: history-sized calls vary.
INTERPRET_BELOW = 1 << 16
# weights (per table row, per 1-D element) against INTERPRET_BELOW (see `_small`): before numba
# is loaded, and once it is (a table of 64 rows or more, a 1-D array of 512 elements compiled:
# a byte table of 256 entries is not big).
# Once loaded, a 1-D array of 4,096 elements still ran as Python: a 2,000-article batch's
# content-hash index (sort, level merges, filter) took 0.14 s of the 20k-document dedupe path's
# 0.68 s, 0.02 s compiled (the path 0.68 -> 0.51 s)
WEIGHTS_BEFORE_LOADED = (16, 1)
WEIGHTS_ONCE_LOADED = (1024, 128)

_local = threading.local()  # `interpreting`: inside a kernel run as Python (its callees too)
_compile_lock = threading.RLock()
_numba_loaded = False  # a kernel of this process has been compiled: numba's import is paid


class Kernel:
    """A numba-compilable function: run as Python on small arrays, else compiled."""

    def __init__(self, fn: Callable[..., Any], options: dict[str, Any]) -> None:
        self.fn = fn
        self.options = options
        self._compiled: Any = None
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__
        self.__doc__ = fn.__doc__
        self.__module__ = fn.__module__

    def __call__(self, *args: Any) -> Any:
        if getattr(_local, "interpreting", False):
            return self.fn(*args)  # a callee of a kernel running as Python
        weights = WEIGHTS_ONCE_LOADED if _numba_loaded else WEIGHTS_BEFORE_LOADED
        if not _small(args, *weights):
            return self.compiled()(*args)
        _local.interpreting = True
        try:
            # numba's integer arithmetic wraps silently; numpy's scalars wrap too, and warn
            with np.errstate(over="ignore"):
                return self.fn(*(_widened(a) for a in args))
        finally:
            _local.interpreting = False

    def compiled(self) -> Any:
        """The numba dispatcher of this kernel (created once; compiled, or loaded from numba's
        cache, at its first call), its callee kernels resolved to their dispatchers."""
        with _compile_lock:
            if self._compiled is None:
                import numba  # noqa: PLC0415 - the point of this module: only when needed

                scope: dict[str, Any] = {}
                fn = types.FunctionType(
                    self.fn.__code__, scope, self.fn.__name__, self.fn.__defaults__,
                    self.fn.__closure__,
                )  # fmt: skip
                fn.__qualname__ = self.fn.__qualname__
                fn.__module__ = self.fn.__module__
                fn.__doc__ = self.fn.__doc__
                self._compiled = numba.njit(**self.options)(fn)
                global _numba_loaded  # one flag per process, set once
                _numba_loaded = True
                # filled after: kernels of one module name each other (numba reads the
                # globals at the first call, not here)
                scope.update(
                    (name, value.compiled() if isinstance(value, Kernel) else value)
                    for name, value in self.fn.__globals__.items()
                )
            return self._compiled


def _widened(arg: Any) -> Any:
    """A read-only array of narrow integers (text bytes from Arrow) as int64, the type numba
    computes its elements in: numpy keeps a uint8 a uint8 (`byte << 8` is 0; numba's is 256).
    A kernel cannot write to a read-only array, so the copy loses nothing."""
    if (
        isinstance(arg, np.ndarray)
        and not arg.flags.writeable
        and arg.dtype.kind in "iu"
        and arg.dtype.itemsize < 8
    ):
        return arg.astype(np.int64)
    return arg


def _small(args: tuple[Any, ...], per_row: int = 16, per_element: int = 1) -> bool:
    """Whether every array argument is small: a 1-D array (text bytes, words, row numbers)
    by its elements, a table (signatures, key lists: a row per article, grown 1024 rows at a
    time) by its rows, each weighed (`per_row`, `per_element`) against the bound. Before numba
    is loaded a table counts 16 a row, so that a few articles' history (1024 rows of capacity)
    runs as Python; once a big call of the process has paid numba's import, WEIGHTS_ONCE_LOADED,
    so that a batch's tables of more than ~64 articles (and its 1-D arrays of 512 values) are
    compiled: a 2,000-article batch's LSH band keys took ~1 s as Python (mix_one called per
    value), milliseconds compiled."""
    return all(
        not isinstance(a, np.ndarray)
        or (a.size * per_element if a.ndim <= 1 else a.shape[0] * per_row) < INTERPRET_BELOW
        for a in args
    )


def runs_compiled(*arrays: np.ndarray) -> bool:
    """Whether a kernel called with these arrays would run compiled (see `_small`): for a
    caller that has a faster non-compiled path than the kernel run as Python."""
    weights = WEIGHTS_ONCE_LOADED if _numba_loaded else WEIGHTS_BEFORE_LOADED
    return not _small(arrays, *weights)


def kernel(**options: Any) -> Callable[[Callable[..., Any]], Kernel]:
    """`numba.njit(**options)`, compiled only for a call with a big array (see module doc)."""

    def wrap(fn: Callable[..., Any]) -> Kernel:
        return Kernel(fn, options)

    return wrap
