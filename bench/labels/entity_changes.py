"""Draw an entity change audit: mentions whose actor changed between two warehouses, judged blind.

    python -m bench.labels.entity_changes BBC_BEFORE BBC_AFTER REU_BEFORE REU_AFTER OUT \
        N_CHANGED N_DROPPED [SEED]
    python -m bench.labels.entity_changes score OUT   (after judged.jsonl is written)

Mentions are matched by `mention_id` (article and offsets). A *changed* item is a mention both
warehouses hold under a different actor (name or type): it shows the text around the mention and
the two readings as A and B in a seeded random order (`key.json` says which is the after one);
the judge says which reading names the entity the text means, with its type ("A", "B", "both",
"neither"). A *dropped* item is a mention only the before warehouse holds: the judge says
whether it names an actor (a person, organisation, group, country or place) at all.
`items.json` holds the items without their key; N_CHANGED and N_DROPPED are drawn per corpus.
"""

from __future__ import annotations

import json
import random
import sys

import duckdb

CONTEXT = 160  # characters either side of the mention
CHANGED = """
select mb.mention_id, ab.name, ab.actor_type, aa.name, aa.actor_type, ar.body,
       ma.char_start, ma.char_end
from b.mentions mb
join a.mentions ma using (mention_id)
join b.actors ab on ab.actor_id = mb.actor_id
join a.actors aa on aa.actor_id = ma.actor_id
join a.articles ar on ar.article_id = ma.article_id
where ab.name <> aa.name or ab.actor_type <> aa.actor_type
order by mb.mention_id
"""
DROPPED = """
select mb.mention_id, ab.name, ab.actor_type, ar.body, mb.char_start, mb.char_end
from b.mentions mb
join b.actors ab on ab.actor_id = mb.actor_id
join b.articles ar on ar.article_id = mb.article_id
where mb.mention_id not in (select mention_id from a.mentions)
  and not exists (
    select 1 from a.mentions ma
    where ma.article_id = mb.article_id
      and ma.char_start < mb.char_end and mb.char_start < ma.char_end
  )
order by mb.mention_id
"""


def _context(body: str, start: int, end: int) -> str:
    """The text round a mention, the mention marked [[...]], on one line."""
    text = body[max(0, start - CONTEXT) : start] + "[[" + body[start:end] + "]]"
    return " ".join((text + body[end : end + CONTEXT]).split())


def draw(before: str, after: str, corpus: str, n_changed: int, n_dropped: int, rng) -> tuple:
    """(items, keys, population) of one corpus."""
    con = duckdb.connect()
    con.execute(f"attach '{before}' as b (read_only)")
    con.execute(f"attach '{after}' as a (read_only)")
    changed = con.execute(CHANGED).fetchall()
    dropped = con.execute(DROPPED).fetchall()
    con.close()
    items, keys = [], []
    for _, b_name, b_type, a_name, a_type, body, start, end in rng.sample(
        changed, min(n_changed, len(changed))
    ):
        after_first = rng.random() < 0.5
        readings = [(a_name, a_type), (b_name, b_type)]
        if not after_first:
            readings.reverse()
        items.append(
            {"corpus": corpus, "kind": "changed", "text": _context(body, start, end),
             "A": {"name": readings[0][0], "type": readings[0][1]},
             "B": {"name": readings[1][0], "type": readings[1][1]}}
        )  # fmt: skip
        keys.append("A" if after_first else "B")
    for _, name, kind, body, start, end in rng.sample(dropped, min(n_dropped, len(dropped))):
        items.append(
            {"corpus": corpus, "kind": "dropped", "text": _context(body, start, end),
             "stored_as": {"name": name, "type": kind}}
        )  # fmt: skip
        keys.append("dropped")
    population = {f"{corpus}_changed": len(changed), f"{corpus}_dropped": len(dropped)}
    return items, keys, population


def score(out: str) -> None:
    """Print, per corpus: changed items whose after reading is right, whose before one is, and
    dropped items that named no actor (Wilson 95% intervals)."""
    from bench.labels.body_countries import _wilson

    with open(f"{out}/key.json", encoding="utf-8") as f:
        keys = json.load(f)["after"]
    with open(f"{out}/items.json", encoding="utf-8") as f:
        items = {str(item["id"]): item for item in json.load(f)}
    with open(f"{out}/judged.jsonl", encoding="utf-8") as f:
        judged = [json.loads(line) for line in f if line.strip()]
    for corpus in ("bbc", "reuters", None):
        rows = [j for j in judged if corpus in (None, items[str(j["id"])]["corpus"])]
        changed = [j for j in rows if keys[str(j["id"])] != "dropped"]
        after = sum(j["right"] in (keys[str(j["id"])], "both") for j in changed)
        before = sum(
            j["right"] == "both" or j["right"] not in (keys[str(j["id"])], "neither")
            for j in changed
        )
        dropped = [j for j in rows if keys[str(j["id"])] == "dropped"]
        no_actor = sum(not j["names_an_actor"] for j in dropped)
        n, d = len(changed), len(dropped)
        print(corpus or "all", f"changed {n}: after right {after} {_wilson(after, n)},",
              f"before right {before} {_wilson(before, n)};",
              f"dropped {d}: no actor {no_actor} {_wilson(no_actor, d)}")  # fmt: skip


def main(argv: list[str]) -> None:
    if argv[:1] == ["score"]:
        score(argv[1])
        return
    bbc_b, bbc_a, reu_b, reu_a, out, n_changed, n_dropped = argv[:7]
    rng = random.Random(int(argv[7]) if len(argv) > 7 else 28)
    items, keys, population = [], [], {}
    for corpus, before, after in (("bbc", bbc_b, bbc_a), ("reuters", reu_b, reu_a)):
        got = draw(before, after, corpus, int(n_changed), int(n_dropped), rng)
        items += got[0]
        keys += got[1]
        population |= got[2]
    order = list(range(len(items)))
    rng.shuffle(order)
    with open(f"{out}/items.json", "w", encoding="utf-8") as f:
        json.dump([dict(items[i], id=n) for n, i in enumerate(order)], f, indent=1)
    with open(f"{out}/key.json", "w", encoding="utf-8") as f:
        after = {str(n): keys[i] for n, i in enumerate(order)}
        json.dump({"after": after, "population": population}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
