"""The Reuters sample of the generic-agent audit (issue 20, Reuters pass): a reproducible bundle.

    uv run python -m bench.labels.reuters_sample --out /tmp/ev21_bundle
    uv run newsflow run /tmp/ev21_bundle --warehouse /tmp/ev21.duckdb
    uv run python -m bench.labels.generic_audit items --db /tmp/ev21.duckdb \
        --out bench/labels/events/generic_audit/items_reuters.jsonl

Every Reuters-21578 item whose `newid` % 10 == 3 (`--remainder`, 3 by default so the first
audit's sample stays reproducible; the second trigger audit takes 7) and whose body is not empty, except any item
that a file under bench/labels/events/ names (tune, every held-out set, samples, passes, the
guide's examples), so the audit touches no labelled set. The ids are read from those files by
pattern only (`reuters21578.jsonl.gz:<newid>`, the corpus line number, which is `newid`); no
label is read. Records are written as shipped (title, date, dateline, body...), one JSON line
each, as `bench/bench_stories.py` bundles them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
LABELLED = ROOT / "bench" / "labels" / "events"
REUTERS_ID = re.compile(r"reuters21578\.jsonl\.gz:(\d+)")
MODULUS, REMAINDER = 10, 3


def labelled_ids(folder: Path = LABELLED) -> set[int]:
    """Every Reuters newid any file under the events labels names (so the sample avoids it)."""
    ids: set[int] = set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        ids.update(int(m) for m in REUTERS_ID.findall(path.read_text(encoding="utf-8")))
    return ids


def sampled(lines: Iterator[str], excluded: set[int], remainder: int = REMAINDER) -> Iterator[str]:
    """The raw lines of the sample: newid % 10 == remainder, a non-empty body, not labelled.
    Two remainders draw disjoint samples, so a second audit touches no item of the first."""
    for line in lines:
        record = json.loads(line)
        newid = int(record["newid"])
        body = record.get("body") or ""
        if newid % MODULUS == remainder and body.strip() and newid not in excluded:
            yield line if line.endswith("\n") else line + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="bundle folder to create")
    parser.add_argument(
        "--remainder",
        type=int,
        default=REMAINDER,
        choices=range(MODULUS),
        help="take the items whose newid %% 10 is this (3: the first audit's sample)",
    )
    args = parser.parse_args()
    excluded = labelled_ids()
    args.out.mkdir(parents=True, exist_ok=False)
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        rows = list(sampled(fh, excluded, args.remainder))
    (args.out / "wire.jsonl").write_text("".join(rows), encoding="utf-8")
    print(
        f"{len(rows)} Reuters items -> {args.out / 'wire.jsonl'} ({len(excluded)} labelled ids excluded)"
    )


if __name__ == "__main__":
    main()
