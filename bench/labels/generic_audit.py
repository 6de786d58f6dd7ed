"""The generic-agent audit (issue 20): list the events with a generic side, then count precision.

    uv run python -m bench.labels.generic_audit items --db /tmp/ev20.duckdb
    uv run python -m bench.labels.generic_audit summary
    uv run python -m bench.labels.generic_audit sample --items ITEMS --n 220 --seed events21
    uv run python -m bench.labels.generic_audit summary --judged \
        bench/labels/events/generic_audit/judged.jsonl bench/labels/events/generic_audit/judged_reuters.jsonl

`items` writes every event of a warehouse whose `source_generic` or `target_generic` is set, in
event_id order, with its sentence, article and generic words, to
`bench/labels/events/generic_audit/items.jsonl` (no sampling: the whole population is judged).
`summary` reads the judgements (`judged.jsonl`, GUIDE.md there) and prints precision by head
noun and by CAMEO sector of the list, so the list change is decided from counts; given several
judged files (BBC and Reuters) it pools them. `sample` draws a seeded random subset of the items
when there are too many to judge all (the Reuters pass: 220).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent / "events" / "generic_audit"
AGENTS = Path(__file__).resolve().parents[2] / "data" / "events" / "generic_agents.json"

ITEMS_SQL = """
with first_article as (
    select event_id, min(article_id) as article_id from event_articles group by event_id
),
final as (
    select e.event_id, e.event_type, e.mode, e.source_actor_id, e.target_actor_id,
           e.source_generic, e.target_generic, e.evidence, a.source_path
    from events as e
    join first_article using (event_id)
    join articles as a using (article_id)
    where e.source_generic is not null or e.target_generic is not null
)
select * from final order by event_id
"""


def head_noun(label: str | None) -> str | None:
    """The head noun of a stored generic label: its last word ("striking worker" -> worker)."""
    return label.split()[-1] if label else None


def sector_of() -> dict[str, str]:
    """Each noun of the list -> its CAMEO sector (the first sector that lists it); stored in
    each judged item (`nouns`), so the summary still reads once a noun has left the list."""
    agents = json.loads(AGENTS.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for sector, groups in agents["sectors"].items():
        for words in groups.values():
            for word in words:
                out.setdefault(word, sector)
    return out


def items(db: Path) -> list[dict]:
    """Every event with a generic side, as one audit item each, with its nouns' sectors."""
    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute(ITEMS_SQL)
    names = [d[0] for d in cursor.description]
    sectors = sector_of()
    out = []
    for row in cursor.fetchall():
        item = dict(zip(names, row, strict=True))
        sides = {head_noun(item["source_generic"]), head_noun(item["target_generic"])} - {None}
        out.append(item | {"nouns": {n: sectors[n] for n in sorted(sides)}})
    return out


def _nouns(item: dict) -> list[str]:
    """The head nouns of a judged item's generic sides (a noun on both sides once)."""
    return sorted(item["nouns"])


def _tally(judged: Iterable[dict], key) -> dict[str, list[int]]:
    """key -> [events, right, detection-right] over judged items (GUIDE.md 'Precision')."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in judged:
        for k in key(item):
            # an event with two generic sides, one right and one wrong, says so per noun
            # (`role_by_noun`, Reuters pass); elsewhere one judgement covers both sides
            role = item.get("role_by_noun", {}).get(k, item["generic_role_ok"]) is True
            right = int(item["event"] and role)
            detected = int(item["any_event"] and role)
            row = table[k]
            row[0] += 1
            row[1] += right
            row[2] += detected
    return dict(table)


def read_judged(paths: list[Path]) -> list[dict]:
    """The judged items of every file given, pooled in file order."""
    return [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


def print_table(title: str, table: dict[str, list[int]]) -> None:
    """A markdown table of key -> events, right, detection-right, most events first (a tied
    "a|b" key, which would split a cell, is shown "a+b")."""
    print(f"\n{title}\n| key | events | right | precision | detection-right | precision |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, (n, right, detected) in sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0])):
        cells = f"{n} | {right} | {right / n:.2f} | {detected} | {detected / n:.2f}"
        print(f"| {k.replace('|', '+')} | {cells} |")


# The decision rule (summary.md, written before it was applied): a noun leaves the list when
# the audit holds at least MIN_EVENTS of its events and at most MAX_PRECISION of them are right.
MIN_EVENTS = 5
MAX_PRECISION = 0.20


def to_drop(by_noun: dict[str, list[int]]) -> list[str]:
    """The nouns the rule drops: enough events to tell, and a precision far below the rest."""
    return sorted(
        noun
        for noun, (n, right, _) in by_noun.items()
        if n >= MIN_EVENTS and right / n <= MAX_PRECISION
    )


def seeded_subset(rows: list[dict], n: int, seed: str) -> list[dict]:
    """A seeded random `n` of the items (all of them when there are no more), in event_id order:
    the same items, whatever order they were listed in, for the same seed."""
    ordered = sorted(rows, key=lambda r: r["event_id"])
    if len(ordered) <= n:
        return ordered
    return sorted(random.Random(seed).sample(ordered, n), key=lambda r: r["event_id"])


def summary(paths: list[Path]) -> None:
    """Print precision by head noun and by CAMEO sector, the totals, and the rule's nouns, over
    the judged items of every file given (pooled)."""
    judged = read_judged(paths)
    by_noun = _tally(judged, _nouns)
    print_table("All", _tally(judged, lambda item: ["all"]))
    print_table("By CAMEO sector", _tally(judged, lambda item: set(item["nouns"].values())))
    print_table("By head noun", by_noun)
    print_table("By event type", _tally(judged, lambda item: [item["event_type"]]))
    print(f"\nDropped by the rule (n >= {MIN_EVENTS}, precision <= {MAX_PRECISION}):")
    print(", ".join(to_drop(by_noun)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drawn = sub.add_parser("items", help="list the events with a generic side")
    drawn.add_argument("--db", type=Path, required=True, help="warehouse to read (read-only)")
    drawn.add_argument("--out", type=Path, default=HERE / "items.jsonl", help="items file")
    picked = sub.add_parser("sample", help="a seeded random subset of the items to judge")
    picked.add_argument("--items", type=Path, required=True, help="items file to draw from")
    picked.add_argument("--n", type=int, default=220, help="how many items to draw")
    picked.add_argument("--seed", default="events21", help="random seed (a string)")
    picked.add_argument("--out", type=Path, required=True, help="file for the drawn items")
    counted = sub.add_parser("summary", help="precision by noun and sector of judged files")
    counted.add_argument(
        "--judged",
        type=Path,
        nargs="+",
        default=[HERE / "judged.jsonl"],
        help="judgement files (several are pooled)",
    )
    args = parser.parse_args()
    if args.command == "items":
        rows = items(args.db)
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} items -> {args.out}")
    elif args.command == "sample":
        rows = [json.loads(x) for x in args.items.read_text(encoding="utf-8").splitlines() if x]
        kept = seeded_subset(rows, args.n, args.seed)
        args.out.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
        print(f"{len(kept)} of {len(rows)} items (seed {args.seed!r}) -> {args.out}")
    else:
        summary(args.judged)


if __name__ == "__main__":
    main()
