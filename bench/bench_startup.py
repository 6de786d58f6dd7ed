"""What a run costs before its first document, and what overlapping its start-up saves (issue 25).

    uv run python -m bench.bench_startup [--repeat 2] [--out bench/results/startup.json]

1. The overlap, in fresh processes (imports are cached within one): `sequential` starts
   Prefect's temporary server and waits for it, then loads the run's two spaCy pipelines, as a
   run did before; `overlapped` loads them in a thread while the server starts (`runs.warm_up`, what `newsflow run` does). Alternated `--repeat` times;
   medians and their ratio.
2. The command: `newsflow run examples/bundle` on a new warehouse, then the same again (a
   rerun, whose work is a few percent of the first run's). `--json` gives `startup_seconds`
   (the command's start to its first document), the run's `seconds` and `wall_seconds`.

3. Issue 24 (a): the seeds bundle (`--seeds`, five articles) end to end, `newsflow run` on a new
   warehouse in a fresh process, against a fresh Python process that loads the full
   `en_core_web_sm` pipeline and runs it over the same five texts; with Prefect's temporary
   server (no PREFECT_API_URL, what a one-off command does) and with a running Prefect server
   (what a scheduled deployment has). Alternated `--repeat` times; medians and ratios.

The machine's load average is recorded beside the figures: on a shared machine every start-up
figure grows with it, the overlap's saving shrinks (it needs an idle core).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
NEWSFLOW = Path(sys.executable).with_name("newsflow")

PROBE = """
import json, sys, time
start = time.perf_counter()
from newsflow import runs
from newsflow.flows.pipeline import run_flow
from newsflow.settings import Settings
imported = time.perf_counter()
settings = Settings()
if sys.argv[1] == "overlapped":
    runs.warm_up(settings)
from prefect.server.api.server import SubprocessASGIServer  # as the flow's first call does
server = SubprocessASGIServer()
server.start()
served = time.perf_counter()
if sys.argv[1] == "overlapped":
    runs.take_models(settings)
else:
    runs.load_models(settings.spacy_model)
ready = time.perf_counter()
server.stop()
print(json.dumps({"imports": imported - start, "server": served - imported,
                  "start_up": ready - imported}))
