"""Draw a fill audit's items: stored events whose empty side a side-filling generic now names.

    python -m bench.labels.events.fill_audit BBC_BEFORE BBC_AFTER REU_BEFORE REU_AFTER \
        OUT_DIR N [SEED]

`roles.fill_sides` (issue 20) puts a side-filling generic ("a shareholder", "watchdogs", "the
firms") on a side an event stores empty; the (type, source name, target name, evidence) tuple
stays the same, so a change audit never sees it. This draws, per corpus, a seeded sample of the
after-warehouse's events whose source_generic or target_generic is set where the same tuple in
the before-warehouse had that side's generic null, and writes `items.json` (the event as stored
after, as a change audit's item) and `key.json` (which side was filled, and the populations).
A judge reads each item with the events guide and says whether the filled word is on the side
it belongs to.
"""

from __future__ import annotations

import random
import sys

import duckdb

from bench.labels.events.change_audit import audit_item, write
from newsflow.agents import AGENTS

FILL_ONLY = frozenset(AGENTS["fill_only"])
QUERY = """
select e.event_type, s.name, t.name, e.evidence, e.source_generic, e.target_generic
from events e
left join actors s on s.actor_id = e.source_actor_id
left join actors t on t.actor_id = e.target_actor_id
"""


def stored(path: str) -> dict[tuple, tuple[str | None, str | None]]:
    """(type, source, target, evidence) -> (source_generic, target_generic) of its first row."""
    out: dict[tuple, tuple[str | None, str | None]] = {}
    with duckdb.connect(path, read_only=True) as con:
        for *row, source_generic, target_generic in sorted(con.execute(QUERY).fetchall(), key=str):
            out.setdefault(tuple(row), (source_generic, target_generic))
    return out


def filled(before: dict, after: dict) -> list[tuple[tuple, str]]:
    """(tuple, side) of each event whose side's generic is a side-filling noun after
    (generic_agents.json `fill_only`) and null before."""
    out = []
    for row, (source_generic, target_generic) in sorted(after.items(), key=str):
        if row not in before:
            continue
        was = before[row]
        sides = [
            side
            for side, now, then in (
                ("source", source_generic, was[0]),
                ("target", target_generic, was[1]),
            )
            if now is not None and then is None and now.split()[-1] in FILL_ONLY
        ]
        out += [(row, side) for side in sides[:1]]
    return out


def main(argv: list[str]) -> None:
    bbc_a, bbc_b, reu_a, reu_b, out, n = argv[:6]
    rng = random.Random(int(argv[6]) if len(argv) > 6 else 25)
    items: list[tuple[dict, str]] = []
    population: dict[str, int] = {}
    for corpus, before_path, after_path in (("bbc", bbc_a, bbc_b), ("reuters", reu_a, reu_b)):
        after = stored(after_path)
        found = filled(stored(before_path), after)
        population[corpus] = len(found)
        for row, side in rng.sample(found, min(int(n), len(found))):
            items.append((audit_item(corpus, row, after[row]), side))
    rng.shuffle(items)
    write(out, items, "filled", population)


if __name__ == "__main__":
    main(sys.argv[1:])
