"""Agreement between two judges of a trigger audit (issue 20, brief audit23b).

The second trigger audit (`events/trigger_audit2/`) was judged by one reader; its precision is
only as firm as a second reader's agreement with it. This compares a blind second pass
(`passes/b.jsonl`, items 0-119) with `judged.jsonl` on the items both judged: Cohen's kappa and
raw agreement on `event` (right), on right with the type (`event` and `type_ok`) and on
`any_event` (detection-right), each kappa with a seeded percentile-bootstrap 95% interval, and
raw agreement on `source_ok` / `target_ok` where both judged the event right (the actors are
judged only there). Neither file is changed.

    python -m bench.labels.audit_agreement            # markdown table and disagreements
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.labels.assemble import kappa, kappa_interval

FOLDER = Path(__file__).resolve().parent / "events" / "trigger_audit2"
FIRST = FOLDER / "judged.jsonl"
SECOND = FOLDER / "passes" / "b.jsonl"
SEED = 23
FIELDS = ("event", "any_event", "type_ok", "source_ok", "target_ok")


def load(path: Path) -> dict[int, dict]:
    """One judge's rows keyed by item number."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {int(r["item"]): r for r in rows}


def paired(first: dict[int, dict], second: dict[int, dict]) -> list[tuple[dict, dict]]:
    """The rows of the items both judged, in item order; an item judged by both must be the
    same event, or the comparison would pair judgements of different things."""
    pairs = []
    for item in sorted(set(first) & set(second)):
        a, b = first[item], second[item]
        if a["event_id"] != b["event_id"]:
            raise ValueError(f"item {item}: event ids differ ({a['event_id']}, {b['event_id']})")
        pairs.append((a, b))
    return pairs


def right(row: dict) -> bool:
    """Right with its type: a real event of the system's type (`event` and `type_ok`)."""
    return bool(row["event"]) and bool(row["type_ok"])


def binary_measure(labels: list[tuple[bool, bool]], seed: int = SEED) -> dict:
    """Kappa, its bootstrap interval, raw agreement and each judge's yes count."""
    pairs = [(str(a), str(b)) for a, b in labels]
    return {
        "n": len(pairs),
        "agree": sum(a == b for a, b in labels),
        "first_yes": sum(a for a, _ in labels),
        "second_yes": sum(b for _, b in labels),
        "kappa": round(kappa(pairs), 3),
        "interval": kappa_interval(pairs, seed=seed),
    }


def actor_measure(pairs: list[tuple[dict, dict]], field: str) -> dict:
    """Raw agreement on an actor field over the items both judged right (type included)."""
    both = [(a[field], b[field]) for a, b in pairs if right(a) and right(b)]
    return {"n": len(both), "agree": sum(x == y for x, y in both)}


def measures(pairs: list[tuple[dict, dict]], seed: int = SEED) -> dict:
    """Every figure of the table, by name."""
    return {
        "event": binary_measure([(bool(a["event"]), bool(b["event"])) for a, b in pairs], seed),
        "right": binary_measure([(right(a), right(b)) for a, b in pairs], seed),
        "any_event": binary_measure(
            [(bool(a["any_event"]), bool(b["any_event"])) for a, b in pairs], seed
        ),
        "source_ok": actor_measure(pairs, "source_ok"),
        "target_ok": actor_measure(pairs, "target_ok"),
    }


def disagreements(pairs: list[tuple[dict, dict]]) -> list[tuple[dict, dict, list[str]]]:
    """Items whose judgements differ on a judged field; actor fields count only where both
    called the event right (elsewhere one of them is null by rule)."""
    out = []
    for a, b in pairs:
        fields = [f for f in ("event", "any_event", "type_ok") if bool(a[f]) != bool(b[f])]
        if right(a) and right(b):
            fields += [f for f in ("source_ok", "target_ok") if a[f] != b[f]]
        if fields:
            out.append((a, b, fields))
    return out


def _flag(value: object) -> str:
    return {True: "y", False: "n", None: "-"}.get(value, str(value))  # type: ignore[arg-type]


def table(m: dict) -> str:
    """The markdown table of the figures."""
    lines = [
        "| measure | items | agree | raw | judged.jsonl yes | b yes | kappa | 95% (bootstrap) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, label in (
        ("event", "event (right)"),
        ("right", "event and type_ok"),
        ("any_event", "any_event (detection-right)"),
    ):
        x = m[key]
        lo, hi = x["interval"]
        lines.append(
            f"| {label} | {x['n']} | {x['agree']} | {x['agree'] / x['n']:.3f} | "
            f"{x['first_yes']} | {x['second_yes']} | {x['kappa']:.3f} | {lo:.2f}-{hi:.2f} |"
        )
    for key in ("source_ok", "target_ok"):
        x = m[key]
        raw = f"{x['agree'] / x['n']:.3f}" if x["n"] else "-"
        lines.append(f"| {key} (both right) | {x['n']} | {x['agree']} | {raw} | | | | |")
    return "\n".join(lines)


def disagreement_lines(found: list[tuple[dict, dict, list[str]]]) -> str:
    """One line per disagreement: item, trigger, both judgements (e/any/type/src/tgt), notes."""
    lines = []
    for a, b, fields in found:
        judged = "/".join(_flag(a[f]) for f in FIELDS)
        second = "/".join(_flag(b[f]) for f in FIELDS)
        lines.append(
            f"- item {a['item']} ({a['event_type']}, `{a['trigger']}`; {', '.join(fields)}): "
            f'judged {judged} "{a["note"]}"; b {second} "{b["note"]}"'
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=Path, default=FIRST)
    parser.add_argument("--second", type=Path, default=SECOND)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    pairs = paired(load(args.first), load(args.second))
    print(table(measures(pairs, args.seed)))
    print()
    print("Fields: event/any_event/type_ok/source_ok/target_ok (y, n, - for null).")
    print(disagreement_lines(disagreements(pairs)))


if __name__ == "__main__":
    main()
