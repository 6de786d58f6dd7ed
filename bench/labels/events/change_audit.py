"""Draw a change audit's items: a seeded sample of event tuples gone and new between warehouses.

    python bench/labels/events/change_audit.py BBC_BEFORE BBC_AFTER REU_BEFORE REU_AFTER \
        OUT_DIR N_GONE N_NEW [SEED] [--plain-names]
    python bench/labels/events/change_audit.py score OUT_DIR   (after judged.jsonl is written)

SEED (13 when left out: the thirteenth session's audit, `change_audit13/`) seeds the sample.

Events are compared as (type, source name, target name, evidence) tuples; `items.json` holds
the shuffled sample without its side (with the generic word a side stores where no named actor
fills it, from the seventeenth session on), `key.json` the side of each item and the population.
"""

from __future__ import annotations

import json
import random
import sys

import duckdb

JOINS = """
from events e
left join actors s on s.actor_id = e.source_actor_id
left join actors t on t.actor_id = e.target_actor_id
"""
QUERY = "select e.event_type, s.name, t.name, e.evidence" + JOINS


def tuples(path: str, plain: bool = False) -> dict[tuple, tuple]:
    """Each stored (type, source, target, evidence) tuple, keyed by itself, or with `plain` by
    its names less the angle brackets Reuters puts round a firm ("Rolls-Royce Ltd>", named so
    before 37eb6b6): a tuple only renamed so is no change to judge."""
    with duckdb.connect(path, read_only=True) as con:
        rows = con.execute(QUERY).fetchall()
    if not plain:
        return {row: row for row in rows}
    bare = lambda name: None if name is None else name.strip("<>")  # noqa: E731
    return {(k, bare(s), bare(t), e): (k, s, t, e) for k, s, t, e in rows}


GENERICS = (
    "select e.source_generic, e.target_generic"
    + JOINS
    + "where e.event_type = ? and s.name is not distinct from ? and t.name is not distinct from ?"
    " and e.evidence = ?"
)


def generics(path: str, row: tuple) -> tuple[str | None, str | None]:
    """The generic words of the first stored event with this (type, source, target, evidence)."""
    with duckdb.connect(path, read_only=True) as con:
        found = con.execute(GENERICS, list(row)).fetchall()
    return (found[0][0], found[0][1]) if found else (None, None)


def score(out: str) -> None:
    """Print the judged audit in `out` per side and corpus: items, events, type right, type and
    roles right (with Wilson 95% intervals)."""
    from bench.labels.body_countries import _wilson

    with open(f"{out}/key.json", encoding="utf-8") as f:
        sides = json.load(f)["sides"]
    with open(f"{out}/items.json", encoding="utf-8") as f:
        corpora = {str(item["id"]): item["corpus"] for item in json.load(f)}
    with open(f"{out}/judged.jsonl", encoding="utf-8") as f:
        judged = [json.loads(line) for line in f if line.strip()]
    print("side corpus items event type_right roles_right")
    for side in ("gone", "new"):
        for corpus in ("bbc", "reuters", None):
            rows = [
                j
                for j in judged
                if sides[str(j["id"])] == side and corpus in (None, corpora[str(j["id"])])
            ]
            n = len(rows)
            counts = [sum(bool(j[k]) for j in rows) for k in ("event", "type_right", "roles_right")]
            cells = [f"{k} {_wilson(k, n)}" for k in counts]
            print(side, corpus or "all", n, *cells)


def main(argv: list[str]) -> None:
    if argv[:1] == ["score"]:
        score(argv[1])
        return
    plain = "--plain-names" in argv
    argv = [a for a in argv if a != "--plain-names"]
    bbc_a, bbc_b, reu_a, reu_b, out, n_gone, n_new = argv[:7]
    rng = random.Random(int(argv[7]) if len(argv) > 7 else 13)
    items: list[tuple[dict, str]] = []
    population: dict[str, int] = {}
    for corpus, before_path, after_path in (("bbc", bbc_a, bbc_b), ("reuters", reu_a, reu_b)):
        before, after = tuples(before_path, plain), tuples(after_path, plain)
        for side, found, n in (
            ("gone", before.keys() - after.keys(), n_gone),
            ("new", after.keys() - before.keys(), n_new),
        ):
            rows = sorted(found, key=str)
            population[f"{corpus}_{side}"] = len(rows)
            path, stored = (before_path, before) if side == "gone" else (after_path, after)
            for row in rng.sample(rows, min(int(n), len(rows))):
                raw = stored[row]
                items.append((audit_item(corpus, raw, generics(path, raw)), side))
    rng.shuffle(items)
    write(out, items, "sides", population)


def audit_item(corpus: str, row: tuple, generic_words: tuple[str | None, str | None]) -> dict:
    """One audit item: a stored (type, source, target, evidence) tuple with its generic words."""
    kind, source, target, evidence = row
    item = {"corpus": corpus, "event_type": kind, "source": source}
    item |= {"source_generic": generic_words[0], "target": target}
    return item | {"target_generic": generic_words[1], "evidence": evidence}


def write(
    out: str, items: list[tuple[dict, str]], key: str | None, population: dict[str, int]
) -> None:
    """`items.json` (the items, numbered, without what each is) and `key.json` (`key`: item
    number -> what it is, unless None; and the populations) in `out`."""
    with open(f"{out}/items.json", "w", encoding="utf-8") as f:
        json.dump([dict(item, id=i) for i, (item, _) in enumerate(items)], f, indent=1)
    hidden = {} if key is None else {key: {str(i): side for i, (_, side) in enumerate(items)}}
    with open(f"{out}/key.json", "w", encoding="utf-8") as f:
        json.dump(hidden | {"population": population}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
