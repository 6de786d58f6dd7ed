"""Generate benchmark bundles by resampling real paragraphs, with known duplicate rates.

Paragraphs and titles come from the shared Reuters-21578 and BBC corpora. Each generated
article is a title plus 3-8 sampled paragraphs; a controlled share are exact copies of an
earlier article (new url) or near copies (new headline, a dropped paragraph, 5-15% of words
replaced, or an agency prefix). The ground truth (`<out>.truth.jsonl`) says which is which.

    uv run python -m bench.corpus --docs 100000 --out bench/work/c100k.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[2] / "shared"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"


@dataclass(frozen=True)
class Pools:
    titles: list[str]
    paragraphs: list[str]


def load_pools(limit_reuters: int | None = None) -> Pools:
    """Titles and paragraphs (>= 12 words) of the shared corpora."""
    titles: list[str] = []
    paragraphs: list[str] = []
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit_reuters is not None and i >= limit_reuters:
                break
            doc = json.loads(line)
            if doc.get("title"):
                titles.append(doc["title"].title())
            body = re.sub(r"\s*Reuter\s*$", "", doc.get("body") or "")
            for para in re.split(r"\n\s{2,}", body):
                para = " ".join(para.split())
                if len(para.split()) >= 12:
                    paragraphs.append(para)
    with tarfile.open(BBC, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt") or "README" in member.name:
                continue
            text = tar.extractfile(member).read().decode("latin-1")
            lines = text.split("\n", 1)
            titles.append(lines[0].strip())
            for para in re.split(r"\n\s*\n", lines[1] if len(lines) > 1 else ""):
                para = " ".join(para.split())
                if len(para.split()) >= 12:
                    paragraphs.append(para)
    return Pools(titles=titles, paragraphs=paragraphs)


def _edit_words(text: str, rng: np.random.Generator, share: float, vocabulary: list[str]) -> str:
    words = text.split(" ")
    n = max(1, int(len(words) * share))
    positions = rng.choice(len(words), size=min(n, len(words)), replace=False)
    for p in positions:
        words[p] = vocabulary[rng.integers(len(vocabulary))]
    return " ".join(words)


def near_copy(
    title: str, paragraphs: list[str], rng: np.random.Generator, pools: Pools
) -> tuple[str, list[str], str]:
    """A syndicated-style copy: one controlled edit; returns (title, paragraphs, edit kind)."""
    kind = ["headline", "drop_paragraph", "word_edits", "agency_prefix"][rng.integers(4)]
    paras = list(paragraphs)
    if kind == "headline":
        title = pools.titles[rng.integers(len(pools.titles))]
    elif kind == "drop_paragraph" and len(paras) > 3:
        paras.pop(int(rng.integers(len(paras))))
    elif kind == "word_edits":
        vocab = " ".join(paras[:2]).split()
        paras = [_edit_words(p, rng, float(rng.uniform(0.05, 0.15)), vocab) for p in paras]
    else:
        kind = "agency_prefix"
        paras[0] = "(MENAFN- Wire Service) " + paras[0]
    return title, paras, kind


def generate(
    out: Path, docs: int, exact_rate: float = 0.05, near_rate: float = 0.05, seed: int = 7
) -> dict:
    """Write `docs` articles as JSON lines (gzip) plus the ground truth; return the counts."""
    rng = np.random.default_rng(seed)
    pools = load_pools()
    out.parent.mkdir(parents=True, exist_ok=True)
    originals: list[tuple[str, list[str], int]] = []  # bounded reservoir of originals to copy from
    kinds = rng.random(docs)
    counts = {"original": 0, "exact": 0, "near": 0}
    truth_path = out.with_name(out.name.replace(".jsonl.gz", "") + ".truth.jsonl")
    with (
        gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as fh,
        truth_path.open("w") as truth,
    ):
        for i in range(docs):
            kind = "original"
            if originals and kinds[i] < exact_rate:
                kind = "exact"
            elif originals and kinds[i] < exact_rate + near_rate:
                kind = "near"
            if kind == "original":
                n = int(rng.integers(3, 9))
                idx = rng.integers(len(pools.paragraphs), size=n)
                title = pools.titles[rng.integers(len(pools.titles))]
                paras = [pools.paragraphs[j] for j in idx]
                of = None
                if len(originals) < 50_000:
                    originals.append((title, paras, i + 1))
                else:
                    originals[int(rng.integers(len(originals)))] = (title, paras, i + 1)
                edit = None
            else:
                pick = int(rng.integers(len(originals)))
                title, paras, of = originals[pick]
                edit = None
                if kind == "near":
                    title, paras, edit = near_copy(title, paras, rng, pools)
            counts[kind] += 1
            day = 1 + i % 28
            record = {
                "url": f"https://bench.example/{i}",
                "title": title,
                "date": f"2024-02-{day:02d}",
                "text": "\n\n".join(paras),
            }
            fh.write(json.dumps(record) + "\n")
            truth.write(
                json.dumps({"line": i + 1, "kind": kind, "copy_of_line": of, "edit": edit}) + "\n"
            )
    return {"docs": docs, **counts, "path": str(out), "truth": str(truth_path)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=10_000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl.gz")
    parser.add_argument("--exact-rate", type=float, default=0.05, help="share of exact copies")
    parser.add_argument("--near-rate", type=float, default=0.05, help="share of near copies")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.docs, args.exact_rate, args.near_rate, args.seed)))


if __name__ == "__main__":
    main()