"""


def probe(variant: str) -> dict[str, float]:
    """One fresh process: the start-up after the imports, sequential or overlapped."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "ERROR"}
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
    env.pop("PREFECT_API_URL", None)
    with tempfile.TemporaryDirectory() as home:
        env["PREFECT_HOME"] = home
        done = subprocess.run(
            [sys.executable, "-c", PROBE, variant],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def command(warehouse: Path) -> dict[str, float]:
    """`newsflow run examples/bundle --json` on `warehouse`: its timing figures."""
    env = {**os.environ}
    env.pop("PREFECT_API_URL", None)
    start = time.perf_counter()
    done = subprocess.run(
        [str(NEWSFLOW), "run", str(REPO / "examples" / "bundle"), "-w", str(warehouse), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    outside = time.perf_counter() - start
    outcome = json.loads(done.stdout)
    return {
        "startup_seconds": outcome["startup_seconds"],
        "seconds": outcome["seconds"],
        "wall_seconds": outcome["wall_seconds"],
        "process_seconds": round(outside, 2),  # with the interpreter's own start
        "loaded": outcome["loaded"],
    }


BARE_SPACY = """
import sys, time
from pathlib import Path
start = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[2])
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(sys.argv[1]).iterdir())]
docs = list(nlp.pipe(texts))
print(time.perf_counter() - start, sum(len(d.ents) for d in docs))
"""


def bare_spacy(folder: Path) -> float:
    """Seconds of a fresh process: import spaCy, load the full en_core_web_sm, run it over `folder`."""
    start = time.perf_counter()
    from newsflow.settings import Settings

    model = Settings().spacy_model  # the packaged en_core_web_sm, the model our runs load
    subprocess.run(
        [sys.executable, "-c", BARE_SPACY, str(folder), model], check=True, capture_output=True
    )
    return round(time.perf_counter() - start, 2)


def run_bundle(bundle: Path, warehouse: Path, api_url: str | None) -> float:
    """Seconds of `newsflow run BUNDLE` on a new warehouse, process start to exit."""
    env = {**os.environ}
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    start = time.perf_counter()
    subprocess.run(
        [str(NEWSFLOW), "run", str(bundle), "-w", str(warehouse), "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    return round(time.perf_counter() - start, 2)


@contextlib.contextmanager
def prefect_server() -> Iterator[str]:
    """A real Prefect server on a free local port, for the run of a scheduled deployment."""
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]
    prefect = Path(sys.executable).with_name("prefect")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        server = subprocess.Popen(
            [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/api"
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(url + "/health", timeout=2):
                        break
                except OSError:
                    time.sleep(1)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=60)


def seeds(bundle: Path, repeat: int) -> dict[str, Any]:
    """Issue 24 (a): the seeds bundle end to end against bare spaCy over the same texts."""
    figures: dict[str, list[float]] = {"bare_spacy": [], "temporary_server": [], "server": []}
    with prefect_server() as url, tempfile.TemporaryDirectory() as folder:
        for i in range(repeat):
            figures["bare_spacy"].append(bare_spacy(bundle))
            figures["temporary_server"].append(
                run_bundle(bundle, Path(folder) / f"t{i}.duckdb", None)
            )
            figures["server"].append(run_bundle(bundle, Path(folder) / f"s{i}.duckdb", url))
            print("seeds", {k: v[-1] for k, v in figures.items()}, flush=True)
    medians = {k: statistics.median(v) for k, v in figures.items()}
    return {
        "bundle": str(bundle),
        "seconds": figures,
        "median_seconds": medians,
        "temporary_server_vs_bare_spacy": round(
            medians["temporary_server"] / medians["bare_spacy"], 2
        ),
        "server_vs_bare_spacy": round(medians["server"] / medians["bare_spacy"], 2),
        # each round's own ratio (its baseline measured just before it): how much the quotient
        # of medians above moves with the machine
        "server_vs_bare_spacy_by_round": [
            round(s / b, 2) for s, b in zip(figures["server"], figures["bare_spacy"], strict=True)
        ],
        "goal": "<= 4x bare spaCy (issue 24)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS / "startup.json")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "bundles" / "seeds")
    parser.add_argument("--only-seeds", action="store_true", help="only part 3 (issue 24 a)")
    args = parser.parse_args()

    load_before = os.getloadavg()
    if args.only_seeds:
        previous = json.loads(args.out.read_text()) if args.out.exists() else {}
        previous["seeds"] = seeds(args.seeds, args.repeat)
        previous["seeds"]["load_average"] = [load_before, os.getloadavg()]
        previous["seeds"]["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        previous["seeds"]["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        args.out.write_text(json.dumps(previous, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(previous["seeds"]["median_seconds"]), "->", args.out)
        return
    runs: dict[str, list[dict[str, float]]] = {"sequential": [], "overlapped": []}
    for _ in range(args.repeat):
        for variant in runs:
            runs[variant].append(probe(variant))
            print(variant, runs[variant][-1], flush=True)
    medians = {
        variant: statistics.median(r["start_up"] for r in results)
        for variant, results in runs.items()
    }
    with tempfile.TemporaryDirectory() as folder:
        first = command(Path(folder) / "w.duckdb")
        rerun = command(Path(folder) / "w.duckdb")
    print("first run", first, "\nrerun", rerun, flush=True)
    result = {
        "bench": "startup",
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "overlap": {
            "runs": runs,
            "median_start_up_seconds": medians,
            "overlapped_vs_sequential": round(medians["overlapped"] / medians["sequential"], 3),
        },
        "command": {"first_run": first, "rerun": rerun},
        "seeds": seeds(args.seeds, args.repeat),
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["overlap"]["median_start_up_seconds"]), "->", args.out)


if __name__ == "__main__":
    main()
