"""Where the shipped flows, SQL, expectation suites and data files are.

In a source checkout they live at the repository's top level and are linked into the
package (src/newsflow/<name> -> ../../<name>); a wheel carries real copies. Either way
they sit beside this module.
"""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The directory or file `name` (e.g. "sql", "data/patterns") shipped with newsflow."""
    target = _PACKAGE_DIR / name
    if not target.exists():
        raise FileNotFoundError(
            f"newsflow resource {name!r} is missing at {target}: broken install?"
        )
    return target


@functools.cache
def sql(name: str) -> str:
    """The text of the shipped SQL file `sql/<name>` (e.g. "queries/run_start.sql")."""
    return (path("sql") / name).read_text(encoding="utf-8")
