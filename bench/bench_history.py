"""Actors and events history read by a small run: whole (`full`) vs by key (`on_demand`), issue 24.

    ./dev python -m bench.bench_history --actors 10000 100000

For each size N, a warehouse of N generated actors (person and organisation names over a
realistic spread of surname initials, countries) and N events (merge keys on countries and
actors, 2 supporting articles each) is built once, its actor lookup filled by the migration's
backfill. The seeds bundle (5 articles) is then run into a copy of it in each mode through
`pipeline.run_bundle` (gates on, no NLP worker), and the run measures:
- the seconds spent reading actor and event history (`full`: the start-of-run read and the
  registry build; `on_demand`: every by-key read of the run, registry merges included),
- the registry's actors and the event state's events at the end of the batches,
- the process RSS growth over that start-of-run read (`full`) or over the batches (`on_demand`).
Both modes must load the same rows (checked). The dedupe state is not part of this: it stays a
full read in both modes. Results: bench/results/history.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from newsflow import events, history, pipeline, resolve
from newsflow import warehouse as wh
from newsflow.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "bundles" / "seeds"
RESULTS = Path(__file__).resolve().parent / "results" / "history.json"

# Names from syllables: a hash picks the parts, so surnames start with letters in about the
# proportions of real ones (many k, s, m; few x, q) and repeat as real surnames do.
GENERATE = """
insert into actors (actor_id, name, actor_type, country_code, aliases)
with parts as (
    select i,
        (['Ali', 'Hassan', 'John', 'Maria', 'Wei', 'Ahmed', 'Anna', 'James', 'Reza', 'Sara',
          'Omar', 'Li', 'Paul', 'Fatima', 'David', 'Nadia'])[1 + (hash(i, 'g') % 16)::bigint] as given,
        (['Kh', 'K', 'S', 'M', 'R', 'B', 'H', 'A', 'J', 'Sh', 'T', 'D', 'N', 'Q', 'Z', 'P',
          'G', 'F', 'L', 'W', 'Ch', 'Y', 'V', 'O', 'E', 'I'])[1 + (hash(i, 's') % 26)::bigint]
        || (['a', 'e', 'i', 'o', 'u', 'ay', 'ee'])[1 + (hash(i, 'v') % 7)::bigint]
        || (['n', 'r', 'l', 'm', 'z', 'st', 'nd', 'sh'])[1 + (hash(i, 'c') % 8)::bigint]
        || (['', 'i', 'ov', 'son', 'ani', 'er', 'ez'])[1 + (hash(i, 'e') % 7)::bigint]
        || (['', 'a', 'o'])[1 + (hash(i, 'x') % 3)::bigint] as surname,
        (['PAK', 'IRN', 'AFG', 'USA', 'GBR', 'IND', 'CHN', 'RUS', 'DEU', 'FRA', 'TUR', 'SAU',
          'EGY', 'NGA', 'BRA', 'JPN'])[1 + (hash(i, 'k') % 16)::bigint] as country
    from range($n) t(i)
),

final as (
    select 'act_syn' || i as actor_id,
        case when i % 3 = 2 then surname || ' Holdings' else given || ' ' || surname end as name,
        case when i % 3 = 2 then 'ORG' else 'PERSON' end as actor_type,
        country as country_code,
        case when i % 3 = 2 then [surname || ' Holdings']
             else [given || ' ' || surname, surname] end as aliases
    from parts
)

select * from final;

insert into events (event_id, event_type, cameo_root, source_actor_id, target_actor_id,
                    event_date, date_source, event_date_precision, place_name, country_code,
                    story_id, num_mentions, num_articles, num_sources, evidence, confidence, mode,
                    background)
select 'e_syn' || i, (['CONSULT', 'ASSAULT', 'AGREE', 'ACCUSE', 'AID', 'PROTEST'])[1 + i % 6],
       '04', 'act_syn' || (i % $n), 'act_syn' || ((i * 31) % $n),
       date '2023-01-01' + (i % 730)::int, 'published', 'day', null, null, 's_syn' || i,
       2, 2, 2, 'Evidence sentence.', 0.8, 'asserted', false
from range($n) t(i);

insert into event_keys (event_id, mode_group, source_key, target_key, date_lo, date_hi,
                        place_key, evidence_score)
select 'e_syn' || i, 'asserted',
       case when i % 2 = 0 then (['PAK', 'IRN', 'AFG', 'USA', 'GBR', 'IND', 'CHN', 'RUS', 'DEU',
            'FRA', 'TUR', 'SAU', 'EGY', 'NGA', 'BRA', 'JPN'])[1 + (hash(i, 'sk') % 16)::bigint]
            else 'act_syn' || (i % $n) end,
       case when i % 3 = 0 then (['PAK', 'IRN', 'AFG', 'USA', 'GBR', 'IND', 'CHN', 'RUS', 'DEU',
            'FRA', 'TUR', 'SAU', 'EGY', 'NGA', 'BRA', 'JPN'])[1 + (hash(i, 'tk') % 16)::bigint]
            else 'act_syn' || ((i * 31) % $n) end,
       date '2023-01-01' + (i % 730)::int, date '2023-01-01' + (i % 730)::int, null, 0.5
