"""SIGINT and SIGTERM as an exception a run can clean up after, except where it must not.

`newsflow run` runs the flow in a child process; its supervisor turns Ctrl-C or SIGTERM into
one SIGINT to that child (`newsflow.supervise`). In the child, `handle_signals` makes that
signal raise `RunInterrupted` in the main thread, wherever the run is: the run rolls back,
marks itself `interrupted` and stops its workers (`pipeline.run_bundle`). Inside `shielded()`
(the load's commit) the exception waits until the block ends: a commit is finished, never
cut in half, and the run then reports what the warehouse holds.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol


class RunInterrupted(BaseException):
    """The run was asked to stop by a signal. A BaseException, like KeyboardInterrupt, so that
    the `except Exception` of a step or a library does not take it for a data error."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum


def signal_of(exc: BaseException) -> int | None:
    """The signal that ended a run with `exc`, or None when `exc` is an ordinary failure."""
    if isinstance(exc, RunInterrupted):
        return exc.signum
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    # Prefect turns SIGTERM into its TerminationSignal (a BaseException with `.signal`)
    signum = getattr(exc, "signal", None)
    if not isinstance(exc, Exception) and isinstance(signum, int):
        return signum
    return None


@dataclass
class _State:
    received: int | None = None  # the first signal of the run
    raised: bool = False  # RunInterrupted was raised for it
    shield_depth: int = 0


# Signal handlers are per process and run in the main thread; this is their state.
_STATE = _State()


def _handler(signum: int, frame: FrameType | None) -> None:
    if _STATE.received is not None:
        return  # one interruption per run: the cleanup it started must not be cut short
    _STATE.received = signum
    if _STATE.shield_depth:
        return  # raised when the shielded block ends
    _STATE.raised = True
    raise RunInterrupted(signum)


@contextmanager
def handle_signals(signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[None]:
    """Turn `signals` into RunInterrupted for the block (main thread only)."""
    previous = {signum: signal.signal(signum, _handler) for signum in signals}
    _STATE.received, _STATE.raised = None, False
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def received() -> int | None:
    """The signal that interrupted this process, if one came."""
    return _STATE.received


@contextmanager
def shielded() -> Iterator[None]:
    """A block a signal does not cut: RunInterrupted is raised when it ends, if one came."""
    _STATE.shield_depth += 1
    try:
        yield
    finally:
        _STATE.shield_depth -= 1
    if not _STATE.shield_depth and _STATE.received is not None and not _STATE.raised:
        _STATE.raised = True
        raise RunInterrupted(_STATE.received)


class _Waitable(Protocol):
    def result(self, timeout: float | None = None) -> Any: ...


def wait_for(future: _Waitable) -> Any:
    """A future's result, waking twice a second meanwhile: a signal may be delivered to
    another thread, and a thread waiting on a lock never sees it, so Ctrl-C would otherwise
    wait for a worker's whole batch."""
    while True:
        try:
            return future.result(timeout=0.5)
        except TimeoutError:
            continue


def exit_with_parent(parent: int) -> None:
    """In an NLP worker process: exit when the flow process is gone (killed, say),
    instead of waiting for work forever with a model in memory and the parent's pipes held."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="newsflow-parent-watch", daemon=True).start()
