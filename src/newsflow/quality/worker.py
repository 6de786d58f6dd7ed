"""The gates' Great Expectations in a process of its own, started before the run needs it.

Importing GX and building the suites costs ~5 s of one core, the largest single cost of a
small run's start-up (issue 24). The flow process has its own start-up to do in that time
(Prefect, spaCy), and the GIL makes a thread no help: a child process takes the other core.
`newsflow run` starts it first thing in the flow process (`start`); the run takes it when it
opens (`take`) and validates each gate's columns through it. A finished run keeps it for the
next run of the same process (a library caller, `bench`), which then pays no GX import; a
failed one kills it, and so does the process's exit. A run that was not started by
`newsflow run` starts its own in `take`.

The two talk by pickles over the child's stdin and stdout: (suites, date) once, then
(stage, columns) for ("ok", results) or ("error", message). A plain child process, not a
multiprocessing pool: no semaphores or resource tracker left to clean up when the flow process
leaves with `os._exit`. It ignores SIGINT (its parent decides when it stops) and exits when
its stdin closes, so it never outlives the flow process.
"""

from __future__ import annotations

import atexit
import builtins
import datetime as dt
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import pickle
import signal
import subprocess
import sys
import time
from typing import IO, Any

import polars as pl

from newsflow.quality.validator import Result, SuiteValidator, prepared_suites
from newsflow.settings import Settings

log = logging.getLogger("newsflow")


class GateProcess:
    """A `SuiteValidator` in a child process: the same results, asked for over a pipe."""

    def __init__(self, suites: dict[str, dict], today: dt.date) -> None:
        self.today = today
        self.key = _key(suites)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "newsflow.quality.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,  # the channel; its stderr is the run's log
        )
        self._ready = False
        self._closed = False
        self._send((suites, today))

    @classmethod
    def for_settings(cls, settings: Settings, today: dt.date | None = None) -> GateProcess:
        """One for the suites of `settings`, resolved for `today` (default: today, UTC)."""
        today = today or dt.datetime.now(dt.UTC).date()
        return cls(prepared_suites(settings, today), today)

    def validate(self, stage: str, values: pl.DataFrame) -> list[Result]:
        """(success, summary) per expectation of `stage`, in suite order."""
        if not self._ready:  # its suites built (or the error that stopped them)
            clock = time.monotonic()
            self._answer()
            self._ready = True
            log.info("gate process ready after %.1f s more", time.monotonic() - clock)
        self._send((stage, values))
        results: list[Result] = self._answer()
        return results

    def _send(self, message: Any) -> None:
        assert self._process.stdin is not None
        try:
            pickle.dump(message, self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._process.stdin.flush()
        except BrokenPipeError:
            raise self._gone() from None

    def _answer(self) -> Any:
        assert self._process.stdout is not None
        try:
            kind, value = pickle.load(self._process.stdout)
        except EOFError:
            raise self._gone() from None
        if kind == "error":
            name, message = value
            error = getattr(builtins, name, None)
            if isinstance(error, type) and issubclass(error, Exception):
                raise error(message)
            raise RuntimeError(f"{name}: {message}")
        return value

    def _gone(self) -> RuntimeError:
        code = self._process.wait()
        return RuntimeError(f"the gate process ended (exit code {code}); see the run's log")

    def release(self, abort: bool = False) -> None:
        """The run is done with it: kept for the next run of this process (`take`), which
        then pays no GX import, or killed when `abort` (it may be mid-answer)."""
        if abort or not self.alive():
            self.close()
            return
        _keep(self)

    def alive(self) -> bool:
        return not self._closed and self._process.poll() is None

    def close(self) -> None:
        """Stop the process (once; again is a no-op). It holds nothing but GX, so it is
        killed rather than asked to exit: tearing down GX's heap in an orderly exit takes
        seconds that a run (or the command waiting for the run's processes) would wait for."""
        if self._closed:
            return
        self._closed = True
        self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()


# Gate processes started ahead (`start`) or kept by a finished run (`release`), for the next
# run to take. A process-wide slot, like `runs._WARMING`: it outlives the Prefect flow.
_KEPT: list[GateProcess] = []


def _key(suites: dict[str, dict]) -> str:
    return json.dumps(suites, sort_keys=True, default=str)


def start(settings: Settings) -> None:
    """Start the gate process of a run with `settings` now (it takes seconds to be ready)."""
    if settings.gates:
        _keep(GateProcess.for_settings(settings))


def take(settings: Settings) -> GateProcess:
    """A started or kept gate process built from the suites `settings` give today, else a new
    one (a kept one built from other suites, or for another day, is stopped)."""
    today = dt.datetime.now(dt.UTC).date()
    suites = prepared_suites(settings, today)
    while _KEPT:
        process = _KEPT.pop()
        if process.key == _key(suites) and process.today == today and process.alive():
            return process
        process.close()
    return GateProcess(suites, today)


def _keep(process: GateProcess) -> None:
    while _KEPT:
        _KEPT.pop().close()
    _KEPT.append(process)


@atexit.register
def _stop_kept() -> None:
    # A kept process would see its stdin close and exit by itself, but slowly (GX's teardown),
    # and `newsflow run`'s command waits for every process of the flow's session to be gone.
    while _KEPT:
        _KEPT.pop().close()


def serve(channel_in: IO[bytes], channel_out: IO[bytes]) -> None:
    """In the gate process: build the suites, then answer each (stage, columns) until EOF."""

    def send(kind: str, value: Any) -> None:
        pickle.dump((kind, value), channel_out, protocol=pickle.HIGHEST_PROTOCOL)
        channel_out.flush()

    def failed(exc: Exception) -> None:
        send("error", (type(exc).__name__, str(exc)))

    suites, today = pickle.load(channel_in)
    try:
        validator = SuiteValidator(suites, today)
    except Exception as exc:  # noqa: BLE001 - reported to the run, which raises it
        failed(exc)
        return
    send("ok", None)
    while True:
        try:
            stage, values = pickle.load(channel_in)
        except EOFError:  # the run is over, or its process is gone
            return
        try:
            send("ok", validator.validate(stage, values))
        except Exception as exc:  # noqa: BLE001 - reported to the run, which raises it
            failed(exc)


# Packages GX imports with itself for expectations the suites do not use: scipy for its
# distribution tests (KS, KL divergence), altair for their plots. Importing them took ~1.5 s of
# the gate process's ~3.2 s of GX import CPU, on a 2-core machine beside the flow's start-up.
DEFERRED = frozenset({"scipy", "altair"})


class DeferredImports(importlib.abc.MetaPathFinder):
    """Imports the `DEFERRED` packages lazily (`importlib.util.LazyLoader`): a module runs when
    code first uses it, not when it is imported, so an expectation that needs scipy still
    gets it, and one that does not never pays for it."""

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] not in DEFERRED:
            return None
        for finder in sys.meta_path:  # the spec the other finders would give
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None


def defer_imports() -> None:
    """In the gate process, before GX is imported: see `DEFERRED`."""
    if not any(isinstance(f, DeferredImports) for f in sys.meta_path):
        sys.meta_path.insert(0, DeferredImports())


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    defer_imports()
    channel_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a library's print must not land in the channel
    serve(sys.stdin.buffer, channel_out)
