"""Draw the "strike" sentence sample (issue 20: how a strike is typed).

    ./dev python -m bench.labels.strikes --out bench/labels/strikes/sample.jsonl

Sentences holding a form of "strike" (strike, strikes, struck, striking, striker, strikers) from
the whole Reuters-21578 corpus and the BBC 2005 bundle, at most one per article, about 120
Reuters and 100 BBC. No article that any file under bench/labels/events/ names is drawn (the
doc ids are read by pattern only, no label is read), so the sample overlaps no events set.
Seeded and deterministic: an article's rank and its sentence are sha256 hashes of the set name
and its path (`draw.key`), never anything newsflow extracts; the sentence splitter is
`draw.sentences` (6-60 words, independent of newsflow's senter). Each item falls into `tune`
or `heldout` by the parity of sha256(item_id) (`draw.half`) before anything is labelled.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import polars as pl

from bench.labels import draw

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "bench" / "labels" / "events"
SET_NAME = "strikes"
COUNTS = {"reuters": 120, "bbc": 100}
STRIKE_FORM = re.compile(r"\b(?:strikes?|struck|striking|strikers?)\b", re.IGNORECASE)
# "reuters21578.jsonl.gz:<line>" or "bbc/<section>/<nnn>.txt": the doc ids events files name
DOC_ID = re.compile(r"reuters21578\.jsonl\.gz:\d+|bbc/[a-z]+/\d+\.txt")


def labelled_docs(folder: Path = LABELLED) -> set[str]:
    """Every doc id (Reuters line or BBC path) any file under the events labels names."""
    docs: set[str] = set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        docs.update(DOC_ID.findall(path.read_text(encoding="utf-8")))
    return docs


def strike_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `body` that hold a form of "strike"."""
    return [(s, e) for s, e in draw.sentences(body) if STRIKE_FORM.search(body[s:e])]


def draw_corpus(frame: pl.DataFrame, corpus: str, excluded: set[str], count: int) -> list[dict]:
    """`count` items of `corpus`: the articles with a strike sentence in seeded order, one
    sentence each (picked by a hash of the path)."""
    out: list[dict] = []
    for row in draw.ranked(frame, f"{SET_NAME}-{corpus}").iter_rows(named=True):
        if row["source_path"] in excluded or not row["body"]:
            continue
        spans = strike_spans(row["body"])
        if not spans:
            continue
        s, e = spans[int(draw.key(f"{SET_NAME}-sentence", row["source_path"]), 16) % len(spans)]
        item_id = f"{corpus}:{row['source_path']}#{s}"
        out.append(
            {
                "item_id": item_id,
                "set": SET_NAME,
                "half": draw.half(item_id),
                "corpus": corpus,
                "doc_id": row["source_path"],
                "title": row["title"],
                "body_sha256": hashlib.sha256(row["body"].encode()).hexdigest(),
                "sentence": {"start": s, "end": e, "text": row["body"][s:e]},
            }
        )
        if len(out) == count:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="sample file to write")
    args = parser.parse_args()
    excluded = labelled_docs()
    items = []
    for corpus, bundle in (("reuters", draw.REUTERS), ("bbc", draw.BBC)):
        items += draw_corpus(draw.parsed(bundle), corpus, excluded, COUNTS[corpus])
    items.sort(key=lambda i: draw.key(f"{SET_NAME}-order", i["item_id"]))
    args.out.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    print(f"{len(items)} items -> {args.out} ({len(excluded)} labelled docs excluded)")


if __name__ == "__main__":
    main()
