"""End-to-end benchmark harness: our pipeline against bare spaCy, measured in one run.

    uv run python -m bench --docs 2000                  # quick
    uv run python -m bench --docs 10000 --rss            # + peak RSS of a run in a child process
    uv run python -m bench --bundle ../shared/bundles/bbc-news-2005.tar.gz --n-process 2
    uv run python -m bench --docs 100000 --scale-only    # peak RSS and rerun at 100k
    uv run python -m bench --docs 2000 --profile p.txt   # where a run's time goes (pyinstrument)

Figures (each a ratio of two timings taken in this same process/run):
  * throughput vs. bare spaCy NER-only `nlp.pipe` over the same texts (same n_process; the
    baseline keeps only the `ner` component, and is measured just before and just after our
    first run, their mean taken), wall clock and CPU seconds (incl. workers);
  * throughput vs. the same NLP our run does, as bare `nlp.pipe` calls: the extraction
    pipeline (senter, NER, rulers) over every text plus the role parser over the sentences the
    run parsed (the limit for our work; everything above it is orchestration, parsing, dedupe,
    resolution, gates and loading);
  * Prefect flow vs. calling the same steps directly (fixed start-up subtracted);
  * gates on vs. off;  * rerun of the loaded bundle vs. first run;
  * optional peak RSS of a whole run (a child process).
Writes bench/results/pipeline_<docs|bundle>[_np<N>][_scale].json; `python -m bench.report`
renders every results file into docs/benchmarks.md.
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


def bare_spacy_seconds(texts: list[str], model: str, n_process: int) -> tuple[float, float, int]:
    """(wall, CPU seconds incl. worker processes, entities) of the NER component alone over the
    texts: the floor any pipeline pays. Every other component is excluded, including `tok2vec`
    (the small model's NER has its own embedding layer; the shared one only feeds the tagger
    and parser), so this is the fastest NER-only `nlp.pipe` the model allows."""
    import spacy

    components = spacy.load(model).component_names
    nlp = spacy.load(model, exclude=[c for c in components if c != "ner"])
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    start, cpu = time.perf_counter(), _cpu_seconds()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64, n_process=n_process))
    return time.perf_counter() - start, _cpu_seconds() - cpu, entities


class ParsedSentences:
    """Collects the texts of the sentences a run hands to the role parser (events)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __enter__(self) -> ParsedSentences:
        from newsflow import events

        self._real = events.sentences_to_parse

        def spy(*args, **kwargs):
            frame = self._real(*args, **kwargs)
            self.texts += frame["text"].to_list()
            return frame

        events.sentences_to_parse = spy
        return self

    def __exit__(self, *exc: object) -> None:
        from newsflow import events

        events.sentences_to_parse = self._real


def bare_same_nlp_seconds(
    texts: list[str], sentences: list[str], model: str, n_process: int
) -> tuple[float, float]:
    """(wall, CPU seconds) of the NLP our run does, alone: the extraction pipeline (senter, NER,
    entity rulers) over every text, then the role parser over the sentences our run parsed,
    each as plain `nlp.pipe` with the same n_process. The limit for our pipeline's work, where
    the NER-only baseline is the limit for NER alone."""
    from newsflow import events, extract

    nlp, parser = extract.load_nlp(model), events.load_parser(model)
    start, cpu = time.perf_counter(), _cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    for _ in parser.pipe(sentences, batch_size=256, n_process=n_process):
        pass
    return time.perf_counter() - start, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (spaCy's n_process workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ours_direct(
    bundle: Path, warehouse: Path, gates: bool, n_process: int = 1
) -> tuple[float, float, dict]:
    """(wall, CPU seconds incl. NLP worker processes, run summary) of one direct run."""
    from newsflow import pipeline, settings

    # n NER processes on both sides: our n_process (NER in the flow process) only applies
    # with nlp_workers=0; with workers (the default) their number is the NER parallelism
    cfg = settings.from_env(
        warehouse=warehouse, gates=gates, n_process=n_process, nlp_workers=n_process
    )
    start, cpu = time.perf_counter(), _cpu_seconds()
    summary = pipeline.run_bundle(bundle, cfg)
    return time.perf_counter() - start, _cpu_seconds() - cpu, summary


