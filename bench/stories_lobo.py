"""Leave-one-block-out (LOBO) choice of the story settings over the spent stories blocks (issue 21).

    uv run python -m bench.stories_lobo

The 15 blocks of the five spent halves (tune, heldout, heldout2, heldout3, heldout4; never a
fresh held-out set) are parsed once; each setting of the grid (`story_threshold` x
`repeats.HEADLINE_KEYS` x `undated_story_threshold` x `thresholds.story_day_step`) runs dedupe
over every block with a fresh state (a block is run once per setting of the knobs that can
change it: the undated threshold only where it has undated articles, the others only where it
has dated ones; a story_day_step of 0.0 is the rule before it). For each block, the setting with
the best pairwise F1 pooled over the other 14 is chosen and scored on that block; the chosen
blocks' pairs are pooled into the LOBO figure. The pooled figure of every setting is
printed too. Writes bench/results/stories_lobo.json.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from bench import bench_stories
from newsflow import dedupe, ingest, parse
from newsflow.dedupe import repeats
from newsflow.settings import Settings

SPENT = ("tune", "heldout", "heldout2", "heldout3", "heldout4")
THRESHOLDS = (0.06, 0.08, 0.1, 0.12, 0.15, 0.2)
HEADLINE_KEYS = (2, 3, 4, 5)
UNDATED_THRESHOLDS = (0.0, 0.25, 0.3, 0.35, 0.4, 0.45)  # 0.0: the story threshold alone
DAY_STEPS = (0.0, 0.1, 0.15, 0.2)  # 0.0: a candidate counts at any distance in the window


def parsed_blocks(settings: Settings) -> list[dict]:
    """Every block of the spent halves: its parsed batches and each source path's gold story."""
    blocks = []
    with tempfile.TemporaryDirectory() as tmp:
        for half in SPENT:
            items = bench_stories.labelled(half)
            for block in sorted({i["block"] for i in items}):
                members = [i for i in items if i["block"] == block]
                by_path = bench_stories.write_bundle(members, Path(tmp) / f"{block}-{half}")
                story = {i["item_id"]: i["story"] for i in members}
                batches = [
                    parse.parse_batch(batch.docs, settings)[0]
                    for batch in ingest.iter_batches(Path(tmp) / f"{block}-{half}", settings)
                ]
                gold = {path: story[item] for path, item in by_path.items()}
                undated = sum(
                    b.select(pl.coalesce("published_date", "crawl_date").is_null()).sum().item()
                    for b in batches
                )
                blocks.append(
                    {
                        "half": half,
                        "block": block,
                        "batches": batches,
                        "gold": gold,
                        "undated": undated > 0,
                        "dated": undated < sum(b.height for b in batches),
                    }
                )
    return blocks


def block_pairs(block: dict, settings: Settings) -> tuple[int, int, int]:
    """(true, gold, predicted) same-story pairs of one block under `settings`."""
    state = dedupe.DedupeState()
    found = pl.concat(
        [
            dedupe.dedupe_batch(b, state, settings).select("source_path", "story_id")
            for b in block["batches"]
        ]
    )
    story_of = dict(found.iter_rows())
    paths = list(block["gold"])
    predicted = [story_of.get(p) or f"missing:{p}" for p in paths]
    return bench_stories.pair_counts([block["gold"][p] for p in paths], predicted)


def figures(true: int, gold: int, predicted: int) -> dict:
    precision = true / predicted if predicted else 1.0
    recall = true / gold if gold else 1.0
    return {"precision": precision, "recall": recall, "f1": bench_stories.f1(precision, recall)}


def summed(counts: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    return tuple(sum(c[k] for c in counts) for k in range(3))  # type: ignore[return-value]


def main() -> None:
    base = Settings()
    blocks = parsed_blocks(base)
    per: dict[tuple[float, int, float, float], list[tuple[int, int, int]]] = {}
    runs: dict[tuple, tuple[int, int, int]] = {}  # (block, the knobs that can change it)
    default_keys = repeats.HEADLINE_KEYS
    try:
        for threshold, keys, undated, step in itertools.product(
            THRESHOLDS, HEADLINE_KEYS, UNDATED_THRESHOLDS, DAY_STEPS
        ):
            settings = base.replace(
                thresholds=dataclasses.replace(
                    base.thresholds,
                    story_threshold=threshold,
                    undated_story_threshold=undated,
                    story_day_step=step,
                )
            )
            repeats.HEADLINE_KEYS = keys
            counts = []
            for k, b in enumerate(blocks):
                run = (
                    k,
                    threshold,
                    keys if b["dated"] else None,
                    undated if b["undated"] else None,
                    step if b["dated"] else None,  # undated articles share their batch's day
                )
                if run not in runs:
                    runs[run] = block_pairs(b, settings)
                counts.append(runs[run])
            per[(threshold, keys, undated, step)] = counts
    finally:
        repeats.HEADLINE_KEYS = default_keys
    chosen, lobo = [], []
    for k in range(len(blocks)):
        best = max(
            per, key=lambda s: figures(*summed([c for j, c in enumerate(per[s]) if j != k]))["f1"]
        )
        chosen.append({"block": f"{blocks[k]['half']}/{blocks[k]['block']}", "setting": best})
        lobo.append(per[best][k])
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": bench_stories.commit(),
        "halves": list(SPENT),
        "lobo": figures(*summed(lobo)),
        "chosen": chosen,
        "pooled": {
            f"{t} / {k} / {u} / {d}": figures(*summed(c)) for (t, k, u, d), c in per.items()
        },
    }
    print(json.dumps(result, indent=1))
    bench_stories.RESULTS.mkdir(exist_ok=True)
    (bench_stories.RESULTS / "stories_lobo.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
