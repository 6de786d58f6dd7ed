"""Dedupe quality and scale, measured in one run (issue 5).

    uv run python -m bench.bench_dedupe                 # everything (the 1M scale run takes minutes)
    uv run python -m bench.bench_dedupe --scale-docs 100000   # smaller scale run

1. Exact duplicates on Reuters-21578: groups of identical normalised bodies, computed here
   independently (regex normalisation + md5), against the groups dedupe forms with near-duplicate
   marking switched off (so every link is an exact one). Goal: 100% recall, no false groups.
2. Near duplicates: synthetic copies by controlled edits (bench.corpus.near_copy) mixed with
   distinct articles; pairwise precision/recall/F1 of the duplicate groups. Goal: F1 >= 0.95.
3. Speed against datasketch on the same documents: our duplicate finding (exact check on the
   content hash, then word-bigram MinHash, LSH, verification) against datasketch MinHash
   (`update_batch`) + MinHashLSH doing the same steps, medians of 3 runs. The whole
   `dedupe_batch`, which also clusters stories (datasketch has nothing like it), is reported too.
4. Scale: N generated documents through `dedupe_batch` in a child process (time and peak RSS;
   generation is not timed), then through the duplicate-finding path alone; then the same
   documents through datasketch (MinHash.bulk + MinHashLSH) in another child, for the ratio at
   scale (`--no-datasketch-at-scale` skips it and only extrapolates from the subsample).
Writes bench/results/dedupe.json.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

from bench.corpus import REUTERS, load_pools
from bench.dedupe_synth import Generator, parsed_frame
from newsflow import dedupe, ids, load
from newsflow.dedupe import agreement, agreement_keys, openings
from newsflow.dedupe.sketch import sketch_batch
from newsflow.settings import Settings, Thresholds

RESULTS = Path(__file__).resolve().parent / "results"
BATCH = 2_000


def run_dedupe(frames: list[pl.DataFrame], settings: Settings) -> pl.DataFrame:
    state = dedupe.DedupeState()
    return pl.concat([dedupe.dedupe_batch(f, state, settings) for f in frames])


def groups_of(out: pl.DataFrame) -> pl.DataFrame:
    """input_seq -> predicted group root (the canonical article id)."""
    return out.select("input_seq", pl.coalesce("duplicate_of", "article_id").alias("root"))


def pair_scores(truth_group: pl.Series, predicted_group: pl.Series) -> dict:
    """Pairwise precision/recall/F1 of two clusterings of the same items."""
    frame = pl.DataFrame({"t": truth_group, "p": predicted_group})

    def pairs(cols: list[str]) -> int:
        sizes = frame.group_by(cols).len()["len"]
        return int((sizes * (sizes - 1) // 2).sum())

    both, truth, predicted = pairs(["t", "p"]), pairs(["t"]), pairs(["p"])
    precision = both / predicted if predicted else 1.0
    recall = both / truth if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true_pairs": truth,
        "predicted_pairs": predicted,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def independent_key(body: str) -> str:
    """The bench's own normalisation: lower case, runs of non-alphanumerics to one space."""
    text = re.sub(r"[\W_]+", " ", body.lower()).strip()
    return hashlib.md5(text.encode("utf-8")).hexdigest() if text else ""