# How often one person is under several actors: full names (two or more words) carried by
# more than one PERSON actor, the mentions outside each such name's most mentioned actor, and
# the one-word person actors (an ambiguous lone surname, a first name, an NER slip)
ACTOR_SPLITS = """
with m as (select actor_id, count(*) as n from mentions group by 1),
p as (select a.name, m.n from actors a join m using (actor_id) where a.actor_type = 'PERSON'),
full_names as (select name, count(*) as ids, sum(n) - max(n) as off from p
               where name like '% %' group by 1)
select (select count(*) from p) as person_actors,
       (select count(*) from p where name not like '% %') as one_word_person_actors,
       (select count(*) from full_names where ids > 1) as full_names_under_several_actors,
       (select coalesce(sum(off), 0) from full_names where ids > 1) as mentions_off_main_actor
"""


def actor_splits(warehouse: Path) -> dict:
    """ACTOR_SPLITS of a run's warehouse (its persons with at least one mention)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(ACTOR_SPLITS).fetchone()
        names = [d[0] for d in con.description]
    return dict(zip(names, row, strict=True))


def ours_flow(bundle: Path, warehouse: Path) -> tuple[float, dict]:
    from newsflow import settings
    from newsflow.flows.pipeline import ingest_bundle

    params = settings.from_env(warehouse=warehouse).to_params()
    start = time.perf_counter()
    summary = ingest_bundle(str(bundle), settings=params)
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


def _tiny_bundle(tmp_path: Path) -> Path:
    tiny = tmp_path / "tiny"
    tiny.mkdir(exist_ok=True)
    (tiny / "a.txt").write_text("Tiny\n\n" + " ".join(["word"] * 40) + ".\n")
    return tiny


def profile_run(bundle: Path, warehouse: Path, out: Path) -> dict:
    """One direct run with the NLP in this process (nlp_workers=0, so spaCy shows in the
    profile), sampled by pyinstrument; the call tree goes to `out` as text."""
    from pyinstrument import Profiler

    from newsflow import pipeline, settings

    profiler = Profiler(interval=0.005)
    profiler.start()
    summary = pipeline.run_bundle(bundle, settings.from_env(warehouse=warehouse, nlp_workers=0))
    profiler.stop()
    # show_all: every sampled frame; the condensed tree dropped the run's own frames once on a
    # loaded machine (CI, 2 Dec), leaving only a spaCy thread's
    out.write_text(profiler.output_text(unicode=False, show_all=True), encoding="utf-8")
    return {"profile": str(out), "profiled_run_summary": summary}


def compare(
    texts: list[str], bundle: Path, tmp_path: Path, model: str, n_process: int, rss: bool
) -> dict:
    """Bare spaCy NER, our first run, its rerun and a run without gates, in this process.

    The baseline brackets our first run: it is measured just before and just after it, and
    the ratio takes their mean. On a shared machine whose speed drifts by a third within
    minutes, a baseline measured only before would compare two different machines."""
    before_s, before_cpu, _ = bare_spacy_seconds(texts, model, n_process)
    # Warm-up: imports (Great Expectations, Prefect, compiled kernels) are paid once per
    # process, not per run; every timed run below still loads its own models and suites.
    tiny = _tiny_bundle(tmp_path)
    ours_direct(tiny, tmp_path / "warm.duckdb", True, n_process)
    with ParsedSentences() as parsed:
        first_s, first_cpu, first = ours_direct(bundle, tmp_path / "a.duckdb", True, n_process)
    after_s, after_cpu, _ = bare_spacy_seconds(texts, model, n_process)
    spacy_s, spacy_cpu = (before_s + after_s) / 2, (before_cpu + after_cpu) / 2
    same_s, same_cpu = bare_same_nlp_seconds(texts, parsed.texts, model, n_process)
    rerun_s, _, rerun = ours_direct(bundle, tmp_path / "a.duckdb", True, n_process)
    nogates_s, _, _ = ours_direct(bundle, tmp_path / "b.duckdb", False, n_process)
    out = {
        "bare_spacy_ner_seconds": round(spacy_s, 2),
        "bare_spacy_ner_cpu_seconds": round(spacy_cpu, 2),
        "bare_spacy_ner_seconds_before_after": [round(before_s, 2), round(after_s, 2)],
        "ours_direct_seconds": round(first_s, 2),
        "ours_direct_cpu_seconds": round(first_cpu, 2),
        "ours_direct_no_gates_seconds": round(nogates_s, 2),
        "rerun_seconds": round(rerun_s, 2),
        "first_run_summary": first,
        "rerun_loaded": rerun["loaded"],
        "throughput_ratio_vs_bare_spacy": round(spacy_s / first_s, 3),
        "cpu_ratio_vs_bare_spacy": round(spacy_cpu / first_cpu, 3),
        "bare_same_nlp_seconds": round(same_s, 2),
        "bare_same_nlp_cpu_seconds": round(same_cpu, 2),
        "sentences_role_parsed": len(parsed.texts),
        "throughput_ratio_vs_same_nlp": round(same_s / first_s, 3),
        "cpu_ratio_vs_same_nlp": round(same_cpu / first_cpu, 3),
        "gates_overhead": round(first_s / nogates_s - 1, 3),
        "rerun_ratio": round(rerun_s / first_s, 3),
        "actor_splits": actor_splits(tmp_path / "a.duckdb"),
    }
    if rss:
        out["peak_rss_mb"] = round(peak_rss_mb(bundle, tmp_path / "rss.duckdb"), 1)
    return out


def flow_overhead(bundle: Path, tmp_path: Path, direct_s: float) -> dict:
    """The Prefect flow against the direct run, its fixed start-up (a tiny bundle) subtracted."""
    tiny = _tiny_bundle(tmp_path)
    fixed_s, _ = ours_flow(tiny, tmp_path / "tiny.duckdb")
    direct_tiny_s, _, _ = ours_direct(tiny, tmp_path / "tiny2.duckdb", True)
    flow_s, _ = ours_flow(bundle, tmp_path / "c.duckdb")
    startup = fixed_s - direct_tiny_s
    return {
        "flow_seconds": round(flow_s, 2),
        "flow_fixed_startup_seconds": round(startup, 2),
        "orchestration_overhead": round((flow_s - startup) / direct_s - 1, 3),
    }


def scale_run(bundle: Path, warehouse: Path, n_process: int) -> dict:
    """A first run and its rerun in one child process (bench.scale_child): their times, and the
    peak RSS over both and by phase of the first run."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.scale_child", str(bundle), str(warehouse), str(n_process)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    measured["rerun_ratio"] = round(measured["rerun_seconds"] / measured["first_seconds"], 3)
    return measured


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


