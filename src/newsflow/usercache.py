"""Values every run builds the same way from shipped data, kept in this user's cache directory
(issue 24: what a run costs before its first document). A file's name carries a hash of what
the value is built from, so a change to the code or the data names another file and a stale
value is never read; an unreadable, damaged or unwritable cache only costs the build."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")


def cache_path(name: str, sources: list[Path], extra: str = "") -> Path:
    """`$XDG_CACHE_HOME/newsflow/<name>-<key>.pickle` (else ~/.cache), the key a hash of the
    `sources` files' bytes and `extra` (say, a package's version)."""
    key = hashlib.sha256(extra.encode())
    for source in sources:
        key.update(source.read_bytes())
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "newsflow" / f"{name}-{key.hexdigest()[:20]}.pickle"


def cached(path: Path, build: Callable[[], T], kind: type) -> T:
    """The `kind` value pickled at `path` (this user's own file), else `build()`, written there
    atomically for the next run."""
    try:
        loaded = pickle.loads(path.read_bytes())
        if isinstance(loaded, kind):
            return cast(T, loaded)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass  # absent or damaged: build it
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home: build each time
    return built
