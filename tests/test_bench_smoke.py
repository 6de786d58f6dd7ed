"""The benchmark harness keeps working: a tiny corpus through every measurement (issue 11)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_corpus_generator_controls_duplicate_rates(tmp_path):
    from bench.corpus import generate

    out = tmp_path / "c.jsonl.gz"
    counts = generate(out, 400, exact_rate=0.1, near_rate=0.1, seed=3)
    assert counts["docs"] == 400 == counts["original"] + counts["exact"] + counts["near"]
    assert 20 <= counts["exact"] <= 60 and 20 <= counts["near"] <= 60
    truth = [json.loads(line) for line in (tmp_path / "c.truth.jsonl").read_text().splitlines()]
    assert all(t["copy_of_line"] < t["line"] for t in truth if t["kind"] != "original")


def test_pipeline_harness_runs_on_a_tiny_corpus(tmp_path):
    out = tmp_path / "pipeline.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--docs",
            "40",
            "--no-flow",
            "--repeat",
            "2",
            "--out",
            str(out),
            "--work",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    first = figures["first_run_summary"]
    assert first["inputs"] == 40 == first["loaded"] + first["already_loaded"]
    assert (figures["rerun_loaded"], first["quarantined"]) == (0, 0)
    # every ratio is the quotient of the two timings written beside it, measured in this run
    ours = figures["ours_direct_seconds"]
    for ratio, numerator in (
        ("throughput_ratio_vs_bare_spacy", "bare_spacy_ner_seconds"),
        ("throughput_ratio_vs_same_nlp", "bare_same_nlp_seconds"),
        ("rerun_ratio", "rerun_seconds"),
    ):
        assert figures[ratio] == pytest.approx(figures[numerator] / ours, rel=0.02, abs=0.002)
    assert figures["sentences_role_parsed"] >= first["events"]
    # the baseline brackets our first run: the ratio's baseline is the mean of before and after
    before, after = figures["bare_spacy_ner_seconds_before_after"]
    assert figures["bare_spacy_ner_seconds"] == pytest.approx((before + after) / 2, abs=0.011)
    # --repeat 2: both runs' figures kept, the file's own being the last run's
    runs = figures["repeats"]["runs"]
    assert len(runs) == 2 and runs[-1]["ours_direct_seconds"] == ours
    assert all(r["throughput_ratio_vs_bare_spacy"] > 0 for r in runs)
    splits = figures["actor_splits"]  # counted in the run's own warehouse
    assert 0 < splits["one_word_person_actors"] < splits["person_actors"]
    assert splits["mentions_off_main_actor"] >= splits["full_names_under_several_actors"] >= 0


def test_scale_harness_reruns_and_reports_memory_by_phase(tmp_path):
    out = tmp_path / "scale.json"
    command = [sys.executable, "-m", "bench", "--docs", "40", "--scale-only", "--out", str(out),
               "--work", str(tmp_path)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["first"]["inputs"] == 40 and figures["rerun_loaded"] == 0
    loaded_before = figures["first"]["loaded"] + figures["first"]["already_loaded"]
    assert figures["rerun_already_loaded"] == loaded_before
    phases = figures["first_run_peak_rss_by_phase_mb"]
    assert set(phases) == {"start", "batches", "load"}
    assert all(0 < p["flow_mb"] <= p["with_workers_mb"] for p in phases.values())


def test_profile_mode_writes_the_call_tree_of_a_run(tmp_path):
    out = tmp_path / "profile.txt"
    command = [sys.executable, "-m", "bench", "--docs", "30", "--profile", str(out),
               "--work", str(tmp_path)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    tree = out.read_text()
    assert "run_bundle" in tree and "extract_step" in tree and "load_step" in tree


def test_query_bench_runs_on_a_small_warehouse(tmp_path):
    out = tmp_path / "q.json"
    # A hang prints where it was instead of a silent kill. Seen twice in CI, never reproduced:
    # DuckDB never returned from a repeat of a query it had just answered (the stack ends in
    # bench/queries.py's timed loop; a rerun of the test took 3 s). One watchdog timeout is
    # retried once, and reported with the retry's output if that fails too.
    command = [sys.executable, "-m", "bench.queries", "--articles", "2000", "--out", str(out),
               "--watchdog-seconds", "240"]  # fmt: skip
    run = functools.partial(
        subprocess.run, command, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    result = run()
    hung = result.returncode != 0 and "Timeout (0:04:00)!" in result.stderr
    if hung:
        first = result.stderr[-1500:]
        result = run()
        assert result.returncode == 0, f"hung, then failed:\n{first}\n---\n{result.stderr[-1500:]}"
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["queries"] and figures["slowest_seconds"] >= 0


def test_dedupe_bench_runs_on_a_small_scale(tmp_path):
    out = tmp_path / "dedupe.json"
    command = [sys.executable, "-m", "bench.bench_dedupe", "--skip-quality", "--scale-docs",
               "3000", "--scale-batch", "1000", "--datasketch-docs", "2000", "--repeats", "1",
               "--out", str(out)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    sample, scale = figures["datasketch"], figures["scale"]
    assert sample["ratio"] == pytest.approx(
        sample["datasketch_seconds"] / sample["ours_dedupe_seconds"]
    )
    assert scale["docs"] == scale["signature_rows"] == 3000
    # every planted exact copy is found (some near copies only changed the headline: their
    # bodies are exact copies too), nearly all near copies, and few links nobody planted
    planted, found = scale["copies_planted"], scale["links_found"]
    total = found["exact"] + found["near"]
    assert found["exact"] >= planted["exact"] > 0
    assert planted["exact"] + 0.9 * planted["near"] <= total <= 1.05 * sum(planted.values())
    assert scale["ratio_vs_datasketch_at_scale"] == pytest.approx(
        scale["datasketch_at_scale"]["seconds"] / scale["dedupe_path_seconds"]
    )


def test_event_bench_runs_on_the_dev_half_and_a_few_reuters_docs(tmp_path):
    out = tmp_path / "events.json"
    command = [sys.executable, "-m", "bench.bench_events", "--dev-only", "--cost-docs", "30",
               "--out", str(out)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["dev_used_for_tuning"]["records"] > 100
    assert figures["cost_reuters"]["articles"] == 30


def test_gates_bench_runs_on_the_bbc_bundle(tmp_path):
    out = tmp_path / "gates.json"
    command = [sys.executable, "-m", "bench.bench_gates", "--repeat", "1", "--ner-sample", "5",
               "--out", str(out)]  # fmt: skip
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["corpus"]["articles"] == 2225 and figures["total_seconds"] > 0
    assert all(n == 0 for n in figures["quarantined_rows_on_bbc"].values())


def test_neardup_scoring_reads_the_committed_after_sample(tmp_path, monkeypatch):
    """The share judged true of the committed `after` sample, its intervals, and the refusals
    (a verdict file for other links, a false verdict without a reason)."""
    from bench import bench_neardup

    scored = bench_neardup.judged_sample("after")
    assert scored is not None and scored["judged"] == 100
    verdicts = [
        json.loads(line)["verdict"]
        for line in (bench_neardup.LABELS / "judged_after.jsonl").read_text().splitlines()[1:]
    ]
    assert scored["true"] == verdicts.count("true")
    low, high = scored["bootstrap_ci95"]
    assert low <= scored["share_true"] <= high and high - low > 0
    assert bench_neardup.share_true(["true"] * 10)["bootstrap_ci95"] == [1.0, 1.0]
    assert bench_neardup.share_true(["true"] * 10)["wilson_ci95"][0] < 0.75

    lines = (bench_neardup.LABELS / "judged_after.jsonl").read_text().splitlines()
    (tmp_path / "after.jsonl").write_text((bench_neardup.LABELS / "after.jsonl").read_text())
    monkeypatch.setattr(bench_neardup, "LABELS", tmp_path)
    (tmp_path / "judged_after.jsonl").write_text("\n".join([lines[0], *lines[2:]]) + "\n")
    with pytest.raises(ValueError, match="does not judge the links"):
        bench_neardup.judged_sample("after")
    unexplained = [json.loads(line) for line in lines[1:]]
    unexplained[0].update(verdict="false", why="")
    (tmp_path / "judged_after.jsonl").write_text(
        "\n".join([lines[0], *map(json.dumps, unexplained)]) + "\n"
    )
    with pytest.raises(ValueError, match="without a reason"):
        bench_neardup.judged_sample("after")


def test_neardup_held_out_draw_leaves_out_every_judged_link(tmp_path, monkeypatch):
    """`--exclude-judged` draws from links no judged_*.jsonl holds: the links of both committed
    judged samples are known, and a judged file added later is read too."""
    from bench import bench_neardup

    judged = bench_neardup.judged_links()
    for tag in ("after", "baseline"):
        lines = (bench_neardup.LABELS / f"judged_{tag}.jsonl").read_text().splitlines()[1:]
        assert {json.loads(line)["link"] for line in lines} <= judged
    monkeypatch.setattr(bench_neardup, "LABELS", tmp_path)
    assert bench_neardup.judged_links() == set()
    (tmp_path / "judged_x.jsonl").write_text('{"_meta": {}}\n{"i": 0, "link": "a -> b"}\n')
    assert bench_neardup.judged_links() == {"a -> b"}