def reuters_exact() -> dict:
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    titles = [d.get("title") or "" for d in docs]
    bodies = [d.get("body") or "" for d in docs]
    keys = [independent_key(b) for b in bodies]
    keep = [k for k, key in enumerate(keys) if key]
    frame = parsed_frame(
        [titles[k] for k in keep], [bodies[k] for k in keep], [0] * len(keep), 0, prefix="reuters"
    )
    truth = pl.Series("t", [keys[k] for k in keep])
    members: dict[str, int] = defaultdict(int)
    for key in truth:
        members[key] += 1
    truth_groups = {key for key, n in members.items() if n > 1}

    exact_only = Settings(thresholds=Thresholds(near_duplicate_threshold=1.01))
    started = time.perf_counter()
    out = run_dedupe([frame.slice(s, BATCH) for s in range(0, frame.height, BATCH)], exact_only)
    seconds = time.perf_counter() - started
    predicted = groups_of(out).sort("input_seq")["root"]
    table = pl.DataFrame({"t": truth, "p": predicted})
    t_sets = table.group_by("t").agg(pl.col("p").n_unique().alias("np"), pl.len().alias("n"))
    p_sets = table.group_by("p").agg(pl.col("t").n_unique().alias("nt"), pl.len().alias("n"))
    recovered = t_sets.filter((pl.col("n") > 1) & (pl.col("np") == 1)).height
    predicted_groups = p_sets.filter(pl.col("n") > 1)
    false_groups = predicted_groups.filter(pl.col("nt") > 1).height
    with_near = run_dedupe(
        [frame.slice(s, BATCH) for s in range(0, frame.height, BATCH)], Settings()
    )
    return {
        "docs": len(docs),
        "docs_with_text": frame.height,
        "truth_groups": len(truth_groups),
        "truth_duplicates": int(sum(members[k] - 1 for k in truth_groups)),
        "recovered_groups": recovered,
        "group_recall": recovered / len(truth_groups),
        "predicted_groups": predicted_groups.height,
        "false_groups": false_groups,
        "pairs": pair_scores(truth, predicted),
        "seconds": seconds,
        "with_near_duplicates": {
            "near_links": int((with_near["dup_method"] == "near").sum()),
            "exact_links": int((with_near["dup_method"] == "exact").sum()),
            "note": "default settings also link templated Reuters items (e.g. earnings tables) as near copies",
        },
    }


