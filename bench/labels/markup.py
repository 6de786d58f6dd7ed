"""Tools for labellers: export items to read, check labels and turn them into offsets.

    uv run python -m bench.labels.markup export-mentions --first 0 --count 30 --out DIR
        writes DIR/<n>.txt, the exact body of sample item n (0-based line of sample.jsonl)
    uv run python -m bench.labels.markup import-mentions DIR --labeller NAME --out FILE
        reads DIR/<n>.ann.txt (the body with every mention wrapped as [[text|TYPE]]), checks that
        removing the markup gives the body back character for character, writes offsets
    uv run python -m bench.labels.markup show-events --first 0 --count 20
        prints items of the events sample: the article with the sentence to label marked
    uv run python -m bench.labels.markup import-events FILE --labeller NAME --out FILE
        checks event labels (GUIDE.md) and adds the offsets of source/target text
        (both events commands take --sample sample2.jsonl for the fresh held-out sample)
    uv run python -m bench.labels.markup check-stories FILE
        checks story labels against the stories sample

Nothing here runs newsflow's extraction: labels are made by reading only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MENTION_TYPES = {"PER", "ORG", "LOC", "NORP"}
EVENT_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
MODES = {"asserted", "planned", "negated", "possible"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MARK = re.compile(r"\[\[(.+?)\|([A-Z]+)\]\]", re.S)


def sample(set_name: str, file_name: str = "sample.jsonl") -> list[dict]:
    path = HERE / set_name / file_name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def unmark(marked: str) -> tuple[str, list[dict]]:
    """The plain text of a marked-up body and its mentions with offsets into it."""
    out, mentions, pos, length = [], [], 0, 0
    for match in MARK.finditer(marked):
        out.append(marked[pos : match.start()])
        length += match.start() - pos
        text, kind = match.group(1), match.group(2)
        if kind not in MENTION_TYPES:
            raise ValueError(f"unknown type {kind!r} at {text!r}")
        mentions.append({"start": length, "end": length + len(text), "text": text, "type": kind})
        out.append(text)
        length += len(text)
        pos = match.end()
    out.append(marked[pos:])
    return "".join(out), mentions


def first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def export_mentions(args: argparse.Namespace) -> None:
    items = sample("mentions")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(args.first, min(len(items), args.first + args.count)):
        (out / f"{n:03d}.txt").write_text(items[n]["body"], encoding="utf-8")
    print(f"wrote {min(args.count, len(items) - args.first)} bodies to {out}")


def import_mentions(args: argparse.Namespace) -> None:
    items = sample("mentions")
    rows, errors = [], []
    for path in sorted(Path(args.dir).glob("*.ann.txt")):
        n = int(path.name.split(".")[0])
        body = items[n]["body"]
        try:
            plain, mentions = unmark(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            errors.append(f"{path.name}: {exc}")
            continue
        if plain != body:
            i = first_difference(plain, body)
            errors.append(
                f"{path.name}: differs from the body at char {i}: "
                f"copy {plain[max(0, i - 30) : i + 30]!r} vs body {body[max(0, i - 30) : i + 30]!r}"
            )
            continue
        rows.append(
            {"item_id": items[n]["item_id"], "labeller": args.labeller, "mentions": mentions}
        )
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    if errors:
        sys.exit(1)
    with open(args.out, "a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"appended {len(rows)} articles to {args.out}")


def show_events(args: argparse.Namespace) -> None:
    items = sample("events", args.sample)
    for n in range(args.first, min(len(items), args.first + args.count)):
        item = items[n]
        s, e = item["sentence"]["start"], item["sentence"]["end"]
        body = item["body"]
        print(f"=== item {n}: {item['item_id']}  published_date={item['published_date']}")
        print(body[:s] + "⟦" + body[s:e] + "⟧" + body[e:])
        print(f"--- SENTENCE TO LABEL: {body[s:e]}\n")


def _actor(value: object, sentence: str, offset: int, where: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "text" not in value:
        raise ValueError(f"{where}: an actor is null or an object with text/name/alts")
    text = value["text"]
    # a whole-word match first ("Russia" is not the start of "Russian"), else any match
    whole = re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", sentence) if text else None
    at = whole.start() if whole else (sentence.find(text) if text else -1)
    if at < 0:
        raise ValueError(f"{where}: text {text!r} is not in the sentence")
    alts = value.get("alts") or []
    if not isinstance(alts, list):
        raise ValueError(f"{where}: alts must be a list")
    return {
        "text": text,
        "start": offset + at,
        "end": offset + at + len(text),
        "name": value.get("name"),
        "alts": alts,
    }


def check_event_row(row: dict, items: dict[str, dict]) -> dict:
    item = items.get(row.get("item_id"))
    if item is None:
        raise ValueError(f"unknown item_id {row.get('item_id')!r}")
    s = item["sentence"]["start"]
    sentence = item["sentence"]["text"]
    events = []
    for i, event in enumerate(row.get("events", [])):
        where = f"{row['item_id']} event {i}"
        if event.get("type") not in EVENT_TYPES:
            raise ValueError(f"{where}: type {event.get('type')!r}")
        if event.get("mode") not in MODES:
            raise ValueError(f"{where}: mode {event.get('mode')!r}")
        date = event.get("date")
        if date is not None and not DATE.match(str(date)):
            raise ValueError(f"{where}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        events.append(
            {
                "type": event["type"],
                "mode": event["mode"],
                "source": _actor(event.get("source"), sentence, s, where + " source"),
                "target": _actor(event.get("target"), sentence, s, where + " target"),
                "date": date,
                "background": bool(event.get("background", False)),
            }
        )
    return {"item_id": row["item_id"], "events": events, "note": row.get("note", "")}


def import_events(args: argparse.Namespace) -> None:
    items = {item["item_id"]: item for item in sample("events", args.sample)}
    rows, errors = [], []
    for line_no, line in enumerate(Path(args.file).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append({**check_event_row(json.loads(line), items), "labeller": args.labeller})
        except (ValueError, KeyError, TypeError) as exc:
            errors.append(f"line {line_no}: {exc}")
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    if errors:
        sys.exit(1)
    with open(args.out, "a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"appended {len(rows)} items to {args.out}")


def check_stories(args: argparse.Namespace) -> None:
    items = {item["item_id"]: item for item in sample("stories")}
    seen, errors = set(), []
    for line_no, line in enumerate(Path(args.file).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        item = items.get(row.get("item_id"))
        if item is None:
            errors.append(f"line {line_no}: unknown item_id {row.get('item_id')!r}")
            continue
        story = row.get("story") or ""
        if not story.startswith(item["block"] + "/"):
            errors.append(f"line {line_no}: story {story!r} must start with {item['block']}/")
        seen.add(row["item_id"])
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    print(f"{len(seen)} items labelled; blocks: " + ", ".join(
        f"{b} {sum(1 for i in seen if items[i]['block'] == b)}/"
        f"{sum(1 for i in items.values() if i['block'] == b)}"
        for b in sorted({i['block'] for i in items.values()})
    ))  # fmt: skip
    if errors:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export-mentions")
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--out", required=True)
    p.set_defaults(fn=export_mentions)
    p = sub.add_parser("import-mentions")
    p.add_argument("dir")
    p.add_argument("--labeller", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(fn=import_mentions)
    p = sub.add_parser("show-events")
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--sample", default="sample.jsonl", help="events sample file (sample2.jsonl)")
    p.set_defaults(fn=show_events)
    p = sub.add_parser("import-events")
    p.add_argument("file")
    p.add_argument("--labeller", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--sample", default="sample.jsonl", help="events sample file (sample2.jsonl)")
    p.set_defaults(fn=import_events)
    p = sub.add_parser("check-stories")
    p.add_argument("file")
    p.set_defaults(fn=check_stories)
    args = parser.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
