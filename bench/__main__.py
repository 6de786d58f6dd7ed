"""End-to-end benchmark harness: our pipeline against bare spaCy, measured in one run.

    uv run python -m bench --docs 2000            # quick
    uv run python -m bench --docs 10000 --rss      # + peak RSS of a run in a child process

Figures (each a ratio of two timings taken in this same process/run):
  * throughput vs. bare spaCy NER-only `nlp.pipe` over the same texts (same n_process);
  * Prefect flow vs. calling the same steps directly (fixed start-up subtracted);
  * gates on vs. off;  * rerun of the loaded bundle vs. first run;
  * optional peak RSS of a whole run (a child process).
Writes bench/results/pipeline_<docs>.json and prints the table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
WORK = Path(__file__).resolve().parent / "work"


def _texts(bundle: Path) -> list[str]:
    """The documents' texts, read directly (not through newsflow) for the bare-spaCy baseline."""
    if bundle.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(bundle, "r:gz") as tar:
            return [
                tar.extractfile(m).read().decode("latin-1")
                for m in tar
                if m.isfile() and m.name.endswith(".txt") and "README" not in m.name
            ]
    with gzip.open(bundle, "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def bare_spacy_seconds(texts: list[str], model: str, n_process: int) -> tuple[float, int]:
    """Time NER-only spaCy over the texts (the floor any pipeline pays)."""
    import spacy

    nlp = spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    start = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64, n_process=n_process))
    return time.perf_counter() - start, entities


def ours_direct(bundle: Path, warehouse: Path, gates: bool) -> tuple[float, dict]:
    from newsflow import pipeline, settings

    cfg = settings.from_env(warehouse=warehouse, gates=gates)
    start = time.perf_counter()
    summary = pipeline.run_bundle(bundle, cfg)
    return time.perf_counter() - start, summary


def ours_flow(bundle: Path, warehouse: Path) -> tuple[float, dict]:
    from newsflow.flows.pipeline import ingest_bundle

    start = time.perf_counter()
    summary = ingest_bundle(str(bundle), warehouse=str(warehouse))
    return time.perf_counter() - start, summary


def peak_rss_mb(bundle: Path, warehouse: Path) -> float:
    """Peak RSS of a whole direct run in a child process (MiB)."""
    code = (
        "import sys, resource; from pathlib import Path; from newsflow import pipeline, settings;"
        "pipeline.run_bundle(Path(sys.argv[1]), settings.from_env(warehouse=Path(sys.argv[2])));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bundle), str(warehouse)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def machine() -> dict:
    import duckdb
    import polars
    import prefect
    import spacy

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "versions": {
            "prefect": prefect.__version__,
            "duckdb": duckdb.__version__,
            "polars": polars.__version__,
            "spacy": spacy.__version__,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="articles in the generated bundle")
    parser.add_argument(
        "--rss", action="store_true", help="also measure peak RSS of a run in a child process"
    )
    parser.add_argument("--no-flow", action="store_true", help="skip the Prefect flow measurement")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="results file (default bench/results/pipeline_<docs>.json)",
    )
    parser.add_argument(
        "--work", type=Path, default=WORK, help="where generated corpora are cached"
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        default=None,
        help="measure on this .tar.gz of .txt files (e.g. the BBC bundle), not a generated corpus",
    )
    args = parser.parse_args()

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from bench.corpus import generate
    from newsflow.settings import Settings

    args.work.mkdir(parents=True, exist_ok=True)
    bundle = args.bundle or args.work / f"corpus_{args.docs}.jsonl.gz"
    if not bundle.exists():
        generate(bundle, args.docs)
    texts = _texts(bundle)
    words = sum(len(t.split()) for t in texts)
    model = Settings().spacy_model

    results: dict = {
        "machine": machine(),
        "bundle": str(bundle),
        "docs": len(texts),
        "words": words,
    }
    spacy_s, _ = bare_spacy_seconds(texts, model, n_process=1)
    results["bare_spacy_ner_seconds"] = round(spacy_s, 2)

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        # Warm-up: imports (Great Expectations, Prefect) and file caches are paid once per
        # process, not per run; every timed run below still loads its own models and suites.
        tiny = tmp_path / "tiny"
        tiny.mkdir()
        (tiny / "a.txt").write_text("Tiny\n\n" + " ".join(["word"] * 40) + ".\n")
        ours_direct(tiny, tmp_path / "warm.duckdb", gates=True)
        first_s, first = ours_direct(bundle, tmp_path / "a.duckdb", gates=True)
        rerun_s, rerun = ours_direct(bundle, tmp_path / "a.duckdb", gates=True)
        nogates_s, _ = ours_direct(bundle, tmp_path / "b.duckdb", gates=False)
        results.update(
            {
                "ours_direct_seconds": round(first_s, 2),
                "ours_direct_no_gates_seconds": round(nogates_s, 2),
                "rerun_seconds": round(rerun_s, 2),
                "first_run_summary": first,
                "rerun_loaded": rerun["loaded"],
                "throughput_ratio_vs_bare_spacy": round(spacy_s / first_s, 3),
                "gates_overhead": round(first_s / nogates_s - 1, 3),
                "rerun_ratio": round(rerun_s / first_s, 3),
            }
        )
        if not args.no_flow:
            fixed_s, _ = ours_flow(tiny, tmp_path / "tiny.duckdb")
            direct_tiny_s, _ = ours_direct(tiny, tmp_path / "tiny2.duckdb", gates=True)
            flow_s, _ = ours_flow(bundle, tmp_path / "c.duckdb")
            startup = fixed_s - direct_tiny_s
            results.update(
                {
                    "flow_seconds": round(flow_s, 2),
                    "flow_fixed_startup_seconds": round(startup, 2),
                    "orchestration_overhead": round((flow_s - startup) / first_s - 1, 3),
                }
            )
        if args.rss:
            results["peak_rss_mb"] = round(peak_rss_mb(bundle, tmp_path / "rss.duckdb"), 1)
    results["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )

    RESULTS.mkdir(parents=True, exist_ok=True)
    name = bundle.name.split(".")[0] if args.bundle else str(args.docs)
    out = args.out or RESULTS / f"pipeline_{name}.json"
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(
        json.dumps(
            {k: v for k, v in results.items() if k != "first_run_summary"}, indent=2, default=str
        )
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
