"""Does one bundle give one warehouse? Two runs under two Python hash seeds, compared.

    ./dev python -m bench.determinism --bundle /tmp/reuters_all/wire.jsonl \
        --out bench/results/determinism.json

Python iterates a set of strings in an order that changes with each process's hash seed
(PYTHONHASHSEED), and event merging is greedy: a join can bar a later one, so the order reports
meet in decides which merge. Two runs of the whole Reuters corpus once differed in 19 of 16,587
event rows that way (issue 20, `event_merge.group_reports`). Each run here is the real command
(`newsflow run`) into its own fresh warehouse; the rows of `events` (every column) and of
`event_articles` are compared as multisets, and the count of rows only one run holds is written
out. Small bundles rarely show it: the whole Reuters corpus takes two ~3.5 min runs side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import duckdb

TABLES = {
    "events": "select * from events",
    "event_articles": "select * from event_articles",
}


def run(bundle: Path, warehouse: Path, seed: int) -> subprocess.Popen[bytes]:
    """`newsflow run` of the bundle into `warehouse` under hash seed `seed` (not waited for)."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    cmd = ["newsflow", "run", str(bundle), "--warehouse", str(warehouse)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def rows(warehouse: Path) -> dict[str, Counter[tuple[object, ...]]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: Counter(con.execute(sql).fetchall()) for name, sql in TABLES.items()}


def compare(a: Path, b: Path) -> dict[str, dict[str, int]]:
    """Per table: rows in each run, and rows only one of the two holds."""
    ra, rb = rows(a), rows(b)
    return {
        name: {
            "rows": sum(ra[name].values()),
            "only_in_first": sum((ra[name] - rb[name]).values()),
            "only_in_second": sum((rb[name] - ra[name]).values()),
        }
        for name in TABLES
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True, help="bundle to run twice")
    parser.add_argument("--seeds", type=int, nargs=2, default=(1, 2), help="the two hash seeds")
    parser.add_argument("--out", type=Path, help="results JSON (default: print only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsflow-determinism-") as tmp:
        warehouses = [Path(tmp) / f"seed{s}.duckdb" for s in args.seeds]
        procs = [run(args.bundle, w, s) for w, s in zip(warehouses, args.seeds, strict=True)]
        for proc in procs:
            _, err = proc.communicate()
            if proc.returncode:
                raise SystemExit(f"a run failed:\n{err.decode(errors='replace')[-2000:]}")
        result = {
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "bundle": str(args.bundle),
            "seeds": list(args.seeds),
            "tables": compare(*warehouses),
        }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
