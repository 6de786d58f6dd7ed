"""Dedupe history of one batch into a warehouse of N deduped articles: read whole vs by key.

    ./dev python -m bench.dedupe_state_scale --docs 200000 --cache /work/cache/dedupe

A warehouse of N generated articles (bench/dedupe_synth.py: real Reuters/BBC paragraphs, 5%
exact and 5% near copies, dates spread over `--days`) is deduped batch by batch and written
with its signatures, then its band keys and term frequencies are filled by the backfill of
sql/092_dedupe_lookup.sql; it is cached under `--cache`. The next `--batch` generated articles
(some copies of warehouse articles), dated as a fresh crawl (the warehouse's last day, the day
before and the two after), are the measured batch. Each mode runs in a fresh process:
`full` reads every article (`dedupe.load_state`, issue 5), `on_demand` opens the warehouse's
totals and reads by key what the batch touches (`dedupe.lookup`, issue 24); both then dedupe
the batch. Printed and written to bench/results/dedupe_state.json: seconds (state read + batch),
the process's RSS growth over them and its peak, the rows the state holds, and whether both
modes give the batch the same links.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from bench.corpus import load_pools
from bench.dedupe_synth import Generator
from newsflow import dedupe
from newsflow import warehouse as wh
from newsflow.dedupe import lookup
from newsflow.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results" / "dedupe_state.json"
BUILD_BATCH = 5000


def build(folder: Path, docs: int, batch: int, days: int) -> Path:
    """The cached warehouse of `docs` articles and the measured batch beside it."""
    path = folder / f"w{docs}.duckdb"
    if path.exists() and (folder / f"batch{docs}.parquet").exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    gen = Generator(load_pools(), days=days)
    state = dedupe.DedupeState()
    frames = []
    for _ in range(docs // BUILD_BATCH):
        frame, _ = gen.batch(BUILD_BATCH)
        deduped = dedupe.dedupe_batch(frame, state, Settings())
        frames.append(deduped.with_columns(pl.lit("r1").alias("run_id")))
    # a fresh crawl: dated the last days of the warehouse and the two after (copies included)
    measured, _ = gen.batch(batch)
    last = measured["published_date"].max()
    spread = pl.int_range(pl.len()) % 4 - 1
    measured = measured.with_columns(
        (pl.lit(last) + pl.duration(days=spread)).cast(pl.Date).alias("published_date")
    )
    measured.write_parquet(folder / f"batch{docs}.parquet")
    staged_articles = pl.concat(frames)  # noqa: F841 (read by DuckDB)
    staged_signatures = dedupe.state_rows(state)["article_signatures"]  # noqa: F841
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        wh.migrate(con)
        con.execute("insert into articles by name select * from staged_articles")
        con.execute("insert into article_signatures by name select * from staged_signatures")
        lookup.fill_dedupe_lookup(con)  # as the migration fills a warehouse loaded before it
    return path


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process: unlike ru_maxrss, the peak is this
    process's own, not inherited from the parent that forked it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(path: Path, batch_file: Path, mode: str) -> dict[str, Any]:
    """In this process: read the dedupe history in `mode` and dedupe the batch."""
    batch = pl.read_parquet(batch_file)
    before = _status_mb("VmRSS")
    started = time.perf_counter()
    reads = lookup.DedupeHistory(path)
    with wh.connect(path, read_only=True) as con:
        state = dedupe.load_state(con) if mode == "full" else lookup.open_state(con, reads)
    opened = time.perf_counter() - started
    out = dedupe.dedupe_batch(batch, state, Settings())
    seconds = time.perf_counter() - started
    return {
        "mode": mode,
        "open_seconds": opened,
        "seconds": seconds,
        "rss_growth_mb": _status_mb("VmRSS") - before,
        "peak_rss_mb": _status_mb("VmHWM"),
        "state_rows": state.size,
        "reads": reads.reads,
        "duplicates": int(out["duplicate_of"].is_not_null().sum()),
        "links": out.select("article_id", "duplicate_of", "story_id").rows(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, nargs="+", default=[200_000], help="warehouse sizes")
    parser.add_argument("--batch", type=int, default=500, help="articles in the measured batch")
    parser.add_argument("--days", type=int, default=730, help="days the articles' dates span")
    parser.add_argument("--cache", type=Path, default=Path("bench/work/dedupe_state"))
    parser.add_argument("--measure", nargs=3, metavar=("WAREHOUSE", "BATCH", "MODE"))
    args = parser.parse_args()
    if args.measure:  # the child process of one measurement
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), args.measure[2])))
        return
    sizes = []
    for docs in args.docs:
        clock = time.perf_counter()
        path = build(args.cache, docs, args.batch, args.days)
        built = time.perf_counter() - clock
        runs = {}
        for mode in ("full", "on_demand"):
            command = [sys.executable, "-m", "bench.dedupe_state_scale", "--measure"]
            command += [str(path), str(args.cache / f"batch{docs}.parquet"), mode]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            runs[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        same = runs["full"].pop("links") == runs["on_demand"].pop("links")
        full, demand = runs["full"], runs["on_demand"]
        sizes.append(
            {
                "docs": docs,
                "batch": args.batch,
                "days": args.days,
                "build_seconds": built,
                "full": full,
                "on_demand": demand,
                "same_links": same,
                "seconds_ratio_on_demand_vs_full": demand["seconds"] / full["seconds"],
                "peak_rss_ratio_on_demand_vs_full": demand["peak_rss_mb"] / full["peak_rss_mb"],
            }
        )
        print(json.dumps(sizes[-1], indent=1), flush=True)
    result = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "sizes": sizes,
    }
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