# The figures of each run a `--repeat` file keeps (the report takes medians of the ratios).
REPEATED = (
    "bare_spacy_ner_seconds", "bare_spacy_ner_seconds_before_after", "ours_direct_seconds", "throughput_ratio_vs_bare_spacy",
    "bare_same_nlp_seconds", "throughput_ratio_vs_same_nlp", "gates_overhead", "rerun_ratio",
)  # fmt: skip


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
    parser.add_argument(
        "--n-process",
        type=int,
        default=1,
        help="spaCy processes, the same for the baseline and for newsflow (Settings.n_process)",
    )
    parser.add_argument(
        "--scale-only",
        action="store_true",
        help="only a first run and its rerun in a child process (peak RSS, rerun ratio): "
        "for the 100k bundle, where the baseline and the other runs would take hours",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="PATH",
        help="only profile one run (NLP in-process) with pyinstrument; the call tree goes to PATH",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure baseline and newsflow this many times, one after the other; the file "
        "holds the last run's figures and every run's ratios (`repeats`: the report quotes "
        "their median, since the machine's speed drifts between runs)",
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
        "n_process": args.n_process,
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.profile:
            print(json.dumps(profile_run(bundle, tmp_path / "p.duckdb", args.profile), indent=2))
            return
        if args.scale_only:
            del texts
            results.update(scale_run(bundle, tmp_path / "scale.duckdb", args.n_process))
        else:
            runs = []
            for i in range(args.repeat):
                run_path = tmp_path / f"r{i}"
                run_path.mkdir()
                runs.append(compare(texts, bundle, run_path, model, args.n_process, args.rss))
            results.update(runs[-1])
            if args.repeat > 1:
                results["repeats"] = {
                    "note": f"{args.repeat} runs one after another in this process",
                    "runs": [{k: r[k] for k in REPEATED if k in r} for r in runs],
                }
            if not args.no_flow:
                results.update(flow_overhead(bundle, tmp_path, results["ours_direct_seconds"]))
    results["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )

    RESULTS.mkdir(parents=True, exist_ok=True)
    name = bundle.name.split(".")[0] if args.bundle else str(args.docs)
    name += f"_np{args.n_process}" if args.n_process != 1 else ""
    name += "_scale" if args.scale_only else ""
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
