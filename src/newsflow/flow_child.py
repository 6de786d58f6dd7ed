"""The flow process of `newsflow run` (`supervise` starts it): the run's flow with the lock
its command took, its ending reported to the command, and a quick exit.

It reads its request (bundle, settings, run id, the locked descriptor, a report pipe) from
the first line of its stdin, starts Prefect's temporary server when no API is named
(`early_server`) and its gate process, and imports Prefect, spaCy and the stages while the
command records the run, then begins the run when the command writes `go` (or
leaves, without a run, when its stdin closes). Progress and the ending go to the command as
JSON lines on the report pipe; its output goes to the run's log.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsflow import early_server, runlock
from newsflow import settings as settings_mod

EXIT_FAILED = 1


class Reports(logging.Handler):
    """Sends the pipeline's progress records to the command, one JSON line each."""

    def __init__(self, send: Callable[[dict[str, Any]], None]) -> None:
        super().__init__(logging.INFO)
        self.send = send

    def emit(self, record: logging.LogRecord) -> None:
        info = getattr(record, "newsflow_progress", None)
        if info:
            self.send({"progress": info})


def child_main() -> None:
    """The flow process: run the flow with the lock its parent took, report, exit."""
    request = json.loads(sys.stdin.readline())
    status = os.fdopen(request["status_fd"], "w", buffering=1, encoding="utf-8")
    exit_code = [EXIT_FAILED]
    # Registered first, so run last: after Prefect's own exit handlers (its server stopped,
    # its logs and events sent), leave without tearing down the interpreter, which took
    # 4-9 s here for a heap of Prefect, spaCy and Great Expectations objects.
    atexit.register(_leave_now, exit_code)
    lock_guard = threading.Lock()

    def send(report: dict[str, Any]) -> None:
        with lock_guard:
            status.write(json.dumps(report, default=str) + "\n")

    settings = settings_mod.Settings.from_params(request["settings"])
    runlock.adopt(request["lock_fd"], settings.warehouse)
    logger = logging.getLogger("newsflow")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    to_log = logging.StreamHandler(sys.stderr)
    to_log.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(to_log)
    logger.addHandler(Reports(send))
    code = 0
    from newsflow import interrupts  # noqa: PLC0415

    with interrupts.handle_signals():
        _watch_parent(os.getppid())
        try:
            # first of all: Prefect's temporary server (when no API is named) starts beside
            # everything below instead of after it
            early = early_server.spawn()
            from newsflow.quality import worker  # noqa: PLC0415 - polars only

            # next: its GX import takes seconds, beside the imports below
            worker.start(settings)
            clock = time.monotonic()
            from newsflow import runs  # noqa: PLC0415 - spaCy, stages: slow
            from newsflow.flows.pipeline import run_flow  # noqa: PLC0415 - Prefect: slow

            logger.info(
                "flow imported (Prefect, spaCy, stages) in %.1f s", time.monotonic() - clock
            )
            # The models load while the temporary server (if any) finishes starting, then
            # while Prefect starts the flow run.
            runs.warm_up(settings)
            clock = time.monotonic()
            if early_server.adopt(early):
                waited = time.monotonic() - clock
                logger.info(
                    "temporary Prefect server (started early) ready after %.1f s more", waited
                )
            if sys.stdin.readline().strip() != "go":  # the command could not begin the run
                _leave_now([0])
            summary = run_flow(Path(request["bundle"]), settings, run_id=request["run_id"])
            send({"result": "completed", "summary": summary})
        except BaseException as exc:  # noqa: BLE001 - every ending is reported
            signum = interrupts.signal_of(exc)
            traceback.print_exc()
            if signum is not None:
                send({"result": "interrupted", "signal": signum})
                code = 128 + signum
            else:
                send({"result": "failed", "error": explain(exc)})
                code = EXIT_FAILED
    # The run is over; stopping Prefect's server (atexit) must not be cut short now.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    status.close()
    exit_code[0] = code
    sys.exit(code)


def _leave_now(code: list[int]) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code[0])


def explain(exc: BaseException) -> str:
    """A failure in one paragraph, without a traceback: newsflow's own errors are written
    for people; others get their type name in front."""
    text = str(exc).strip()
    if type(exc).__module__.startswith("newsflow"):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _watch_parent(parent: int) -> None:
    """Interrupt this run (cleanly, as Ctrl-C would) if the command that started it is gone:
    a run nobody waits for should not go on holding the warehouse."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="newsflow-parent-watch", daemon=True).start()
