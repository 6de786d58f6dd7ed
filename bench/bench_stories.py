"""Story clustering against the hand-labelled stories set (issue 21; bench/labels/stories/GUIDE.md).

    uv run python -m bench.bench_stories                  # the tune half (what tuning may look at)
    uv run python -m bench.bench_stories --half heldout6  # the sixth held-out set: final figures only
    uv run python -m bench.bench_stories --half heldout5  # spent at 9d93305 (see GUIDE.md)
    uv run python -m bench.bench_stories --half heldout4  # spent at 7492671 (see GUIDE.md)
    uv run python -m bench.bench_stories --half heldout3  # the third held-out set (see GUIDE.md)
    uv run python -m bench.bench_stories --half heldout2  # decided two merges (see GUIDE.md)
    uv run python -m bench.bench_stories --half heldout   # spent (see its _meta): tuning allowed
    uv run python -m bench.bench_stories --flow           # through the Prefect flow into DuckDB

Each block of each half (two Reuters weeks, BBC politics 001-150) is run through newsflow as its
own bundle, built from the original inputs: the Reuters records as JSON lines (title, date,
dateline and body as shipped), the BBC files as text files. By default the bundle goes through
newsflow's own stages (ingest, parse, dedupe: dedupe assigns `story_id`) with a fresh state; with
`--flow` through `pipeline.run_bundle` into a DuckDB file, `articles.story_id` read back (slower:
it runs spaCy too; the stories are the same).

Scores over all pairs of articles of the half (a pair is gold-positive when both carry the same
`story` label, predicted-positive when both share a `story_id`): pairwise precision, recall and
F1; B-cubed precision, recall and F1 (per article, averaged); per block as well. 95% intervals
by a seeded bootstrap over gold stories (resampled with replacement inside each block).
Writes bench/results/stories_<half>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

from newsflow import dedupe, ingest, parse
from newsflow.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
LABELS = ROOT / "bench" / "labels" / "stories"
RESULTS = ROOT / "bench" / "results"
BOOTSTRAP = 1_000


def labelled(half: str) -> list[dict]:
    """The labelled items of one half (the `_meta` line dropped)."""
    lines = (LABELS / f"{half}.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines[1:]]


def may_tune_on(half: str) -> bool:
    """Whether a half's errors may be looked at: the tune half, or one marked spent in its
    `_meta` (LABELLING.md: a held-out set's errors are read only once it is spent)."""
    if half == "tune":
        return True
    meta = json.loads((LABELS / f"{half}.jsonl").read_text().splitlines()[0])["_meta"]
    return bool(meta.get("spent_at"))


def write_bundle(items: list[dict], folder: Path) -> dict[str, str]:
    """The block's original inputs as a bundle in `folder`; source_path -> item_id."""
    folder.mkdir(parents=True)
    by_path: dict[str, str] = {}
    reuters = {
        int(i["doc_id"].rsplit(":", 1)[1]): i["item_id"] for i in items if i["corpus"] == "reuters"
    }
    if reuters:
        with (
            gzip.open(REUTERS, "rt", encoding="utf-8") as fh,
            (folder / "wire.jsonl").open("w") as out,
        ):
            written = 0
            for line_no, line in enumerate(fh, start=1):
                if line_no in reuters:
                    out.write(line)
                    written += 1
                    by_path[f"wire.jsonl:{written}"] = reuters[line_no]
    bbc = {i["doc_id"]: i["item_id"] for i in items if i["corpus"] == "bbc"}
    if bbc:
        with tarfile.open(BBC, "r:gz") as tar:
            for member in tar:
                if member.name in bbc:
                    target = folder / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
                    by_path[member.name] = bbc[member.name]
    return by_path


def stories_by_stages(bundle: Path, settings: Settings) -> pl.DataFrame:
    """(source_path, story_id) of every article of the bundle: ingest, parse, dedupe."""
    state = dedupe.DedupeState()
    out = []
    for batch in ingest.iter_batches(bundle, settings):
        articles, _ = parse.parse_batch(batch.docs, settings)
        out.append(dedupe.dedupe_batch(articles, state, settings).select("source_path", "story_id"))
    return pl.concat(out)


def stories_by_flow(bundle: Path, settings: Settings, work: Path) -> pl.DataFrame:
    """(source_path, story_id) from a real run of the bundle into a DuckDB file."""
    import duckdb

    from newsflow import pipeline

    warehouse = work / (bundle.name + ".duckdb")
    pipeline.run_bundle(bundle, settings.replace(warehouse=warehouse, nlp_workers=0))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return pl.from_arrow(con.execute("select source_path, story_id from articles").arrow())  # type: ignore[return-value]


def pair_counts(gold: list[str], predicted: list[str]) -> tuple[int, int, int]:
    """(pairs in both, gold pairs, predicted pairs)."""

    def pairs(keys: list) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(keys).values())

    return pairs(list(zip(gold, predicted, strict=True))), pairs(gold), pairs(predicted)


def bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """B-cubed (precision, recall) averaged over items."""
    both = Counter(zip(gold, predicted, strict=True))
    g, p = Counter(gold), Counter(predicted)
    precision = float(np.mean([both[(a, b)] / p[b] for a, b in zip(gold, predicted, strict=True)]))
    recall = float(np.mean([both[(a, b)] / g[a] for a, b in zip(gold, predicted, strict=True)]))
    return precision, recall


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(gold: list[str], predicted: list[str]) -> dict:
    both, gold_pairs, predicted_pairs = pair_counts(gold, predicted)
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    bp, br = bcubed(gold, predicted)
    return {
        "articles": len(gold),
        "gold_stories": len(set(gold)),
        "predicted_stories": len(set(predicted)),
        "gold_pairs": gold_pairs,
        "predicted_pairs": predicted_pairs,
        "true_pairs": both,
        "pairwise_precision": precision,
        "pairwise_recall": recall,
        "pairwise_f1": f1(precision, recall),
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": f1(bp, br),
    }


def bootstrap(frame: pl.DataFrame, seed: int = 21) -> dict:
    """95% intervals of the pairwise and B-cubed figures: gold stories resampled with replacement
    inside each block. The c-th draw of a story lives in replicate c: its articles pair, in the
    prediction, with the other stories' c-th draws that share their story_id (so a wrong merge
    still counts), never with another draw of themselves."""
    rng = np.random.default_rng(seed)
    stories = frame.group_by("block", "story", maintain_order=True).agg("predicted")
    by_block = defaultdict(list)
    for block, story, predicted in stories.iter_rows():
        by_block[block].append((story, predicted))
    draws: dict[str, list[float]] = defaultdict(list)
    for _ in range(BOOTSTRAP):
        gold: list[str] = []
        predicted: list[str] = []
        for block, members in by_block.items():
            drawn: Counter[int] = Counter()
            for k, pick in enumerate(rng.integers(len(members), size=len(members)).tolist()):
                story, predicted_ids = members[pick]
                replicate = drawn[pick]
                drawn[pick] += 1
                gold += [f"{block}/{k}/{story}"] * len(predicted_ids)
                predicted += [f"{block}/{replicate}/{p}" for p in predicted_ids]
        s = scores(gold, predicted)
        for name in ("pairwise_precision", "pairwise_recall", "bcubed_f1"):
            draws[name].append(s[name])
    return {
        name: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))]
        for name, v in draws.items()
    }


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()


def measure(half: str, flow: bool, settings: Settings) -> tuple[dict, pl.DataFrame]:
    """Every block of `half` as its own bundle; the figures and the per-article table."""
    items = labelled(half)
    blocks = sorted({i["block"] for i in items})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for block in blocks:
            members = [i for i in items if i["block"] == block]
            bundle = Path(tmp) / f"{block}-{half}"
            by_path = write_bundle(members, bundle)
            found = (
                stories_by_flow(bundle, settings, Path(tmp))
                if flow
                else stories_by_stages(bundle, settings)
            )
            story_of = dict(found.iter_rows())
            for path, item_id in by_path.items():
                item = next(i for i in members if i["item_id"] == item_id)
                rows.append(
                    {
                        "block": block,
                        "item_id": item_id,
                        "title": item["title"],
                        "story": item["story"],
                        "predicted": story_of.get(path) or f"missing:{item_id}",
                    }
                )
    frame = pl.DataFrame(rows)
    meta = json.loads((LABELS / f"{half}.jsonl").read_text().splitlines()[0])["_meta"]
    result = {
        "half": half,
        "labelled_at": meta["labelled_at"],
        "spent_at": meta.get("spent_at"),
        "commit": commit(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "through": "pipeline.run_bundle (DuckDB)" if flow else "ingest, parse, dedupe stages",
        "missing_articles": int(frame["predicted"].str.starts_with("missing:").sum()),
        "all": scores(frame["story"].to_list(), frame["predicted"].to_list()),
        "ci95": bootstrap(frame),
        "blocks": {
            block: scores(part["story"].to_list(), part["predicted"].to_list())
            for (block,), part in frame.group_by("block", maintain_order=True)
        },
    }
    return result, frame


# Every labelled half that can be measured (bench/labels/stories/<half>.jsonl).
HALVES = ("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (`argv`, else sys.argv): which half, through the flow or not."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--half",
        choices=HALVES,
        default="tune",
        help="heldout.jsonl .. heldout5.jsonl are spent; heldout6.jsonl is the fresh held-out set",
    )
    parser.add_argument("--flow", action="store_true", help="through pipeline.run_bundle")
    parser.add_argument(
        "--errors", action="store_true", help="print wrong pairs (tune and spent halves only)"
    )
    args = parser.parse_args(argv)
    if args.errors and not may_tune_on(args.half):
        parser.error(f"{args.half} is not spent: its errors may not be looked at (GUIDE.md)")
    return args


def main() -> None:
    args = arguments()
    result, frame = measure(args.half, args.flow, Settings())
    print(json.dumps(result, indent=1))
    if args.errors:
        for (block,), part in frame.group_by("block", maintain_order=True):
            print(f"\n## {block}")
            for _, group in part.group_by("predicted", maintain_order=True):
                if group["story"].n_unique() > 1:
                    print(
                        "  MERGED:",
                        [f"{s} | {t}" for s, t in group.select("story", "title").iter_rows()],
                    )
            for (story,), group in part.group_by("story", maintain_order=True):
                if group["predicted"].n_unique() > 1:
                    print("  SPLIT:", story, group.group_by("predicted").agg("title").rows())
    RESULTS.mkdir(exist_ok=True)
    suffix = "_flow" if args.flow else ""
    (RESULTS / f"stories_{args.half}{suffix}.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
