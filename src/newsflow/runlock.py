"""One writing run per warehouse: an advisory lock file next to the warehouse.

The lock is an `flock` on `<warehouse>.lock`, released by the kernel when the process ends,
so a crashed run never leaves a stale lock behind. Readers never take it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run is writing to the same warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def exclusive_run(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[Path]:
    """Hold the warehouse's run lock, waiting up to `wait_seconds` for another run to finish."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
                    raise WarehouseBusy(
                        f"another newsflow run (pid {holder}) is writing to {warehouse}; "
                        f"waited {wait_seconds:.0f}s. Try again when it finishes "
                        "(or pass --wait SECONDS)."
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock
