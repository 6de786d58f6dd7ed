"""A 500-article bundle into an empty warehouse vs into warehouses of 100k and 1M (issue 24 b).

    ./dev python -m bench.bench_growth --sizes 100000 1000000 --cache /work/cache --repeat 2
    ./dev python -m bench.bench_growth --build-only --sizes 100000 --cache /work/cache

What it measures: wall time and peak RSS of one whole run, `newsflow run BUNDLE --json` in a
fresh process (the real Prefect flow with its NLP worker and the quality gates), of the same
500-article bundle into a copy of each warehouse: empty, and one warehouse per `--sizes` N. The
process tree is sampled every 0.1 s: peak RSS of the flow process (the command's supervised
child), of its NLP worker process(es), of the two together at one moment (the goal's figure), and
of the whole tree (with the light supervising command and Prefect's temporary server). Each case runs `--repeat` times, the cases alternated; medians, and their
ratios against the empty warehouse. Goal: into 1M, peak RSS <= 1.1x and wall <= 1.2x of empty.

The bundle: 500 BBC articles, evenly spaced in name order over the .txt members of
../shared/bundles/bbc-news-2005.tar.gz (so every category), written as a .tar.gz subset with the
original member names.

A warehouse of N articles is built once and cached in `<cache>/growth-<N>/` (default under
bench/work/, git-ignored): N synthetic articles from bench.dedupe_synth's `Generator` (real
Reuters/BBC paragraphs, 5% exact and 5% near copies, dates spread over 730 days), deduplicated
by `newsflow.dedupe.dedupe_batch` in batches of 5,000 against one growing dedupe state, staged
and written by the real load (`newsflow.load.load_run`, one load per 50,000 articles), so
articles, article_signatures, stories, outlets and the runs table are filled as runs fill them;
then N/10 actors (with their lookup rows) and N/10 events from bench.bench_history's generator.
The build's time by phase goes to `<cache>/growth-<N>/build.json`. A cache built by another
commit is used as is (its commit is in build.json and in the results); `--rebuild` replaces it.

Before the runs, each warehouse's start-of-run reads (known article ids, dedupe state, actor and
event history, as `pipeline.open_run` makes them) are timed in a fresh process, with its resident
and peak memory after each (`start_reads`): where a run's memory grows with the warehouse.

Settings (history mode among them) come from the environment as for any run and are recorded.
Results: bench/results/growth.json; `python -m bench.report` renders them in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl
import psutil

from bench.bench_history import generate as generate_history
from bench.corpus import load_pools
from bench.dedupe_synth import Generator
from newsflow import dedupe, load, pipeline, settings
from newsflow import warehouse as wh
from newsflow.dedupe import lookup as dedupe_lookup

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "bundles" / "bbc-news-2005.tar.gz"
RESULTS = REPO / "bench" / "results" / "growth.json"
WORK = REPO / "bench" / "work"
NEWSFLOW = Path(sys.executable).with_name("newsflow")
BATCH = 5_000  # articles per dedupe_batch call
LOAD_EVERY = 50_000  # articles per load_run (one staged "run")
SPREAD_DAYS = 730


# --- the bundle ------------------------------------------------------------------------------


def bundle_subset(source: Path, out: Path, n: int = 500) -> Path:
    """A .tar.gz of `n` of the source's .txt members, evenly spaced in name order."""
    with tarfile.open(source, "r:gz") as tar:
        members = sorted(
            (m for m in tar if m.isfile() and m.name.endswith(".txt") and "README" not in m.name),
            key=lambda m: m.name,
        )
        step = len(members) / n
        chosen = [members[int(i * step)] for i in range(n)]
        with tarfile.open(out, "w:gz") as subset:
            for member in chosen:
                subset.addfile(member, tar.extractfile(member))
    return out


# --- building a warehouse --------------------------------------------------------------------


def _load_chunk(
    con: Any, staging_root: Path, chunk: int, frames: list[pl.DataFrame], state: Any
) -> float:
    """Stage one chunk's deduped articles and the dedupe state's new rows, then load them
    through `load.load_run` as one run; seconds of the staging and load."""
    clock = time.perf_counter()
    articles = pl.concat(frames)
    run = load.RunRecord(
        run_id=f"growth{chunk:05d}",
        bundle_path="bench.bench_growth (generated)",
        bundle_id="growth",
        flow_run_id=None,
        inputs=articles.height,
        loaded=articles.height,
        duplicates=int(articles["duplicate_of"].is_not_null().sum()),
    )
    staging = load.Staging(staging_root / run.run_id)
    for i, frame in enumerate(frames):
        staging.write("articles", i, frame.with_columns(pl.lit(run.run_id).alias("run_id")))
    for chunk_index, chunk in enumerate(dedupe.state_row_chunks(state)):
        for table, rows in chunk.items():
            staging.write(table, chunk_index, rows)
    load.begin_run(con, run)
    load.load_run(con, staging, run)
    staging.remove()
    # what the next run would read back: every row so far is history now
    state.loaded[: state.size] = True
    state.new_terms.clear()
    return time.perf_counter() - clock


def build(path: Path, n: int) -> dict[str, Any]:
    """A warehouse of `n` generated articles (through the real load) and n/10 actors and events;
    seconds by phase."""
    cfg = settings.Settings(warehouse=path)
    gen = Generator(load_pools(), days=SPREAD_DAYS)
    state = dedupe.DedupeState()
    seconds = {"generate": 0.0, "dedupe": 0.0, "load": 0.0, "actors_events": 0.0}
    commit = _commit()  # of the code that builds it (the run may commit meanwhile)
    start = time.perf_counter()
    with wh.connect(path) as con:
        wh.migrate(con)
        frames: list[pl.DataFrame] = []
        done = 0
        while done < n:
            size = min(BATCH, n - done)
            clock = time.perf_counter()
            frame, _ = gen.batch(size)
            seconds["generate"] += time.perf_counter() - clock
            clock = time.perf_counter()
            frames.append(dedupe.dedupe_batch(frame, state, cfg))
            seconds["dedupe"] += time.perf_counter() - clock
            done += size
            if sum(f.height for f in frames) >= LOAD_EVERY or done == n:
                seconds["load"] += _load_chunk(con, path.parent / "staging", done, frames, state)
                frames = []
                rate = done / (time.perf_counter() - start)
                print(f"build {n}: {done} articles, {rate:.0f}/s", flush=True)
        clock = time.perf_counter()
        generate_history(con, n // 10)
        seconds["actors_events"] = time.perf_counter() - clock
        counts = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
            for table in ("articles", "article_signatures", "stories", "actors", "events", "runs")
        }
        con.execute("checkpoint")
    load.remove_empty(path.parent / "staging")
    total = time.perf_counter() - start
    return {
        "articles": n,
        "commit": commit,
        "seconds": round(total, 1),
        "articles_per_second": round(n / total, 1),
        "seconds_by_phase": {k: round(v, 1) for k, v in seconds.items()},
        "rows": counts,
        "file_mb": round(path.stat().st_size / 2**20, 1),
    }


def cached(cache: Path, n: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    """The warehouse of `n` articles in `cache`, built first if missing (or asked to)."""
    folder = cache / f"growth-{n}"
    path, meta = folder / "warehouse.duckdb", folder / "build.json"
    if rebuild or not meta.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        meta.write_text(json.dumps(build(path, n), indent=1) + "\n")
    return path, json.loads(meta.read_text())


# --- one measured run ------------------------------------------------------------------------


def _role(proc: psutil.Process) -> str:
    """Which part of a run a process of `newsflow run`'s tree is: the flow process (the
    supervisor's child, newsflow.flow_child), Prefect's temporary API server, or a worker (the
    NLP worker processes, the gate process and multiprocessing's resource tracker)."""
    try:
        line = " ".join(proc.cmdline())
    except psutil.Error:
        return "worker"
    if "child_main" in line:
        return "flow"
    if "uvicorn" in line or "prefect.server" in line or "prefect server" in line:
        return "server"
    return "worker"


def measure_run(bundle: Path, warehouse: Path, interval_s: float = 0.1) -> dict[str, Any]:
    """`newsflow run BUNDLE -w WAREHOUSE --json` in a fresh process, its tree's RSS sampled.

    The command is a light supervisor; the flow runs in its child, which starts the NLP
    worker(s) and Prefect's temporary server. Peaks (MiB) of the flow process, of the workers
    together, of flow + workers at one moment (the goal's figure), and of the whole tree."""
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_API_URL", None)  # a one-off run: Prefect's temporary server
    keys = ("supervisor", "flow", "worker", "server")
    peaks = dict.fromkeys(("flow_mb", "workers_mb", "flow_and_workers_mb", "tree_mb"), 0.0)
    commands: dict[int, str] = {}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = psutil.Popen(
            [str(NEWSFLOW), "run", str(bundle), "-w", str(warehouse), "--json"],
            env=env,
            stdout=out,
            stderr=err,
        )
        while proc.poll() is None:
            rss = dict.fromkeys(keys, 0.0)
            try:
                rss["supervisor"] = proc.memory_info().rss / 2**20
                for child in proc.children(recursive=True):
                    role = _role(child)
                    rss[role] += child.memory_info().rss / 2**20
                    commands.setdefault(child.pid, f"{role}: {' '.join(child.cmdline())[:100]}")
            except psutil.Error:  # a process exiting mid-read: sample again next tick
                pass
            for key, value in (
                ("flow_mb", rss["flow"]),
                ("workers_mb", rss["worker"]),
                ("flow_and_workers_mb", rss["flow"] + rss["worker"]),
                ("tree_mb", sum(rss.values())),
            ):
                peaks[key] = max(peaks[key], value)
            time.sleep(interval_s)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"newsflow run failed ({proc.returncode}): {stderr[-2000:]}")
    outcome = json.loads(stdout)
    return {
        "wall_seconds": round(wall, 2),
        "startup_seconds": outcome.get("startup_seconds"),
        "run_seconds": outcome.get("seconds"),
        **{k: round(v, 1) for k, v in peaks.items()},
        "loaded": outcome.get("loaded"),
        "duplicates": outcome.get("duplicates"),
        "processes": sorted(set(commands.values())),
    }


