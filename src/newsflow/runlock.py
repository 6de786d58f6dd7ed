"""One writing run per warehouse: an advisory lock file next to the warehouse.

The lock is an `flock` on `<warehouse>.lock`, released by the kernel when the last process
holding it ends, so a crashed run never blocks the next one. The file names its holder (run
id, pid, start time) for the message another run or a reader prints. The holder deletes the
file when it lets go, so a finished run leaves none behind; only a process killed outright
(SIGKILL) leaves a free lock file, which the next run takes and deletes. Readers never take it.

`newsflow run` takes the lock before its expensive start-up and hands the locked descriptor
to the process that runs the flow (`adopt`), which then holds the same lock, not a second one.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    """Who holds a warehouse's run lock, as its lock file says."""

    pid: int | None
    run_id: str | None = None
    started_at: str | None = None  # ISO time, UTC

    def describe(self) -> str:
        """`newsflow run run_… (pid 123, since 13:14:41 UTC)`, or what is known of it."""
        name = f"newsflow run {self.run_id}" if self.run_id else "a newsflow run"
        facts = [f"pid {self.pid}" if self.pid else "pid unknown"]
        if self.started_at:
            facts.append(f"since {self.started_at[11:19]} UTC")
        return f"{name} ({', '.join(facts)})"


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's run lock."""

    def __init__(self, message: str, holder: Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


def new_run_id() -> str:
    """A time-sortable, unique run id (the run's name in its lock file and its runs row)."""
    return f"run_{datetime.now(UTC):%Y%m%dT%H%M%S}_{uuid.uuid4().hex[:6]}"


def lock_path(warehouse: Path) -> Path:
    """The run lock file of `warehouse` (`<file>.lock` beside it)."""
    return warehouse.with_name(warehouse.name + ".lock")


@dataclass
class RunLock:
    """A held run lock: an open, flock-ed descriptor on the lock file."""

    path: Path
    fd: int

    def release(self) -> None:
        """Delete the lock file (if it is still ours), then let go of the lock."""
        _HELD.pop(_key(self.path), None)
        if self.fd < 0:
            return
        try:
            if _same_file(self.fd, self.path):
                # Deleted while locked: a process that opened the old file before this
                # unlink sees, once it gets the lock, that the path no longer names its file,
                # and opens the path again (see `acquire`).
                self.path.unlink()
        except OSError:
            pass
        os.close(self.fd)  # closing the last descriptor of the open file releases the flock
        self.fd = -1


# The locks this process holds, by lock file. flock belongs to an open file: a second open of
# the same file in this process would wait for the first forever. `exclusive_run` consults
# this so that a run inside a process that already holds the lock (the flow process started
# by `newsflow run`) does not lock against itself. A process-wide table because the lock is a
# process-wide resource.
_HELD: dict[str, RunLock] = {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def read_holder(path: Path) -> Holder | None:
    """The holder recorded in the lock file at `path` (None: no file or nothing recorded)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:  # the pid alone (older newsflow)
        return Holder(pid=int(text)) if text.isdigit() else None
    if not isinstance(data, dict):
        return None
    return Holder(pid=data.get("pid"), run_id=data.get("run_id"), started_at=data.get("since"))


@dataclass(frozen=True)
class FileLock:
    """One lock on a file, as the kernel lists it (/proc/locks)."""

    kind: str  # FLOCK (flock, the run lock) | POSIX (fcntl, DuckDB) | OFDLCK
    mode: str  # READ | WRITE
    pid: int | None  # None for locks that belong to an open file, not a process


def file_locks(path: Path) -> list[FileLock] | None:
    """The locks held on `path` now, from the kernel's table (None where there is none: not
    Linux). Reading it takes no lock, so asking never disturbs a run about to start."""
    try:
        st = os.stat(path)
        table = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return [] if not path.exists() else None
    except OSError:
        return None
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    found = []
    for line in table.splitlines():
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 5549 fe:00:2155041 0 EOF"; "1: -> ..." lines are waiters
        if len(fields) < 6 or fields[1] == "->" or fields[5] != wanted:
            continue
        pid = int(fields[4]) if fields[4].lstrip("-").isdigit() else -1
        found.append(FileLock(fields[1], fields[3], pid if pid > 0 else None))
    return found


def holder(warehouse: Path) -> Holder | None:
    """The run holding `warehouse`'s run lock now, or None when no run holds it."""
    path = lock_path(warehouse)
    locks = file_locks(path)
    recorded = read_holder(path)
    if locks is None:  # no kernel table: trust the file while its process lives
        alive = recorded is not None and recorded.pid is not None and _alive(recorded.pid)
        return recorded if alive else None
    if not any(lock.kind == "FLOCK" and lock.mode == "WRITE" for lock in locks):
        return None
    return recorded or Holder(pid=None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire(warehouse: Path, wait_seconds: float = 0.0, run_id: str | None = None) -> RunLock:
    """Take the run lock of `warehouse`, waiting up to `wait_seconds` for another run to let go.

    Raises WarehouseBusy naming the holder when the wait runs out."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise _busy(warehouse, path, wait_seconds) from None
            time.sleep(0.1)
            continue
        if not _same_file(fd, path):  # its holder deleted it as we opened it: open anew
            os.close(fd)
            continue
        since = datetime.now(UTC).isoformat(timespec="seconds")
        record = json.dumps({"pid": os.getpid(), "run_id": run_id, "since": since})
        os.ftruncate(fd, 0)
        os.pwrite(fd, record.encode() + b"\n", 0)
        lock = RunLock(path, fd)
        _HELD[_key(path)] = lock
        return lock


def _busy(warehouse: Path, path: Path, waited: float) -> WarehouseBusy:
    found = read_holder(path)
    for _ in range(10):  # the holder writes its name just after it takes the lock
        if found is not None:
            break
        time.sleep(0.05)
        found = read_holder(path)
    who = found.describe() if found else "another newsflow run"
    waited_note = f"; waited {waited:.0f} s" if waited else ""
    return WarehouseBusy(
        f"{warehouse} is busy: {who} is writing to it{waited_note}. Wait for it to finish "
        "(`newsflow runs` shows it), or pass --wait SECONDS to queue behind it.",
        found,
    )


def adopt(fd: int, warehouse: Path) -> RunLock:
    """Hold the lock whose locked descriptor `fd` this process inherited from its parent."""
    path = lock_path(warehouse)
    # Same open file as the parent's: flock here succeeds at once if and only if that open
    # file holds the lock (a different open file would have to wait).
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RuntimeError(f"descriptor {fd} does not hold the run lock of {warehouse}") from None
    if not _same_file(fd, path):
        raise RuntimeError(f"descriptor {fd} is not the run lock file {path}")
    lock = RunLock(path, fd)
    _HELD[_key(path)] = lock
    return lock


@contextmanager
def exclusive_run(
    warehouse: Path, wait_seconds: float = 0.0, run_id: str | None = None
) -> Iterator[RunLock]:
    """Hold the warehouse's run lock for the block (or use the one this process already holds)."""
    held = _HELD.get(_key(lock_path(warehouse)))
    if held is not None:
        yield held  # the outer holder releases it
        return
    lock = acquire(warehouse, wait_seconds, run_id)
    try:
        yield lock
    finally:
        lock.release()