def near_quality(pools, originals: int = 8_000) -> dict:
    gen = Generator(pools, exact_rate=0.0, near_rate=0.25, seed=3)
    frames, truths = zip(
        *(gen.batch(BATCH) for _ in range(originals * 4 // 3 // BATCH + 1)), strict=True
    )
    truth = pl.concat(truths)
    started = time.perf_counter()
    out = run_dedupe(list(frames), Settings())
    seconds = time.perf_counter() - started
    joined = truth.join(groups_of(out), on="input_seq")
    scores = pair_scores(joined["group"], joined["root"])
    root_of_original = joined.filter(pl.col("kind") == "original").select(
        pl.col("input_seq").alias("group"), pl.col("root").alias("original_root")
    )
    copies = joined.filter(pl.col("kind") == "near").join(root_of_original, on="group")
    per_edit = (
        copies.group_by("edit")
        .agg(
            (pl.col("root") == pl.col("original_root")).mean().alias("recall"),
            pl.len().alias("copies"),
        )
        .sort("edit")
    )
    false_links = joined.filter(pl.col("kind") == "original").join(
        joined.group_by("root").agg(pl.col("group").n_unique().alias("groups")), on="root"
    )
    return {
        "docs": joined.height,
        "near_copies": copies.height,
        "pairs": scores,
        "per_edit_recall": {
            r["edit"]: {"recall": r["recall"], "copies": r["copies"]} for r in per_edit.to_dicts()
        },
        "originals_merged_with_another_original": int((false_links["groups"] > 1).sum()),
        "seconds": seconds,
        "threshold": Settings().thresholds.near_duplicate_threshold,
    }


def _timed(fn, *args) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result) of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return time.perf_counter() - started, time.process_time() - cpu, result


def _timed_over(path: DedupePath | DatasketchPath, gen: Generator, docs: int, batch: int) -> tuple:
    """(wall, CPU seconds) of `path.add` over `docs` generated documents in batches; generating
    them is not timed."""
    seconds = cpu = 0.0
    while gen.produced < docs:
        frame = gen.batch(min(batch, docs - gen.produced))[0]
        wall, used, _ = _timed(path.add, frame)
        seconds += wall
        cpu += used
    return seconds, cpu


def scale_child(docs: int, batch: int) -> dict:
    """Runs in a child process: `docs` generated documents through the whole `dedupe_batch`
    (exact + near + stories: time and peak RSS; generation not timed), then the same documents,
    regenerated, through the dedupe path alone (exact + near, as datasketch does it)."""
    pools = load_pools()
    warm = Generator(pools).batch(200)[0]  # compiled kernels load once per process
    dedupe.dedupe_batch(warm, dedupe.DedupeState(), Settings())
    dedupe_path([warm])
    gen = Generator(pools)
    state = dedupe.DedupeState()
    settings = Settings()
    dedupe_seconds = generate_seconds = dedupe_cpu = 0.0
    load_before = os.getloadavg()
    duplicates = {"exact": 0, "near": 0}
    planted = {"exact": 0, "near": 0}
    for _ in range(0, docs, batch):
        t0 = time.perf_counter()
        frame, truth = gen.batch(min(batch, docs - gen.produced))
        generate_seconds += time.perf_counter() - t0
        seconds, cpu, out = _timed(dedupe.dedupe_batch, frame, state, settings)
        dedupe_seconds += seconds
        dedupe_cpu += cpu
        for kind in ("exact", "near"):
            duplicates[kind] += int((out["dup_method"] == kind).sum())
            planted[kind] += int((truth["kind"] == kind).sum())
    t3 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:  # staged as a run's load stages them
        staging = load.Staging(Path(folder))
        for chunk_index, chunk in enumerate(dedupe.state_row_chunks(state)):
            for table, rows in chunk.items():
                staging.write(table, chunk_index, rows)
    state_rows_seconds = time.perf_counter() - t3
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    distinct_stories = len(set(state.story_ids))
    del state

    path = DedupePath()  # the same documents again (the generator is seeded)
    path_seconds, path_cpu = _timed_over(path, Generator(pools), docs, batch)
    return {
        "docs": docs,
        "batch_size": batch,
        "dedupe_seconds": dedupe_seconds,
        "docs_per_second": docs / dedupe_seconds,
        "dedupe_cpu_seconds_all_threads": dedupe_cpu,
        "dedupe_path_seconds": path_seconds,
        "dedupe_path_cpu_seconds": path_cpu,
        "dedupe_path_marked": path.marked,
        "load_average_before_after": [load_before[0], os.getloadavg()[0]],
        "stage_state_rows_seconds": state_rows_seconds,
        "signature_rows": docs,
        "generate_seconds_not_timed": generate_seconds,
        "peak_rss_mb_child_incl_generator": peak_rss_mb,
        "links_found": duplicates,
        "copies_planted": planted,
        "distinct_stories": distinct_stories,
    }


class DedupePath:
    """Our duplicate finding alone, step for step what the datasketch baseline does: an exact
    match on the content hash, else shingle, MinHash, LSH candidates (verified on the
    signatures and on the agreement of their distinguishing tokens, as dedupe_batch does); an
    unmarked document is inserted. Counts the marked."""

    def __init__(self) -> None:
        self.content = dedupe.KeyIndex()
        self.bands = dedupe.KeyIndex()
        self.signatures = np.zeros((0, dedupe.NUM_PERM), np.uint32)  # grown in place
        self.counts = np.zeros(0, np.int64)
        self.keys = np.zeros((0, agreement_keys.KMAX), np.uint32)
        self.lead = np.zeros(0, np.int16)
        self.words = np.zeros(0, np.int64)
        self.opening = np.zeros((0, openings.OPENING_SLOTS), np.uint32)
        self.bloom = np.zeros((0, openings.BLOOM_WORDS), np.uint32)
        self.size = 0
        self.threshold = Settings().thresholds.near_duplicate_threshold
        self.short_words = Settings().thresholds.short_words
        self.marked = 0

    def _append(
        self,
        sigs: np.ndarray,
        counts: np.ndarray,
        keys: agreement_keys.Keys,
        words: np.ndarray,
        opened: openings.Openings,
    ) -> None:
        need = self.size + counts.size
        if need > self.counts.size:
            capacity = max(need, 2 * self.counts.size)
            self.signatures.resize((capacity, dedupe.NUM_PERM), refcheck=False)
            self.keys.resize((capacity, agreement_keys.KMAX), refcheck=False)
            self.opening.resize((capacity, openings.OPENING_SLOTS), refcheck=False)
            self.bloom.resize((capacity, openings.BLOOM_WORDS), refcheck=False)
            for a in (self.counts, self.lead, self.words):
                a.resize(capacity, refcheck=False)
        self.signatures[self.size : need] = sigs
        self.counts[self.size : need] = counts
        self.keys[self.size : need] = keys.lists
        self.lead[self.size : need] = keys.lead
        self.words[self.size : need] = words
        self.opening[self.size : need] = opened.words
        self.bloom[self.size : need] = opened.blooms
        self.size = need

    def add(self, frame: pl.DataFrame) -> None:
        start, n = self.size, frame.height
        own = np.arange(start, start + n)
        content = dedupe.words.hex_key(frame["content_hash"], 0)
        exact = np.zeros(n, bool)
        q, _ = self.content.lookup(content)
        exact[q] = True
        _, first = np.unique(content, return_index=True)  # repeats inside the batch
        repeat = np.ones(n, bool)
        repeat[first] = False
        exact |= repeat
        sketch = sketch_batch(frame["title"], frame["body"])
        texts, found, opened = sketch.texts, sketch.keys, sketch.openings
        sigs, counts = sketch.signatures, sketch.counts
        keys = dedupe.minhash.lsh_band_keys(sigs)
        i, rows = dedupe.candidate_pairs(*self.bands.lookup(keys.ravel()))
        word_counts = frame["word_count"].to_numpy()
        self._append(sigs, counts, found, word_counts, opened)
        sim = dedupe.similarity(sigs, i, counts, self.signatures, rows, self.counts)
        similar = sim >= self.threshold
        i, rows = i[similar], rows[similar]
        asked = np.unique(i)
        tokens = agreement_keys.every_token(texts, asked)
        proper = agreement_keys.proper_title_names(texts, asked)
        short = (word_counts[i] < self.short_words) | (self.words[rows] < self.short_words)
        apart = np.zeros(i.size, bool)  # one crawl: no candidate is weeks older than its pair
        agree = agreement.agree(
            found.lists[i], found.lead[i], np.searchsorted(asked, i), self.keys[rows],
            self.lead[rows], tokens, proper, short, apart,
            openings.Openings(opened.words[i], opened.blooms[i]),
            openings.Openings(self.opening[rows], self.bloom[rows]),
        )  # fmt: skip
        near = np.zeros(n, bool)
        near[i[agree]] = True
        marked = exact | near
        self.marked += int(marked.sum())
        fresh = np.flatnonzero(~marked)
        self.content.add(content[fresh], own[fresh])
        self.bands.add(keys[fresh].ravel(), np.repeat(own[fresh], dedupe.BANDS))


def dedupe_path(frames: list[pl.DataFrame]) -> int:
    """DedupePath over the frames; how many documents it marked."""
    path = DedupePath()
    for frame in frames:
        path.add(frame)
    return path.marked


class DatasketchPath:
    """The baseline: datasketch MinHash + MinHashLSH over the same word-bigram shingles, with the
    same exact-hash check first; counts the marked. `bulk` builds each batch's MinHashes with
    `MinHash.bulk` (datasketch's fast path: permutations made once, not per document); without
    it, `MinHash(num_perm=128)` + `update_batch` per document as datasketch's README shows."""

    def __init__(self, bulk: bool = True) -> None:
        from datasketch import MinHashLSH

        threshold = (1 / dedupe.BANDS) ** (1 / dedupe.ROWS_PER_BAND)  # our banding's S-curve
        self.lsh = MinHashLSH(threshold=threshold, num_perm=dedupe.NUM_PERM)
        self.bulk = bulk
        self.seen: set[str] = set()
        self.marked = 0

    def add(self, frame: pl.DataFrame) -> None:
        from datasketch import MinHash

        normalised = frame.select(ids.normalised_text_expr("body"))["body"].to_list()
        keys = frame["article_id"].to_list()
        hashes = frame["content_hash"].to_list()
        shingles = []
        for text in normalised:
            words = text.split()
            shingles.append(
                list({f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)})
            )
        if self.bulk:
            minhashes = MinHash.bulk(shingles, num_perm=dedupe.NUM_PERM)
        else:
            minhashes = []
            for doc in shingles:
                m = MinHash(num_perm=dedupe.NUM_PERM)
                m.update_batch(doc)
                minhashes.append(m)
        for key, content, m in zip(keys, hashes, minhashes, strict=True):
            if content in self.seen or self.lsh.query(m):
                self.marked += 1
            else:
                self.seen.add(content)
                self.lsh.insert(key, m)


