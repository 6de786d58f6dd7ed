"""Draw a random audit's items: a seeded sample of the events a whole-corpus warehouse holds.

    python -m bench.labels.events.random_audit BBC_WAREHOUSE REUTERS_WAREHOUSE OUT_DIR N [SEED]

N events of each warehouse (as change_audit.py compares them: type, source name, target name,
evidence), drawn with SEED (17 when left out), shuffled into `items.json` with the generic
words the event stores on a side no actor fills (`source_generic`, `target_generic`: "workers",
"the government"); `key.json` holds the population of each corpus. What a judge finds right in
the sample estimates the precision of what the warehouse says, whatever the labelled sets say.
"""

from __future__ import annotations

import random
import sys

from bench.labels.events.change_audit import audit_item, generics, tuples, write


def main(argv: list[str]) -> None:
    bbc, reuters, out, n = argv[:4]
    rng = random.Random(int(argv[4]) if len(argv) > 4 else 17)
    items: list[tuple[dict, str]] = []
    population: dict[str, int] = {}
    for corpus, path in (("bbc", bbc), ("reuters", reuters)):
        rows = sorted(tuples(path), key=str)
        population[corpus] = len(rows)
        for row in rng.sample(rows, min(int(n), len(rows))):
            items.append((audit_item(corpus, row, generics(path, row)), corpus))
    rng.shuffle(items)
    write(out, items, None, population)


if __name__ == "__main__":
    main(sys.argv[1:])
