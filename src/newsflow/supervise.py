"""`newsflow run` as an operator needs it: the warehouse first, the flow in a child process,
signals handled, and the last word read from the warehouse.

This process (the command) stays light. It takes the run lock and records the run as
`running` before any expensive start-up (Prefect, spaCy, Great Expectations), so a busy
warehouse is reported within a second or two, naming its holder. The flow then runs in a child
process in a session of its own, with the Prefect server and the NLP workers it starts: a
terminal's Ctrl-C (SIGINT to the foreground process group) or a SIGTERM reaches only this
process. It asks the child to stop (one SIGINT: the child rolls back or finishes its commit,
marks the run and stops its workers and server; `newsflow.interrupts`), waits up to
`GRACE_SECONDS`, and otherwise kills the child's whole session. Whatever happened, it then
makes the runs row honest, removes the run's staging and the lock file, and reads what the
warehouse holds. The child's output (Prefect's logs, tracebacks) goes to the run's log file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from newsflow import runlock
from newsflow import settings as settings_mod
from newsflow.flow_child import EXIT_FAILED, Reports

# How long a run may take to stop after it was asked to, before its processes are killed:
# rolling back and recording the run takes a second or two; a commit under way may need more.
GRACE_SECONDS = 15.0
EXIT_BUSY = 75  # EX_TEMPFAIL: the warehouse is held; try again later

Progress = Callable[[dict[str, Any]], None]


class CannotStart(Exception):
    """The run did not start (nothing was recorded): a bad bundle or a busy warehouse."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Totals:
    """What the warehouse holds, for the sentence that ends a run."""

    articles: int
    events: int
    completed_runs: int

    def describe(self) -> str:
        return (
            f"{self.articles} articles and {self.events} events from "
            f"{self.completed_runs} completed run{'s' if self.completed_runs != 1 else ''}"
        )


@dataclass
class Outcome:
    """How a run ended, as the warehouse records it after the run's processes are gone."""

    run_id: str
    warehouse: Path
    status: str | None  # the runs row: completed | failed | interrupted (None: unreadable)
    error: str | None  # the child's explanation of a failure, else the runs row's
    signal: int | None  # the signal this command received, if one came
    killed: bool  # the run did not stop within GRACE_SECONDS and was killed
    before: Totals
    after: Totals | None
    seconds: float | None  # the runs row's: from taking the warehouse to the commit
    wall_seconds: float  # the whole command
    startup_seconds: float | None  # the command's start to its first document
    log_path: Path | None
    record: dict[str, Any] = field(default_factory=dict)  # the runs row, as it ended
    summary: dict[str, Any] = field(default_factory=dict)  # the child's run summary
    unreadable: str | None = None  # why the warehouse could not be read at the end

    @property
    def exit_code(self) -> int:
        if self.status == "completed":
            return 0
        if self.signal is not None:
            return 128 + self.signal
        return EXIT_FAILED

    def sentence(self) -> str:
        """One line: how the run ended and what the warehouse holds now, read from it."""
        cause = None
        if self.signal is not None:
            cause = f"interrupted ({_signal_name(self.signal)}{', killed' if self.killed else ''})"
        if self.after is None:
            held = f"the warehouse could not be read to confirm it: {self.unreadable}"
        elif self.status == "completed":
            held = f"the warehouse now holds {self.after.describe()}"
        elif self.after == self.before:
            held = f"the warehouse holds {self.after.describe()}, as before"
        else:  # another process wrote it meanwhile: say what is there, not "unchanged"
            held = f"the warehouse holds {self.after.describe()} (it held {self.before.describe()})"
        log = self._log_note()
        if self.status == "completed":
            loaded = self.record.get("loaded")
            what = f" ({loaded} articles loaded)" if loaded is not None else ""
            head = f"{cause} after the load committed: " if cause else ""
            return f"{head}run {self.run_id} completed{what}; {held}."
        if self.status == "interrupted":
            return (
                f"{cause or 'interrupted'} before the load committed: nothing of run "
                f"{self.run_id} was loaded; {held}{log}."
            )
        if self.status == "failed":
            head = (
                f"{cause}; run {self.run_id} had failed" if cause else f"run {self.run_id} failed"
            )
            reason = f": {self.error.rstrip('.')}" if self.error else ""
            return f"{head}{reason}. Nothing of it was loaded; {held}{log}."
        return (
            f"{cause or 'stopped'}: run {self.run_id} is recorded as "
            f"{self.status or 'unknown'}; {held}{log}."
        )

    def _log_note(self) -> str:
        return f" (log: {self.log_path})" if self.log_path else ""


def _signal_name(signum: int | None) -> str:
    if signum == signal.SIGINT:
        return "Ctrl-C"
    return signal.Signals(signum).name if signum else "signal"


