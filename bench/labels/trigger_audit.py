"""The trigger audit (issue 20): list a warehouse's events with the trigger word that made them.

    ./dev python -m bench.labels.trigger_audit items --db /tmp/tr22.duckdb \
        --bundle /tmp/tr22_bundle --n 250 --seed triggers22 \
        --out bench/labels/events/trigger_audit/items.jsonl
    ./dev python -m bench.labels.trigger_audit summary
    ./dev python -m bench.labels.trigger_audit summary --folder bench/labels/events/trigger_audit2

The warehouse keeps an event's type, actors and evidence sentence but not the word that
triggered it, so `items` recomputes it: it runs the real stages (ingest, parse, dedupe, extract,
`events.find_candidates`) on the bundle the warehouse was built from, all articles in one
batch, with a spy on `reports.sentence_candidates` that notes each report's trigger token (the
stage functions are wrapped, not changed, as `bench.event_misses` does). A report is matched to
a warehouse event by article (`event_articles`), evidence sentence and type; the generic and
named sides break a tie between two reports of one type in one sentence. A seeded random `n` of
the events (all events, not only generic ones) is written, in event_id order.

`summary` reads the judgements (`judged.jsonl`, GUIDE.md in ../events/generic_audit, section
"Trigger audit") and prints precision by trigger lemma and by type, then the lemmas the
decision rule (`to_restrict`, written before the counts were seen) acts on.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from bench import spied_events
from bench.labels.generic_audit import (
    MAX_PRECISION,
    MIN_EVENTS,
    print_table,
    read_judged,
    seeded_subset,
    to_drop,
)
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent / "events" / "trigger_audit"

# The fields every judged row carries (GUIDE.md "Trigger audit"); the second audit (folder
# trigger_audit2, "Second trigger audit") adds the actor judgements ACTOR_FIELDS.
ITEM_FIELDS = (
    "event_id", "event_type", "mode", "trigger", "trigger_pos", "source_generic",
    "target_generic", "evidence", "source_path",
)  # fmt: skip
JUDGED_FIELDS = ("item", *ITEM_FIELDS, "event", "any_event", "type_ok", "generic_role_ok", "note")
ACTOR_FIELDS = ("source_ok", "target_ok")

EVENTS_SQL = """
with final as (
    select e.event_id, e.event_type, e.mode, e.source_actor_id, e.target_actor_id,
           s.name as source_name, t.name as target_name,
           e.source_generic, e.target_generic, e.evidence,
           list(a.article_id order by a.article_id) as article_ids,
           min(a.source_path) as source_path
    from events as e
    join event_articles as ea using (event_id)
    join articles as a on a.article_id = ea.article_id
    left join actors as s on s.actor_id = e.source_actor_id
    left join actors as t on t.actor_id = e.target_actor_id
    group by all
)
select * from final order by event_id
"""


def warehouse_events(db: Path) -> list[dict[str, Any]]:
    """Every event of the warehouse with its supporting articles and actor names."""
    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute(EVENTS_SQL)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def reports_with_triggers(bundle: Path, settings: Settings) -> list[dict[str, Any]]:
    """Every event report of the bundle's articles with its trigger word, as the events stage
    finds them in one batch (a spy notes the trigger token `sentence_candidates` returns)."""
    inputs = spied_events.bundle_inputs(bundle, settings)
    found: list[dict[str, Any]] = []
    sentence_candidates, candidates_in_doc = spied_events.originals()
    last: list[Any] = []

    def spy_sentence(doc: Any, mentions: list[Any], lexicon: Any, *, sports: bool) -> Any:
        out = list(sentence_candidates(doc, mentions, lexicon, sports=sports))
        last[:] = out
        return out

    def spy_doc(doc: Any, row: dict[str, Any], *args: Any) -> Any:
        out = candidates_in_doc(doc, row, *args)
        # candidates_in_doc makes one Candidate per sentence_candidates tuple, in order
        for cand, (_, _, _, _, _, trigger, _, _) in zip(out, last, strict=True):
            found.append(
                {
                    "article_id": cand.article_id,
                    "evidence": cand.evidence,
                    "event_type": cand.event_type,
                    "source_actor_id": cand.source.actor_id if cand.source else None,
                    "target_actor_id": cand.target.actor_id if cand.target else None,
                    "source_generic": cand.source_generic,
                    "target_generic": cand.target_generic,
                    "trigger": trigger.lemma_.lower(),
                    "trigger_text": trigger.text,
                    "trigger_pos": trigger.pos_,
                }
            )
        return out

    with spied_events.spies(spy_sentence, spy_doc):
        inputs.candidates(settings)
    return found


def _side_score(event: dict[str, Any], report: dict[str, Any]) -> int:
    """How many of the event's four sides (named, generic) the report has the same."""
    keys = ("source_actor_id", "target_actor_id", "source_generic", "target_generic")
    return sum(event[k] == report[k] for k in keys)


def trigger_of(event: dict[str, Any], found: dict[tuple[str, str, str], list[dict]]) -> dict:
    """The trigger of an event: its reports' in its articles with its evidence and type; the
    best side match wins, and a tie of two different words keeps both ("offer|provide")."""
    candidates = [
        r
        for article_id in event["article_ids"]
        for r in found.get((article_id, event["evidence"], event["event_type"]), [])
    ]
    if not candidates:
        return {"trigger": None, "trigger_text": None, "trigger_pos": None}
    best = max(_side_score(event, r) for r in candidates)
    top = [r for r in candidates if _side_score(event, r) == best]
    return {
        k: "|".join(sorted({r[k] for r in top})) for k in ("trigger", "trigger_text", "trigger_pos")
    }