from range($n) t(i);

insert into event_articles (event_id, article_id, source_name, num_mentions, outlet)
select 'e_syn' || (i // 2), 'a_syn' || i, 'Outlet ' || (i % 300), 1, 'Outlet ' || (i % 300)
from range($n * 2) t(i);
"""


def generate(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """Add `n` generated actors (and their lookup rows) and `n` events to a migrated warehouse."""
    con.execute(GENERATE.replace("$n", str(n)))
    history.fill_actor_lookup(con)


def build(path: Path, n: int) -> float:
    """A migrated warehouse of `n` actors and `n` events; seconds to build it."""
    clock = time.perf_counter()
    with wh.connect(path) as con:
        wh.migrate(con)
        generate(con, n)
    return time.perf_counter() - clock


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def _content(path: Path) -> dict[str, list]:
    tables = {
        "actors": "select * from actors order by actor_id",
        "mentions": "select * from mentions order by mention_id",
        "events": "select * exclude (num_sources, confidence) from events order by event_id",
        "event_articles": "select * from event_articles order by event_id, article_id",
    }
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in tables.items()}


def measure(warehouse: Path, mode: str) -> dict[str, Any]:
    """Run the seeds into `warehouse` in `mode`; what the actor and event history cost."""
    settings = Settings(warehouse=warehouse, nlp_workers=0, history=mode)  # type: ignore[arg-type]
    seen: dict[str, Any] = {}
    real_read = pipeline.read_history
    real_release = pipeline.RunContext.release_batch_state

    def read(con: duckdb.DuckDBPyConnection, s: Settings) -> Any:
        seen["rss_before_mb"] = _rss_mb()
        clock = time.perf_counter()
        out = real_read(con, s)
        seen["start_read_s"] = time.perf_counter() - clock
        return out

    def release(ctx: pipeline.RunContext) -> None:
        seen["rss_after_batches_mb"] = _rss_mb()
        registry = ctx.registry
        state = ctx.event_state
        assert isinstance(registry, resolve.ActorRegistry)
        assert isinstance(state, events.EventState)
        seen["registry_actors"] = len(registry)
        seen["state_events"] = state.events.height
        seen["state_event_articles"] = state.event_articles.height
        reads = ctx.history_reads
        seen["reads"] = reads.reads if reads else 0
        seen["read_s"] = reads.seconds if reads else 0.0
        seen["rows_read"] = dict(reads.rows) if reads else {}
        real_release(ctx)

    pipeline.read_history = read  # type: ignore[assignment]
    pipeline.RunContext.release_batch_state = release  # type: ignore[method-assign]
    try:
        clock = time.perf_counter()
        summary = pipeline.run_bundle(SEEDS, settings)
        seen["run_s"] = time.perf_counter() - clock
    finally:
        pipeline.read_history = real_read  # type: ignore[assignment]
        pipeline.RunContext.release_batch_state = real_release  # type: ignore[method-assign]
    seen["history_s"] = seen["start_read_s"] + seen["read_s"]
    seen["loaded"] = summary["loaded"]
    seen["events_loaded"] = summary["events"]
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--actors", type=int, nargs="+", default=[10_000, 100_000], help="warehouse sizes N"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results: dict[str, Any] = {
        "bundle": "seeds (5 articles)",
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        # one warm-up run: models, gazetteer and the gates' imports load once per process
        measure(Path(tmp) / "warm.duckdb", "full")
        for n in args.actors:
            base = Path(tmp) / f"base_{n}.duckdb"
            built = build(base, n)
            row: dict[str, Any] = {"build_s": round(built, 1)}
            for mode in ("full", "on_demand"):
                copy = Path(tmp) / f"{mode}_{n}.duckdb"
                shutil.copy(base, copy)
                row[mode] = measure(copy, mode)
            same = _content(Path(tmp) / f"full_{n}.duckdb") == _content(
                Path(tmp) / f"on_demand_{n}.duckdb"
            )
            full, lazy = row["full"], row["on_demand"]
            row["same_rows_loaded"] = same
            row["history_seconds_ratio"] = round(lazy["history_s"] / full["history_s"], 4)
            row["registry_actors_ratio"] = round(
                lazy["registry_actors"] / full["registry_actors"], 4
            )
            row["state_events_ratio"] = round(lazy["state_events"] / full["state_events"], 4)
            row["run_seconds_ratio"] = round(lazy["run_s"] / full["run_s"], 3)
            for mode in ("full", "on_demand"):
                row[mode] = {
                    k: round(v, 3) if isinstance(v, float) else v for k, v in row[mode].items()
                }
            results["sizes"][str(n)] = row
            print(json.dumps({n: row}, indent=2), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
