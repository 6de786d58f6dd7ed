"""Sample of multi-alias actors for judging wrong cross-document merges (issue 20).

    ./dev python -m bench.actor_merges run --out /tmp/actors.parquet [--docs 400]
    ./dev python -m bench.actor_merges sample --run /tmp/actors.parquet [--n 60] [--seed 17]
    ./dev python -m bench.actor_merges follow --before A.parquet --after B.parquet

`run` extracts `bench_extract.bbc_texts(docs)` (the real extract stage and one ActorRegistry,
batches of 100 as a flow run makes them) and stores every mention with its actor, alias list
and a context snippet. `sample` draws a seeded random sample of actors with two or more
distinct aliases (bench/labels/actor_merges/sample.jsonl) for judging by GUIDE.md. `follow`
maps each sampled actor's mentions to the actors of a later run, so the same 60 can be
re-judged after a change, and counts actors and multi-alias actors in both runs.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import polars as pl

from bench.bench_extract import bbc_texts, deduped
from newsflow.extract import extract_batch, load_nlp
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent / "labels" / "actor_merges"


def run(docs: int, out: Path) -> None:
    settings = Settings()
    nlp = load_nlp(settings.spacy_model)
    texts = bbc_texts(docs)
    frame = deduped(texts)
    registry = ActorRegistry()
    parts = []
    for i in range(0, len(texts), 100):
        parts.append(extract_batch(frame.slice(i, 100), nlp, registry, settings).mentions)
    mentions = pl.concat(parts)
    actors = registry.to_frame()
    bodies = dict(zip(frame["article_id"], frame["body"], strict=True))
    snippets = [
        bodies[a][max(0, s - 80) : e + 80].replace("\n", " ")
        for a, s, e in mentions.select("article_id", "char_start", "char_end").iter_rows()
    ]
    mentions = mentions.with_columns(pl.Series("snippet", snippets)).join(
        actors.select("actor_id", "name", "actor_type", "aliases"), on="actor_id", how="left"
    )
    mentions.write_parquet(out)
    multi = actors.filter(pl.col("aliases").list.len() >= 2)
    print(
        f"docs {len(texts)} mentions {mentions.height} actors {actors.height} multi {multi.height}"
    )


def _record(mentions: pl.DataFrame, actor_id: str) -> dict:
    rows = mentions.filter(pl.col("actor_id") == actor_id)
    first = rows.row(0, named=True)
    seen: dict[str, dict] = {}
    for r in rows.iter_rows(named=True):
        seen.setdefault(r["mention_text"], {"article_id": r["article_id"], "snippet": r["snippet"]})
    return {
        "actor_id": actor_id,
        "name": first["name"],
        "actor_type": first["actor_type"],
        "aliases": first["aliases"],
        "examples": seen,
    }


def sample(run_file: Path, n: int, seed: int) -> None:
    mentions = pl.read_parquet(run_file)
    multi = sorted(
        mentions.filter(pl.col("aliases").list.unique().list.len() >= 2)["actor_id"].unique()
    )
    picked = random.Random(seed).sample(multi, n)
    with (HERE / "sample.jsonl").open("w") as f:
        for actor_id in picked:
            f.write(json.dumps(_record(mentions, actor_id), ensure_ascii=False) + "\n")
    print(f"{len(multi)} multi-alias actors, sampled {n} (seed {seed})")


def follow(before: Path, after: Path) -> None:
    old, new = pl.read_parquet(before), pl.read_parquet(after)
    key = ["article_id", "char_start", "char_end"]
    joined = old.select(*key, "actor_id").join(
        new.select(*key, pl.col("actor_id").alias("after_id")), on=key, how="left"
    )
    for line in (HERE / "sample.jsonl").read_text().splitlines():
        item = json.loads(line)
        ids = joined.filter(pl.col("actor_id") == item["actor_id"])["after_id"].unique().to_list()
        print(f"== {item['name']} {item['aliases']}")
        for after_id in ids:
            rec = _record(new, after_id) if after_id else {"name": None, "aliases": []}
            print(f"   -> {after_id} {rec['name']} {rec['aliases']}")
    for label, frame in (("before", old), ("after", new)):
        actors = frame.unique("actor_id")
        multi = actors.filter(pl.col("aliases").list.unique().list.len() >= 2).height
        print(f"{label}: mentions {frame.height} actors {actors.height} multi-alias {multi}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run", help="extract the BBC texts and store mentions with actors")
    p.add_argument("--docs", type=int, default=400, help="how many BBC articles")
    p.add_argument("--out", type=Path, required=True, help="parquet file to write")
    p = sub.add_parser("sample", help="draw the seeded sample of multi-alias actors")
    p.add_argument("--run", type=Path, required=True, help="parquet file of `run`")
    p.add_argument("--n", type=int, default=60, help="sample size")
    p.add_argument("--seed", type=int, default=17, help="random seed")
    p = sub.add_parser("follow", help="where the sampled actors' mentions went in a later run")
    p.add_argument("--before", type=Path, required=True, help="parquet of the sampled run")
    p.add_argument("--after", type=Path, required=True, help="parquet of the later run")
    args = parser.parse_args()
    if args.cmd == "run":
        run(args.docs, args.out)
    elif args.cmd == "sample":
        sample(args.run, args.n, args.seed)
    else:
        follow(args.before, args.after)


if __name__ == "__main__":
    main()