def items(db: Path, bundle: Path, n: int, seed: str, settings: Settings) -> list[dict]:
    """A seeded random `n` of the warehouse's events, each with its trigger word."""
    picked = seeded_subset(warehouse_events(db), n, seed)
    found: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in reports_with_triggers(bundle, settings):
        found[(r["article_id"], r["evidence"], r["event_type"])].append(r)
    return [e | trigger_of(e, found) for e in picked]


def _tally(judged: Iterable[dict], key) -> dict[str, list[int]]:
    """key -> [events, right, detection-right] (GUIDE.md 'Trigger audit')."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in judged:
        row = table[key(item)]
        row[0] += 1
        row[1] += int(item["event"] is True)
        row[2] += int(item["any_event"] is True)
    return dict(table)


def _actor_tally(judged: Iterable[dict], key) -> dict[str, list[int]]:
    """key -> [right events, source right, target right, both right] (GUIDE.md 'Second trigger
    audit': the sides are judged on right events only)."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item in judged:
        if item["event"] is True:
            row = table[key(item)]
            row[0] += 1
            row[1] += int(item["source_ok"] is True)
            row[2] += int(item["target_ok"] is True)
            row[3] += int(item["source_ok"] is True and item["target_ok"] is True)
    return dict(table)


def print_actor_table(title: str, table: dict[str, list[int]]) -> None:
    """A markdown table of key -> right events, source right, target right, both, most first."""
    print(f"\n{title}\n| key | right events | source ok | share | target ok | share | both ok |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k, (n, src, tgt, both) in sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0])):
        cells = f"{n} | {src} | {src / n:.2f} | {tgt} | {tgt / n:.2f} | {both} ({both / n:.2f})"
        print(f"| {k.replace('|', '+')} | {cells} |")


def mismatches(items_rows: list[dict], judged: list[dict], actors: bool) -> list[str]:
    """Why a judged file does not answer its items file (empty when it does): one row per item
    in the same order, the same event ids and item fields, every judgement field present, and
    the actor fields null exactly when the event is not right."""
    fields = JUDGED_FIELDS + (ACTOR_FIELDS if actors else ())
    problems = (
        [] if len(items_rows) == len(judged) else [f"{len(judged)} rows, {len(items_rows)} items"]
    )
    for i, (item, row) in enumerate(zip(items_rows, judged, strict=False)):
        missing = [f for f in fields if f not in row]
        changed = [f for f in ITEM_FIELDS if f in row and row[f] != item.get(f)]
        if missing or changed or row.get("item") != i:
            problems.append(
                f"row {i}: missing {missing}, differs {changed}, item {row.get('item')}"
            )
        elif actors and any((row[f] is None) == (row["event"] is True) for f in ACTOR_FIELDS):
            problems.append(f"row {i}: source_ok/target_ok must be set exactly on right events")
    return problems


# The decision rule (GUIDE.md "Trigger audit", written and committed before the counts were
# seen): the generic audit's, unchanged: a trigger lemma with at least MIN_EVENTS audited
# events of which at most MAX_PRECISION are right (event of the system's type) is restricted or
# dropped.
def to_restrict(by_trigger: dict[str, list[int]]) -> list[str]:
    """The trigger lemmas the rule acts on: enough events to tell, and few of them right."""
    return to_drop(by_trigger)


def summary(paths: list[Path]) -> None:
    """Print precision overall, by trigger lemma and by type, and the lemmas the rule takes."""
    judged = read_judged(paths)
    by_trigger = _tally(judged, lambda item: item["trigger"] or "(none)")
    print_table("All", _tally(judged, lambda item: "all"))
    print_table("By trigger lemma", by_trigger)
    print_table("By event type", _tally(judged, lambda item: item["event_type"]))
    print(f"\nTaken by the rule (n >= {MIN_EVENTS}, precision <= {MAX_PRECISION}):")
    print(", ".join(to_restrict(by_trigger)))
    if judged and all(f in item for item in judged for f in ACTOR_FIELDS):
        print_actor_table("Actors of right events", _actor_tally(judged, lambda item: "all"))
        print_actor_table("Actors by event type", _actor_tally(judged, lambda i: i["event_type"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drawn = sub.add_parser("items", help="a seeded sample of events with their triggers")
    drawn.add_argument("--db", type=Path, required=True, help="warehouse to read (read-only)")
    drawn.add_argument("--bundle", type=Path, required=True, help="the bundle it was built from")
    drawn.add_argument("--n", type=int, default=250, help="how many events to draw")
    drawn.add_argument("--seed", default="triggers22", help="random seed (a string)")
    drawn.add_argument("--out", type=Path, default=HERE / "items.jsonl", help="items file")
    counted = sub.add_parser("summary", help="precision by trigger lemma and type")
    counted.add_argument("--judged", type=Path, nargs="+", default=None, help="judged files")
    counted.add_argument(
        "--folder", type=Path, default=HERE, help="audit folder whose judged.jsonl to read"
    )
    args = parser.parse_args()
    if args.command == "items":
        rows = items(args.db, args.bundle, args.n, args.seed, Settings())
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            "".join(json.dumps(r, default=str) + "\n" for r in rows), encoding="utf-8"
        )
        missing = sum(r["trigger"] is None for r in rows)
        print(f"{len(rows)} items -> {args.out} ({missing} with no trigger found)")
    else:
        summary(args.judged or [args.folder / "judged.jsonl"])


if __name__ == "__main__":
    main()