def run(
    bundle: Path,
    settings: settings_mod.Settings,
    *,
    wait_seconds: float = 0.0,
    debug: bool = False,
    progress: Progress | None = None,
    started: float | None = None,
) -> Outcome:
    """Run the flow on `bundle` in a child process, answering for it (see the module doc).

    Raises CannotStart when the run cannot begin: a bad bundle, a warehouse another run or a
    reader holds for longer than `wait_seconds`, or a signal before the flow started."""
    started = time.monotonic() if started is None else started
    say = progress or (lambda info: None)
    run_id = runlock.new_run_id()
    with _taking_signals() as received:
        try:
            holder = runlock.holder(settings.warehouse) if wait_seconds else None
            if holder is not None:
                say({"stage": "wait", "holder": holder.describe()})
            # first, before any import that takes time: a busy warehouse is said at once
            lock = runlock.acquire(settings.warehouse, wait_seconds, run_id)
        except runlock.WarehouseBusy as exc:
            raise CannotStart(str(exc), EXIT_BUSY) from None
        except _StoppedEarly as stop:
            raise stop.cannot_start(
                "while waiting for the warehouse; nothing was recorded"
            ) from None
        try:
            # The flow process starts now and imports (Prefect, spaCy; seconds) while this one
            # migrates and records the run; it begins the run only when told to (`go`).
            try:
                child = _Child.start(bundle, settings, run_id, lock, debug)
            except OSError as exc:  # no room for its log, say: the run never began
                raise CannotStart(f"run {run_id} could not start: {exc}") from None
            except _StoppedEarly as stop:  # its process, if it began, leaves when we do
                raise stop.cannot_start("before the run began; nothing was recorded") from None
            try:
                with _relay(say):  # "waiting for a reader …" while the file is held
                    before = _begin(bundle, settings, run_id, wait_seconds, started)
            except _StoppedEarly as stop:
                child.abandon()
                _record_end(settings, run_id, f"interrupted by {stop.name}", "interrupted")
                raise stop.cannot_start(
                    f"before run {run_id} started; nothing was loaded"
                ) from None
            except BaseException:
                child.abandon()
                raise
            say({"stage": "starting"})
            received.forward = True  # from now on a signal goes to the run, not here
            child.go()
            child.follow(say, received)
            return _finish(settings, run_id, child, received, before, started)
        finally:
            lock.release()


def _begin(
    bundle: Path, settings: settings_mod.Settings, run_id: str, wait: float, started: float
) -> Totals:
    """Check the bundle, then record the run as `running` (migrating the warehouse), waiting
    what is left of `wait` for a process holding the file; return what it held."""
    from newsflow import ingest, load  # noqa: PLC0415 - polars, DuckDB: after the lock
    from newsflow import warehouse as wh  # noqa: PLC0415

    try:
        ingest.bundle_kind(bundle)
    except ingest.IngestError as exc:
        raise CannotStart(str(exc)) from None
    left = max(0.0, wait - (time.monotonic() - started))
    try:
        con = wh.connect(
            settings.warehouse,
            timeout_s=left,
            remedy="A run writes the warehouse at its start and for its load: close that "
            "connection, or pass --wait SECONDS to wait for it.",
        )
    except wh.WarehouseUnavailable as exc:
        raise CannotStart(str(exc), EXIT_BUSY) from None
    with con:
        wh.migrate(con)
        before = _totals(con)
        load.begin_run(
            con,
            load.RunRecord(
                run_id, str(bundle), ingest.bundle_id(bundle), None,
                json.dumps(settings.to_params()),
            ),
        )  # fmt: skip
    return before


@contextmanager
def _relay(say: Progress) -> Iterator[None]:
    """Pass the progress records this process logs (a wait for the file) to `say`."""
    logger = logging.getLogger("newsflow")
    handler = Reports(lambda report: say(report["progress"]))
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def _record_end(
    settings: settings_mod.Settings, run_id: str, error: str, status: str = "failed"
) -> None:
    """Mark a run that never got going `failed` or `interrupted` (best effort: the next run
    marks it `abandoned` otherwise), and remove what it staged."""
    from newsflow import load  # noqa: PLC0415
    from newsflow import warehouse as wh  # noqa: PLC0415

    with (
        contextlib.suppress(wh.WarehouseUnavailable, OSError),
        wh.connect(settings.warehouse, timeout_s=5.0) as con,
    ):
        load.fail_run(con, run_id, error, status)
    _remove_staging(settings, run_id)


def _totals(con: Any) -> Totals:
    row = con.execute(
        "select (select count(*) from articles), (select count(*) from events), "
        "(select count(*) from runs where status = 'completed')"
    ).fetchone()
    return Totals(*row)


