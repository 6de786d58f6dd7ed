"""The generic agent nouns by CAMEO sector (`data/events/generic_agents.json`), read once.

Two stages read the list: `generic` (which nouns may fill a role) and `senses` (which agents
can physically strike). This module imports nothing of theirs, so neither imports the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsflow import resources

# The state itself, or its organs: in an article whose dateline country it names, "the
# government" is that country's government (bench/labels/events/GUIDE.md "Generic actors",
# `generic`), and a person or body of that country against it is two sides (`roles`).
STATE_ORGANS = frozenset({"government", "ministry", "administration", "authority", "cabinet"})

# Who stands across from an actor, not for it: "Texaco's suppliers began demanding cash",
# "Argentina's creditors rejected", "GM workers walked out" are the suppliers', the creditors',
# the workers' acts, not Texaco's, Argentina's or GM's (random_audit37 item 31: "suppliers
# demand cash from Texaco", stored with Texaco as the source). "Labour's officials", "Iran's
# envoy" stand for their owner still.
COUNTERPARTS = frozenset(
    {"supplier", "creditor", "customer", "client", "rival", "competitor", "critic", "opponent",
     "victim", "shareholder", "stockholder", "bondholder", "lender", "borrower", "debtor",
     "worker", "employee", "striker", "protester", "detractor"}
)  # fmt: skip

AGENTS: dict[str, Any] = json.loads(
    resources.path("data/events/generic_agents.json").read_text(encoding="utf-8")
)


def sector_nouns(sectors: Iterable[str] | None = None) -> frozenset[str]:
    """The agent nouns of `sectors` (CAMEO codes: "COP", "MIL"...), or of every sector."""
    chosen = AGENTS["sectors"] if sectors is None else {s: AGENTS["sectors"][s] for s in sectors}
    return frozenset(
        word for sector in chosen.values() for words in sector.values() for word in words
    )


def plural(noun: str) -> str:
    """The regular English plural of a lower-case agent noun ("gunman" -> "gunmen", "authority"
    -> "authorities", "mp" -> "mps"): enough for a cue the parse then checks."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
