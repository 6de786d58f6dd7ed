"""Mutation check of newsflow's core promises: each mutant breaks one promise in a temporary
copy of the repository and runs the tests that must catch it.

    uv run python -m bench.mutants [--only NAME ...] [--list]

Prints one line per mutant (killed / SURVIVED, the tests run, seconds) and a last line
`mutants N killed K`; writes bench/results/mutants.json; exits 1 when a mutant survives (a
survivor is a missing test). Before the mutants, the same tests run on an unmutated copy: a
mutant only counts as killed by tests that pass without it. A mutant whose code is not found
exactly once is an error (the code moved: update the mutant).

The copy is the working tree without .git, .venv and build outputs; it runs with this
environment's Python and the copy's own `src/` first on the path, so the mutated code is the
code under test (also in subprocesses such as the CLI).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "mutants.json"
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.duckdb", "*.duckdb.wal", "results", "work", "staging"
)


@dataclass(frozen=True)
class Mutant:
    """One broken promise: replace `old` (found exactly once) by `new` in `path`."""

    name: str
    promise: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTANTS = [
    Mutant(
        "duplicate-of-target",
        "an exact copy of a known near duplicate points at its canonical, not at the copy",
        "src/newsflow/dedupe/batch.py",
        "                duplicate_of[p], method[p], sim[p] = (\n"
        "                    state.duplicate_of[row],",
        "                duplicate_of[p], method[p], sim[p] = (\n"
        "                    state.article_ids[row],",
        ("tests/test_dedupe.py",),
    ),
    Mutant(
        "canonical-choice",
        "among new copies the earliest publication is the canonical",
        "src/newsflow/dedupe/batch.py",
        "descending=[False, True, False, False],",
        "descending=[True, True, False, False],",
        ("tests/test_dedupe.py",),
    ),
    Mutant(
        "critical-gate-halts",
        "a failing critical expectation stops the run before anything is written",
        "src/newsflow/quality/gatekeeper.py",
        "        if critical:\n            rule, observed, examples = critical[0]",
        "        if critical and False:\n            rule, observed, examples = critical[0]",
        (
            "tests/test_quality.py",
            "tests/test_flow_settings.py::test_a_failing_critical_gate_halts_the_flow",
        ),
    ),
    Mutant(
        "row-quarantine",
        "rows failing a row-level expectation leave the batch for quarantine",
        "src/newsflow/quality/gatekeeper.py",
        "        passed = frame.filter(~pl.col(ROW).is_in(bad.implode())).drop(ROW)",
        "        passed = frame.drop(ROW)",
        (
            "tests/test_quality.py",
            "tests/test_flow_settings.py::test_row_failures_are_quarantined_by_the_flow",
        ),
    ),
    Mutant(
        "mention-offsets",
        "mention offsets index the stored body exactly",
        "src/newsflow/extract.py",
        '            rows["text"].append(body[m.start : m.end])\n'
        '            rows["start"].append(m.start)\n'
        '            rows["end"].append(m.end)',
        '            rows["text"].append(body[m.start + 1 : m.end + 1])\n'
        '            rows["start"].append(m.start + 1)\n'
        '            rows["end"].append(m.end + 1)',
        ("tests/test_offsets.py",),
    ),
    Mutant(
        "actor-merge",
        "an entity seen again joins its existing actor instead of making a new one",
        "src/newsflow/resolve.py",
        "            actor = self._actors[ranked[0]] if ranked else None",
        "            actor = None",
        ("tests/test_extract.py", "tests/test_resolve.py"),
    ),
    Mutant(
        "load-atomicity",
        "a run's load is one transaction: a failure part-way leaves the warehouse as it was",
        "src/newsflow/load.py",
        "            written[table] = _upsert(con, table, staging.glob(table), rule)",
        "            written[table] = _upsert(con, table, staging.glob(table), rule)\n"
        '            con.execute("commit")\n'
        '            con.execute("begin transaction")',
        ("tests/test_load.py", "tests/test_operate.py"),
    ),
    Mutant(
        "input-accounting",
        "every input of a bundle is counted: inputs = loaded + already loaded + quarantined",
        "src/newsflow/pipeline.py",
        '                ctx.add("inputs", batch.inputs)',
        '                ctx.add("inputs", batch.docs.height)',
        ("tests/test_quality_process.py", "tests/test_flow_e2e.py"),
    ),
    Mutant(
        "rerun-skips-loaded-inputs",
        "a rerun recognises the inputs it has loaded and skips them before parsing",
        "src/newsflow/pipeline.py",
        '    known = pl.Series([h in ctx.known_inputs for h in docs["input_hash"]], dtype=pl.Boolean)',
        '    known = pl.Series([False for h in docs["input_hash"]], dtype=pl.Boolean)',
        # the counts alone cannot tell: skip_known still drops the articles after parsing them;
        # test_rerun watches what reaches parse
        ("tests/test_rerun.py", "tests/test_flow_e2e.py"),
    ),
    Mutant(
        "settings-reach-the-flow",
        "settings made in code reach the flow whole",
        "flows/pipeline.py",
        "        settings_mod.Settings.from_params(settings)\n        if settings is not None",
        "        settings_mod.from_env()\n        if settings is not None",
        ("tests/test_flow_settings.py",),
    ),
    Mutant(
        "dask-used",
        "--dask runs the NLP on Dask workers",
        "flows/pipeline.py",
        '    if settings.task_runner == "dask":\n        from prefect_dask import DaskTaskRunner',
        '    if settings.task_runner == "dask":\n        settings = settings.replace(task_runner="default")\n'
        "    if False:\n        from prefect_dask import DaskTaskRunner",
        ("tests/test_flow_settings.py", "tests/test_dask.py"),
    ),
    Mutant(
        "event-merge",
        "reports merge into one event only when they agree on type and mode (never negated with asserted)",
        "src/newsflow/event_merge.py",
        # the mode group of a report's merge key (blocking and matching both read it)
        "        c.mode_group,\n        c.pair,",
        '        "asserted",\n        c.pair,',
        ("tests/test_events_merging.py",),
    ),
    Mutant(
        "history-actor-block",
        "a run reading actors on demand reads every actor the fuzzy match could compare",
        "src/newsflow/resolve.py",
        "            keys.update(f\"{b.split('|')[0]}|n|{match}\" for match, _, _ in near)",
        "            keys.update(f\"{b.split('|')[0]}|n|{match}\" for match, _, _ in near[:1])",
        ("tests/test_history.py",),
    ),
    Mutant(
        "history-event-keys",
        "a run reading events on demand reads every known event its reports' merge keys hit",
        "src/newsflow/events.py",
        '        pairs=[f"{t}|{k}" for t in relevant_types for k in relevant_keys],',
        "        pairs=[],",
        ("tests/test_history.py",),
    ),
    Mutant(
        "history-duplicate-events",
        "a run reading events on demand reads the events of its duplicates' canonicals",
        "src/newsflow/events.py",
        '        articles=duplicates["canonical_id"].to_list(),',
        "        articles=[],",
        ("tests/test_history.py",),
    ),
]


def copy_tree(target: Path) -> Path:
    """The working tree without .git, virtualenv and outputs, symlinks kept (the package's
    flows/sql/data links are relative)."""
    shutil.copytree(ROOT, target, symlinks=True, ignore=IGNORE)
    return target


def apply(mutant: Mutant, tree: Path) -> None:
    path = tree / mutant.path
    text = path.read_text(encoding="utf-8")
    found = text.count(mutant.old)
    if found != 1:
        raise SystemExit(
            f"mutant {mutant.name}: its code occurs {found} times in {mutant.path} (want 1): "
            "the code moved, update bench/mutants.py"
        )
    path.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def run_tests(tree: Path, tests: tuple[str, ...], timeout: float) -> tuple[bool, float, str]:
    """(passed, seconds, last output lines) of pytest over `tests` in `tree`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tree / "src"), str(tree)])
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    start = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=tree, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return False, time.monotonic() - start, "timed out"
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-3:])
    return done.returncode == 0, time.monotonic() - start, tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names of the mutants to run (default all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per test run")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    if args.list:
        for m in chosen:
            print(f"{m.name:28} {m.path:36} {m.promise}")
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsflow-mutants-") as tmp:
        shared = ROOT.parent / "shared"  # tests read ../shared from the repository root
        if shared.exists():
            (Path(tmp) / "shared").symlink_to(shared.resolve())
        baseline = copy_tree(Path(tmp) / "baseline")
        suites = sorted({t for m in chosen for t in m.tests})
        ok, seconds, tail = run_tests(baseline, tuple(suites), args.timeout)
        print(
            f"{'baseline':28} {'passed' if ok else 'FAILED'}  {seconds:6.0f}s  {' '.join(suites)}"
        )
        if not ok:
            raise SystemExit(f"the tests fail without any mutant; fix them first:\n{tail}")
        for mutant in chosen:
            tree = copy_tree(Path(tmp) / mutant.name)
            apply(mutant, tree)
            passed, seconds, tail = run_tests(tree, mutant.tests, args.timeout)
            verdict = "SURVIVED" if passed else "killed"
            print(f"{mutant.name:28} {verdict:8} {seconds:6.0f}s  {' '.join(mutant.tests)}")
            rows.append(
                {"mutant": mutant.name, "promise": mutant.promise, "killed": not passed,
                 "tests": list(mutant.tests), "seconds": round(seconds, 1), "output": tail}
            )  # fmt: skip
            shutil.rmtree(tree, ignore_errors=True)
    killed = sum(row["killed"] for row in rows)
    print(f"mutants {len(rows)} killed {killed}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "mutants": rows},
            indent=2,
        )
        + "\n"
    )
    if killed < len(rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
