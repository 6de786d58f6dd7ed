"""The inbox a scheduled deployment watches: which bundles are ready, and where they go after.

A bundle is *ready* when either
  * a marker file `<bundle name>.ready` sits beside it (the writer creates it last), or
  * nothing in it has been modified for `settle_seconds` (default 60 s) and it is not a
    partial download (`.part`, `.tmp`, `.crdownload`, `.partial`, or a hidden name).
After its run a bundle moves to `done/` (completed) or `failed/` (with `<name>.error.txt`), so
each bundle is processed once; a name already present there gets a time suffix.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MARKER_SUFFIX = ".ready"
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".error.txt")
RESERVED = {"done", "failed"}


@dataclass(frozen=True)
class InboxLayout:
    """The inbox folder and its done/failed sub-folders."""

    root: Path

    @property
    def done(self) -> Path:
        return self.root / "done"

    @property
    def failed(self) -> Path:
        return self.root / "failed"


def _latest_mtime(path: Path) -> float:
    if path.is_file():
        return path.stat().st_mtime
    times = [path.stat().st_mtime]
    for child in path.rglob("*"):
        try:
            times.append(child.lstat().st_mtime)
        except FileNotFoundError:  # removed while we looked: still being written
            return time.time()
    return max(times)


def _candidates(root: Path) -> Iterator[Path]:
    for entry in sorted(root.iterdir()):
        name = entry.name
        if name.startswith(".") or name in RESERVED or name.endswith(MARKER_SUFFIX):
            continue
        if name.endswith(PARTIAL_SUFFIXES):
            continue
        yield entry


def ready_bundles(root: Path, settle_seconds: float = 60.0, now: float | None = None) -> list[Path]:
    """Bundles in the inbox that are complete, oldest name first."""
    if not root.is_dir():
        raise FileNotFoundError(f"inbox folder not found: {root}")
    now = time.time() if now is None else now
    ready = []
    for entry in _candidates(root):
        marker = entry.with_name(entry.name + MARKER_SUFFIX)
        if marker.exists() or now - _latest_mtime(entry) >= settle_seconds:
            ready.append(entry)
    return ready


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    if not target.exists():
        return target
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return folder / f"{stamp}_{name}"


def file_away(bundle: Path, layout: InboxLayout, *, failed: bool, error: str = "") -> Path:
    """Move a processed bundle (and its marker) to done/ or failed/; return its new path."""
    folder = layout.failed if failed else layout.done
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, bundle.name)
    shutil.move(str(bundle), str(target))
    marker = bundle.with_name(bundle.name + MARKER_SUFFIX)
    if marker.exists():
        marker.unlink()
    if failed:
        target.with_name(target.name + ".error.txt").write_text(error + "\n", encoding="utf-8")
    return target