@dataclass
class _Received:
    """Signals this command received; until `forward`, one stops the command itself."""

    first: int | None = None
    count: int = 0
    forward: bool = False  # the run's process exists: signals are for it
    asked_at: float | None = None  # when the child was asked to stop
    killed: bool = False


class _StoppedEarly(Exception):
    """A signal came before the run's process started (while waiting for the warehouse)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = _signal_name(signum)

    def cannot_start(self, when: str) -> CannotStart:
        return CannotStart(f"interrupted ({self.name}) {when}", 128 + self.signum)


@contextmanager
def _taking_signals() -> Iterator[_Received]:
    """Take SIGINT, SIGTERM and SIGHUP for the block. Before the run's process starts, a
    signal stops the command (`_StoppedEarly`); after, the first asks the run to stop and a
    second kills it (`_Child.follow` acts on them)."""
    received = _Received()

    def handler(signum: int, frame: FrameType | None) -> None:
        received.count += 1
        if received.first is None:
            received.first = signum
        if not received.forward and received.count == 1:  # once: clean-up is not cut short
            raise _StoppedEarly(signum)

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, handler) for signum in signals}
    try:
        yield received
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


@dataclass
class _Child:
    """The process running the flow, in its own session, and what it reported."""

    process: subprocess.Popen[bytes]
    status: int  # read end of its report pipe
    log_path: Path | None
    made: list[Path]  # the folders made for its log, innermost first
    reports: list[dict[str, Any]] = field(default_factory=list)
    first_document_at: float | None = None

    @classmethod
    def start(
        cls,
        bundle: Path,
        settings: settings_mod.Settings,
        run_id: str,
        lock: runlock.RunLock,
        debug: bool,
    ) -> _Child:
        read_end, write_end = os.pipe()
        log_path = None if debug else settings.reports_path / run_id / "run.log"
        request = {
            "bundle": str(bundle),
            "settings": settings.to_params(),
            "run_id": run_id,
            "lock_fd": lock.fd,
            "status_fd": write_end,
        }
        env = child_environment(os.environ)
        made = []
        if log_path is not None:
            made = [p for p in (log_path.parent, *log_path.parent.parents) if not p.exists()]
            log_path.parent.mkdir(parents=True, exist_ok=True)
            output: Any = log_path.open("ab")
        else:
            output = None  # --debug: the child's output on this terminal
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", "from newsflow.flow_child import child_main; child_main()"],
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=subprocess.STDOUT if output is not None else None,
                pass_fds=(lock.fd, write_end),
                start_new_session=True,  # terminal signals reach this process only
                env=env,
            )
        finally:
            os.close(write_end)
            if output is not None:
                output.close()
        assert process.stdin is not None
        process.stdin.write(json.dumps(request).encode() + b"\n")
        process.stdin.flush()
        return cls(process, read_end, log_path, made)

    def go(self) -> None:
        """Let it begin the run (recorded as `running` by now)."""
        assert self.process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it died already: `follow` will tell
            self.process.stdin.write(b"go\n")
            self.process.stdin.close()

    def abandon(self) -> None:
        """The run did not begin: stop the process and its session, remove its log."""
        _kill_session(self.process.pid)
        self.process.wait()
        _await_session_gone(self.process.pid)
        os.close(self.status)
        with contextlib.suppress(BrokenPipeError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)
            for folder in self.made:
                with contextlib.suppress(OSError):  # not empty: someone else's now
                    folder.rmdir()

    def follow(self, say: Progress, received: _Received) -> None:
        """Relay the child's reports until it exits; stop it when a signal comes."""
        buffer = b""
        while True:
            self._act_on_signals(say, received)
            ready, _, _ = select.select([self.status], [], [], 0.2)
            if ready:
                chunk = os.read(self.status, 65536)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    self._report(line, say)
                if not chunk and self._exited():
                    break
            elif self._exited():
                break
        os.close(self.status)
        # Whatever the child left running in its session (a Prefect server, NLP or Dask
        # workers, if it died without stopping them) goes with it. The child is not reaped
        # yet, so its process group id cannot have been reused.
        _kill_session(self.process.pid)
        self.process.wait()
        _await_session_gone(self.process.pid)

    def _act_on_signals(self, say: Progress, received: _Received) -> None:
        if received.first is None:
            return
        now = time.monotonic()
        if received.asked_at is None:
            received.asked_at = now
            say({"stage": "stopping", "signal": received.first, "grace": GRACE_SECONDS})
            with _suppress_gone():
                os.kill(self.process.pid, signal.SIGINT)
        elif not received.killed and (
            received.count > 1 or now - received.asked_at > GRACE_SECONDS
        ):
            received.killed = True
            say({"stage": "killing"})
            _kill_session(self.process.pid)

    def _report(self, line: bytes, say: Progress) -> None:
        try:
            report = json.loads(line)
        except ValueError:
            return
        self.reports.append(report)
        info = report.get("progress")
        if info is not None:
            if info.get("stage") == "documents" and self.first_document_at is None:
                self.first_document_at = time.monotonic()
            say(info)

    def _exited(self) -> bool:
        # WNOWAIT: notice the exit without reaping, so the session can still be killed safely
        try:
            return (
                os.waitid(os.P_PID, self.process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
                is not None
            )
        except ChildProcessError:
            return True

    def result(self) -> dict[str, Any]:
        """The child's last word (`{"result": "completed" | "failed" | "interrupted", ...}`)."""
        for report in reversed(self.reports):
            if "result" in report:
                return report
        code = self.process.returncode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return {"result": "lost", "error": f"the run's process ended without a result ({how})"}


def _suppress_gone() -> contextlib.suppress:
    """For signalling a process that may be gone already."""
    return contextlib.suppress(ProcessLookupError, PermissionError)


def _kill_session(pid: int) -> None:
    with _suppress_gone():
        os.killpg(pid, signal.SIGKILL)


def _await_session_gone(pgid: int, limit: float = 10.0) -> None:
    """Wait (at most `limit` seconds) until the killed group's processes are reaped, so no
    worker outlives the command that reports the run as stopped (SIGKILL is asynchronous)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


def _finish(
    settings: settings_mod.Settings,
    run_id: str,
    child: _Child,
    received: _Received,
    before: Totals,
    started: float,
) -> Outcome:
    """After the run's processes are gone: an honest runs row, no staging left, the truth."""
    from newsflow import load  # noqa: PLC0415
    from newsflow import warehouse as wh  # noqa: PLC0415

    result = child.result()
    error = result.get("error")
    signum = received.first if received.first is not None else result.get("signal")
    status = after = seconds = unreadable = None
    record: dict[str, Any] = {}
    try:
        with wh.connect(
            settings.warehouse,
            timeout_s=min(settings.lock_timeout_s, 10.0),
            remedy="The run's row may still say `running`; the next run marks it `abandoned`.",
        ) as con:
            status = load.run_status(con, run_id)
            if status == "running":  # the child could not say how it ended: this is how
                if signum is not None:
                    ended = "interrupted"
                    why = f"interrupted by {signal.Signals(signum).name}; nothing was loaded"
                else:
                    ended, why = "failed", error or "the run's process ended without a result"
                status = load.fail_run(con, run_id, why, ended)
            cursor = con.execute("select * from runs where run_id = ?", [run_id])
            names = [column[0] for column in cursor.description]
            record = dict(zip(names, cursor.fetchone() or (), strict=False))
            if error is None and status != "completed":
                error = record.get("error")
            seconds_row = con.execute(
                _resource_sql("report/run_seconds.sql"), {"run_id": run_id}
            ).fetchone()
            seconds = None if seconds_row is None else seconds_row[0]
            after = _totals(con)
    except wh.WarehouseUnavailable as exc:
        unreadable = str(exc)
    _remove_staging(settings, run_id)
    startup = None if child.first_document_at is None else child.first_document_at - started
    return Outcome(
        run_id=run_id,
        warehouse=settings.warehouse,
        status=status,
        error=error,
        signal=signum,
        killed=received.killed,
        before=before,
        after=after,
        seconds=None if seconds is None else float(seconds),
        wall_seconds=time.monotonic() - started,
        startup_seconds=startup,
        log_path=child.log_path,
        record=record,
        summary=result.get("summary") or {},
        unreadable=unreadable,
    )


def _resource_sql(name: str) -> str:
    from newsflow import resources  # noqa: PLC0415

    return resources.sql(name)


def _remove_staging(settings: settings_mod.Settings, run_id: str) -> None:
    """The run's staging folder, then the staging folders it leaves empty."""
    import shutil  # noqa: PLC0415

    from newsflow import load  # noqa: PLC0415

    shutil.rmtree(settings.staging_path / run_id, ignore_errors=True)
    folders = [settings.staging_path]
    if settings.staging_dir is None:
        folders.append(settings.staging_path.parent)
    load.remove_empty(*folders)


def child_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, str]:
    """The flow process's environment: Prefect quiet and without telemetry (the operator may
    still override each of these)."""
    env = dict(environ)
    env.setdefault("DO_NOT_TRACK", "1")  # Prefect's client telemetry and its first-run notice
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # The temporary Prefect server can take longer than its default 20 s to start on a
    # loaded machine.
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    env["PYTHONUNBUFFERED"] = "1"
    return env
