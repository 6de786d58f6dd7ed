"""How long `load_state` takes on a warehouse of N deduped articles (issue 5).

uv run python -m bench.dedupe_state_scale --docs 200000
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

from bench.corpus import load_pools
from bench.dedupe_synth import Generator
from newsflow import dedupe
from newsflow import warehouse as wh
from newsflow.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200_000, help="articles in the warehouse")
    args = parser.parse_args()
    gen = Generator(load_pools())
    state = dedupe.DedupeState()
    frames = []
    for _ in range(args.docs // 5000):
        frame, _ = gen.batch(5000)
        frames.append(
            dedupe.dedupe_batch(frame, state, Settings()).with_columns(pl.lit("r1").alias("run_id"))
        )
    staged_articles = pl.concat(frames)  # noqa: F841 (read by DuckDB)
    staged_signatures = dedupe.state_rows(state)["article_signatures"]  # noqa: F841
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "w.duckdb"))
        wh.migrate(con)
        con.execute("insert into articles by name select * from staged_articles")
        con.execute("insert into article_signatures by name select * from staged_signatures")
        del state, frames
        started = time.perf_counter()
        loaded = dedupe.load_state(con)
        seconds = time.perf_counter() - started
    result = json.dumps(
        {
            "docs": args.docs,
            "load_state_seconds": seconds,
            "rows": loaded.size,
            "band_postings": len(loaded.bands),
            "term_postings": len(loaded.terms),
            "peak_rss_mb_whole_script": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        },
        indent=1,
    )
    print(result)
    (Path(__file__).resolve().parent / "results" / "dedupe_state.json").write_text(result + "\n")


if __name__ == "__main__":
    main()