def datasketch_path(frames: list[pl.DataFrame], bulk: bool = True) -> int:
    """DatasketchPath over the frames; how many documents it marked."""
    path = DatasketchPath(bulk)
    for frame in frames:
        path.add(frame)
    return path.marked


def datasketch_scale_child(docs: int, batch: int) -> dict:
    """Runs in a child process: the scale run's documents (regenerated: the generator is seeded)
    through datasketch's MinHash.bulk + MinHashLSH; generation not timed."""
    gen = Generator(load_pools())
    datasketch_path([gen.batch(200)[0]])  # imports and first-call costs outside the timing
    path = DatasketchPath()
    seconds, cpu = _timed_over(path, Generator(load_pools()), docs, batch)
    return {
        "docs": docs,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "marked": path.marked,
        "peak_rss_mb_child_incl_generator": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        / 1024,
    }


def datasketch_subsample(pools, docs: int, repeats: int = 3) -> dict:
    """Ours and datasketch on the same documents, each the median of `repeats` runs after a
    warm-up (imports and compiled kernels are paid once per process)."""
    gen = Generator(pools)
    frames = [gen.batch(BATCH)[0] for _ in range(docs // BATCH)]
    dedupe_path(frames[:1])
    datasketch_path(frames[:1])
    datasketch_path(frames[:1], False)
    run_dedupe(frames[:1], Settings())

    def median(fn, *args) -> tuple[float, float, object]:
        runs = sorted((_timed(fn, *args) for _ in range(repeats)), key=lambda r: r[0])
        return runs[len(runs) // 2]

    path_s, path_cpu, path_marked = median(dedupe_path, frames)
    theirs_s, theirs_cpu, theirs_marked = median(datasketch_path, frames)
    per_doc_s, per_doc_cpu, _ = median(datasketch_path, frames, False)
    whole_s, whole_cpu, _ = median(run_dedupe, frames, Settings())
    return {
        "docs": docs,
        "repeats": repeats,
        "ours_dedupe_seconds": path_s,
        "ours_dedupe_cpu_seconds": path_cpu,
        "ours_marked": path_marked,
        "datasketch_seconds": theirs_s,
        "datasketch_cpu_seconds": theirs_cpu,
        "datasketch_marked": theirs_marked,
        "ratio": theirs_s / path_s,
        "ratio_cpu": theirs_cpu / path_cpu,
        "datasketch_per_document_seconds": per_doc_s,
        "datasketch_per_document_cpu_seconds": per_doc_cpu,
        "ratio_vs_per_document": per_doc_s / path_s,
        "ours_with_stories_seconds": whole_s,
        "ours_with_stories_cpu_seconds": whole_cpu,
        "ratio_with_stories": theirs_s / whole_s,
        "note": "both sides: exact check on the content hash, then word-bigram MinHash (128 "
        "permutations) and LSH, insert when unmarked; ours also verifies candidates on the "
        "signatures. `ratio` is against datasketch's fast MinHash.bulk; `ratio_vs_per_document` "
        "against one MinHash object per document. `with_stories` is the whole dedupe_batch, "
        "which also clusters stories (datasketch has no equivalent)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale-docs", type=int, default=1_000_000, help="documents in the scale run"
    )
    parser.add_argument(
        "--scale-batch", type=int, default=5_000, help="documents per dedupe_batch call"
    )
    parser.add_argument(
        "--datasketch-docs", type=int, default=20_000, help="subsample for datasketch"
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per side (median)")
    parser.add_argument("--out", type=Path, default=None, help="results file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--datasketch-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-datasketch-at-scale",
        action="store_true",
        help="skip running datasketch over the scale run's documents (minutes and GBs at 1M); "
        "the ratio at scale is then only extrapolated from the subsample",
    )
    parser.add_argument("--skip-quality", action="store_true", help="only the scale run")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(scale_child(args.scale_docs, args.scale_batch)))
        return
    if args.datasketch_child:
        print(json.dumps(datasketch_scale_child(args.scale_docs, args.scale_batch)))
        return

    results: dict = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": len(__import__("os").sched_getaffinity(0)),
        },
        "sketch": dedupe.SKETCH_VERSION,
    }
    pools = load_pools()
    if not args.skip_quality:
        results["reuters_exact"] = reuters_exact()
        print(json.dumps(results["reuters_exact"], indent=1))
        results["near_duplicates"] = near_quality(pools)
        print(json.dumps(results["near_duplicates"], indent=1))
    results["datasketch"] = datasketch_subsample(pools, args.datasketch_docs, args.repeats)
    print(json.dumps(results["datasketch"], indent=1))
    RESULTS.mkdir(exist_ok=True)
    name = "dedupe.json" if args.scale_docs >= 1_000_000 else f"dedupe_{args.scale_docs}.json"
    out = args.out or RESULTS / name
    out.write_text(json.dumps(results, indent=1) + "\n")  # scale follows
    child = subprocess.run(
        [sys.executable, "-m", "bench.bench_dedupe", "--child", "--scale-docs", str(args.scale_docs),
         "--scale-batch", str(args.scale_batch)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scale = json.loads(child.stdout.strip().splitlines()[-1])
    per_doc_theirs = results["datasketch"]["datasketch_seconds"] / results["datasketch"]["docs"]
    per_doc_theirs_cpu = (
        results["datasketch"]["datasketch_cpu_seconds"] / results["datasketch"]["docs"]
    )
    scale["datasketch_seconds_extrapolated"] = per_doc_theirs * scale["docs"]
    scale["ratio_vs_datasketch_extrapolated"] = (
        scale["datasketch_seconds_extrapolated"] / scale["dedupe_path_seconds"]
    )
    scale["ratio_vs_datasketch_extrapolated_cpu"] = (
        per_doc_theirs_cpu * scale["docs"] / scale["dedupe_path_cpu_seconds"]
    )
    scale["ratio_with_stories_vs_datasketch_extrapolated"] = (
        scale["datasketch_seconds_extrapolated"] / scale["dedupe_seconds"]
    )
    if not args.no_datasketch_at_scale:
        theirs = subprocess.run(
            [sys.executable, "-m", "bench.bench_dedupe", "--datasketch-child", "--scale-docs",
             str(args.scale_docs), "--scale-batch", str(args.scale_batch)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        measured = json.loads(theirs.stdout.strip().splitlines()[-1])
        scale["datasketch_at_scale"] = measured
        scale["ratio_vs_datasketch_at_scale"] = measured["seconds"] / scale["dedupe_path_seconds"]
        scale["ratio_vs_datasketch_at_scale_cpu"] = (
            measured["cpu_seconds"] / scale["dedupe_path_cpu_seconds"]
        )
    at_scale = scale.get("ratio_vs_datasketch_at_scale", scale["ratio_vs_datasketch_extrapolated"])
    scale["goals"] = {
        "seconds_le_300": scale["dedupe_seconds"] <= 300,
        "peak_rss_le_3gb": scale["peak_rss_mb_child_incl_generator"] <= 3072,
        "ratio_ge_20_same_docs": results["datasketch"]["ratio"] >= 20,
        "ratio_ge_20_at_scale": at_scale >= 20,
    }
    results["scale"] = scale
    print(json.dumps(scale, indent=1))
    out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