def _memory_mb() -> dict[str, float]:
    """This process's resident (VmRSS) and peak resident (VmHWM) memory, MiB."""
    with open("/proc/self/status") as fh:
        fields = dict(line.split(":", 1) for line in fh if line.startswith(("VmRSS", "VmHWM")))
    return {k.lower(): round(int(v.split()[0]) / 1024, 1) for k, v in fields.items()}


def _known_sets(known: pl.DataFrame) -> tuple[set[str], set[str]]:
    """The known article ids and input hashes as the run holds them (`pipeline.open_run`)."""
    return set(known["article_id"].to_list()), set(known["input_hash"].drop_nulls().to_list())


def start_reads(warehouse: Path) -> dict[str, Any]:
    """What each warehouse read of a run's start costs in this process, in the order
    `pipeline.open_run` makes them, as settings.history says: `full`, the known article ids,
    the dedupe state and the actor and event history; `on_demand`, the dedupe totals and the
    history's (empty) start; seconds and memory after each."""
    cfg = settings.from_env(warehouse=warehouse)
    out: dict[str, Any] = {"before": _memory_mb()}
    with wh.connect(warehouse, read_only=True) as con:
        if cfg.history == "full":
            reads: tuple[tuple[str, Any], ...] = (
                ("known_article_ids", lambda: _known_sets(load.known_article_ids(con))),
                ("dedupe_state", lambda: dedupe.load_state(con)),
            )
        else:  # known articles are read by key per batch; dedupe opens with totals only
            history = dedupe_lookup.DedupeHistory(warehouse)
            reads = (("dedupe_state", lambda: dedupe_lookup.open_state(con, history)),)
        reads += (("history", lambda: pipeline.read_history(con, cfg)),)
        kept = []  # every read stays alive, as in a run
        for name, read in reads:
            clock = time.perf_counter()
            kept.append(read())
            out[name] = {"seconds": round(time.perf_counter() - clock, 2), **_memory_mb()}
    return out


def start_reads_apart(warehouse: Path) -> dict[str, Any]:
    """`start_reads` in a fresh process of its own (its peaks are its own)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_growth", "--start-reads", str(warehouse)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _copy(source: Path | None, folder: Path) -> Path:
    """A fresh warehouse for one run: a copy of `source`, or a new path (empty)."""
    target = folder / "run.duckdb"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if source is not None:
        shutil.copy(source, target)
    return target


FIGURES = ("wall_seconds", "run_seconds", "flow_mb", "workers_mb", "flow_and_workers_mb", "tree_mb")


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {k: statistics.median(r[k] for r in runs) for k in FIGURES if runs[0].get(k) is not None}


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return done.stdout.strip() + ("-dirty" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--cache", type=Path, default=WORK, help="where warehouses are cached")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each case (median)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild cached warehouses")
    parser.add_argument("--build-only", action="store_true", help="build the caches, no runs")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--start-reads", type=Path, metavar="WAREHOUSE", help="only print start_reads of it"
    )
    args = parser.parse_args()
    if args.start_reads:
        print(json.dumps(start_reads(args.start_reads)))
        return
    builds = {str(n): cached(args.cache, n, args.rebuild) for n in args.sizes}
    for n, (_, meta) in builds.items():
        print(f"warehouse {n}: {json.dumps(meta)}", flush=True)
    if args.build_only:
        return
    reads = {
        n: start_reads_apart(p) for n, (p, _) in builds.items()
    }  # before the runs: no contention
    cfg = settings.from_env()
    cases: dict[str, Path | None] = {"empty": None, **{n: p for n, (p, _) in builds.items()}}
    runs: dict[str, list[dict[str, Any]]] = {case: [] for case in cases}
    work = WORK / "growth-runs"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        bundle = bundle_subset(BBC, Path(tmp) / "bbc500.tar.gz")
        for i in range(args.repeat):
            for case, source in cases.items():
                target = _copy(source, Path(tmp) / case)
                runs[case].append(measure_run(bundle, target))
                shutil.rmtree(target.parent, ignore_errors=True)
                print(f"run {i} {case}: {json.dumps(runs[case][-1])}", flush=True)
    medians = {case: summarise(r) for case, r in runs.items()}
    empty = medians["empty"]
    ratios = {
        case: {k: round(m[k] / empty[k], 3) for k in m if empty.get(k)}
        for case, m in medians.items()
        if case != "empty"
    }
    results = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "commit": _commit(),
        "bundle": "500 BBC articles (evenly spaced by name in bbc-news-2005.tar.gz)",
        "history": cfg.history,
        "nlp_workers": cfg.nlp_workers,
        "repeat": args.repeat,
        "warehouses": {n: meta for n, (_, meta) in builds.items()},
        "start_reads": reads,
        "median": medians,
        "ratio_vs_empty": ratios,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps({"median": medians, "ratio_vs_empty": ratios}, indent=1))


if __name__ == "__main__":
    main()
