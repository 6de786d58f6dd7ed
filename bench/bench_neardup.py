"""Near-duplicate precision and exact-duplicate recall on the shared Reuters corpus (issue 21).

    uv run python -m bench.bench_neardup                       # figures + the committed sample
    uv run python -m bench.bench_neardup --sample-tag after    # a fresh seeded sample
    uv run python -m bench.bench_neardup --sample-tag after --score   # only score the judgements
    uv run python -m bench.bench_neardup --corpus bbc --write-sample  # the BBC bundle's links

The whole Reuters-21578 jsonl bundle goes through newsflow's own stages (ingest, parse, dedupe,
default settings, batches of `Settings.batch_size`), as a run would. Measured:

* articles: every record with text should be one (19,779);
* exact-duplicate recall: groups of records whose raw bodies are equal after the bench's own
  normalisation (lower case, runs of non-alphanumerics to one space, independent of newsflow's
  content hash), and how many of them end up in one `duplicate_of` group;
* near-duplicate links (`dup_method = "near"`) and, of those, the links between two titles that
  both carry ticker symbols (`<XYZ>`) and share none: two companies' items linked as copies;
* a seeded random sample of 100 near-duplicate links (ordered by sha256 of the tag and the
  duplicate's article id), written with both texts to bench/labels/neardup/<tag>.jsonl for hand
  judgement by the rule in bench/labels/neardup/GUIDE.md; `judged_<tag>.jsonl` beside it holds
  the verdicts, and the share judged true is reported when it exists, with a seeded percentile
  bootstrap 95% interval over links (and a Wilson interval, which stays informative when every
  link is true and the bootstrap collapses to a point). `--score` recomputes only that figure
  from the committed sample and verdicts, without running the corpus again. With
  `--exclude-judged` the sample leaves out every link judged in an earlier judged_*.jsonl: a
  held-out sample of a rule tuned on those.

`--corpus bbc` runs the same stages on the BBC News 2005 bundle (2,225 articles, title on line 1,
never used to tune a dedupe rule): a check of the rules on text they were not shaped on. Its
sample (tag `bbc`) is every near link, or a seeded random BBC_SAMPLE of them when there are more,
and each row names both article ids as well as both source paths.

Writes bench/results/neardup.json (the figures of every tag measured, by tag).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import re
import subprocess
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from newsflow import dedupe, ingest, parse, quality
from newsflow.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"
BBC = ROOT.parent / "shared" / "bundles" / "bbc-news-2005.tar.gz"
LABELS = ROOT / "bench" / "labels" / "neardup"
RESULTS = ROOT / "bench" / "results" / "neardup.json"
SAMPLE = 100
BBC_SAMPLE = 150  # the BBC check judges every link, or this many drawn at random when more
BOOTSTRAP = 10_000
# a ticker symbol in angle brackets, with an optional exchange suffix ("<IRDV.O>", "<REED L>"):
# the base symbol names the company; several words in brackets are a company's name, no ticker
TICKER = re.compile(r"<([A-Z][A-Z0-9&]{0,5})(?:[. ][A-Z]{1,3})?>")


def independent_key(body: str) -> str:
    """The bench's own normalisation: lower case, runs of non-alphanumerics to one space."""
    text = re.sub(r"[\W_]+", " ", body.lower()).strip()
    return hashlib.md5(text.encode("utf-8")).hexdigest() if text else ""


def raw_records(bundle: Path = REUTERS) -> pl.DataFrame:
    """source_path (as ingest names JSON lines), raw title and body of every Reuters record."""
    if bundle.name.endswith((".tar.gz", ".tgz", ".tar")):
        return bbc_records(bundle)
    rows = []
    with gzip.open(bundle, "rt", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            doc = json.loads(line)
            rows.append(
                {
                    "source_path": f"{bundle.name}:{line_no}",
                    "raw_title": doc.get("title") or "",
                    "raw_body": doc.get("body") or "",
                }
            )
    return pl.DataFrame(rows)


def bbc_records(bundle: Path) -> pl.DataFrame:
    """source_path (the tar member's name, as ingest names it), title (line 1) and body (the
    rest) of every .txt file of a BBC-style archive; bytes that are not UTF-8 read as cp1252
    (the bundle has a few), independent of newsflow's own decoding."""
    rows = []
    with tarfile.open(bundle, "r:*") as archive:
        for member in archive:
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            data = archive.extractfile(member).read()  # type: ignore[union-attr]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
            title, _, body = text.partition("\n")
            rows.append({"source_path": member.name, "raw_title": title, "raw_body": body})
    return pl.DataFrame(rows)


def run_bundle(
    settings: Settings, bundle: Path = REUTERS
) -> tuple[pl.DataFrame, pl.DataFrame, float]:
    """(deduped articles, quarantine rows, seconds of the dedupe stage) of a bundle (Reuters by
    default), with the ingest, parse and dedupe quality gates as a run has them."""
    gates = quality.Gatekeeper(settings)
    state = dedupe.DedupeState()
    out, quarantined = [], []
    dedupe_seconds = 0.0
    for batch in ingest.iter_batches(bundle, settings):
        docs = gates.check("ingest", batch.docs)
        articles, rejected = parse.parse_batch(docs.passed, settings)
        parsed = gates.check("parse", articles)
        quarantined += [batch.quarantine, docs.quarantine, rejected, parsed.quarantine]
        started = time.perf_counter()
        deduped = dedupe.dedupe_batch(parsed.passed, state, settings)
        dedupe_seconds += time.perf_counter() - started
        checked = gates.check("dedupe", deduped)
        out.append(checked.passed)
        quarantined.append(checked.quarantine)
    return pl.concat(out), pl.concat(quarantined), dedupe_seconds


def tickers(title: str | None) -> set[str]:
    return set(TICKER.findall(title or ""))


def cross_ticker(links: pl.DataFrame) -> pl.DataFrame:
    """Links whose two titles both carry tickers and share none."""
    keep = [
        bool(a) and bool(b) and not (a & b)
        for a, b in zip(
            map(tickers, links["title"].to_list()),
            map(tickers, links["canonical_title"].to_list()),
            strict=True,
        )
    ]
    return links.filter(pl.Series(keep, dtype=pl.Boolean))


def exact_recall(articles: pl.DataFrame, raw: pl.DataFrame) -> dict:
    """Groups of equal raw bodies (the bench's normalisation) and how many dedupe put together."""
    keyed = raw.with_columns(
        pl.Series("key", [independent_key(b) for b in raw["raw_body"].to_list()])
    ).filter(pl.col("key") != "")
    groups = keyed.group_by("key").agg(pl.col("source_path"), pl.len().alias("n"))
    groups = groups.filter(pl.col("n") > 1)
    root = articles.select("source_path", pl.coalesce("duplicate_of", "article_id").alias("root"))
    members = groups.explode("source_path", empty_as_null=True).join(
        root, on="source_path", how="left"
    )
    per_group = members.group_by("key").agg(
        pl.col("root").null_count().alias("missing"),
        pl.col("root").drop_nulls().n_unique().alias("roots"),
    )
    recalled = per_group.filter((pl.col("missing") == 0) & (pl.col("roots") == 1))
    return {
        "groups": groups.height,
        "members": int(groups["n"].sum()),
        "members_not_articles": int(per_group["missing"].sum()),
        "groups_recalled": recalled.height,
        "group_recall": recalled.height / groups.height if groups.height else 1.0,
    }


def judged_links() -> set[str]:
    """Every link judged in a committed judged_<tag>.jsonl (a fresh sample leaves them out)."""
    judged = set()
    for path in sorted(LABELS.glob("judged_*.jsonl")):
        judged |= {json.loads(line)["link"] for line in path.read_text().splitlines()[1:]}
    return judged


def sample_links(links: pl.DataFrame, tag: str, size: int = SAMPLE) -> pl.DataFrame:
    """`size` near links in a seeded order (sha256 of the tag and the duplicate's id)."""
    order = [hashlib.sha256(f"{tag}\x1f{a}".encode()).hexdigest() for a in links["article_id"]]
    return links.with_columns(pl.Series("_o", order)).sort("_o").head(size).drop("_o")


def near_links(articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(every duplicate_of link, the near ones), each row with its canonical's title, body,
    source path and id beside the duplicate's, in input order."""
    canonical = articles.select(
        pl.col("article_id").alias("duplicate_of"),
        pl.col("title").alias("canonical_title"),
        pl.col("body").alias("canonical_body"),
        pl.col("source_path").alias("canonical_path"),
    )
    links = (
        articles.filter(pl.col("duplicate_of").is_not_null())
        .join(canonical, on="duplicate_of", how="left")
        .sort("input_seq")
    )
    return links, links.filter(pl.col("dup_method") == "near")


def link_rows(links: pl.DataFrame) -> list[dict]:
    """One row per link as the judge reads it: both source paths, both article ids, both
    titles and bodies (and newsflow's similarity, which the GUIDE says not to consult)."""
    return [
        {
            "link": f"{r['source_path']} -> {r['canonical_path']}",
            "article_id": r["article_id"],
            "canonical_id": r["duplicate_of"],
            "similarity": r["dup_similarity"],
            "title": r["title"],
            "body": r["body"],
            "canonical_title": r["canonical_title"],
            "canonical_body": r["canonical_body"],
        }
        for r in links.to_dicts()
    ]


def share_true(verdicts: list[str], reps: int = BOOTSTRAP, seed: int = 21) -> dict:
    """Share of "true" verdicts with a percentile bootstrap and a Wilson 95% interval."""
    n = len(verdicts)
    if n == 0 or any(v not in ("true", "false") for v in verdicts):
        raise ValueError(f"verdicts must be 'true' or 'false', got {sorted(set(verdicts))}")
    true = verdicts.count("true")
    rng = random.Random(seed)
    hits = [v == "true" for v in verdicts]
    draws = sorted(sum(hits[rng.randrange(n)] for _ in range(n)) / n for _ in range(reps))
    z = 1.959964
    p = true / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return {
        "judged": n,
        "true": true,
        "share_true": p,
        "bootstrap_ci95": [draws[int(0.025 * reps)], draws[int(0.975 * reps) - 1]],
        "bootstrap_reps": reps,
        "wilson_ci95": [round(centre - half, 4), round(centre + half, 4)],
    }


def judged_sample(tag: str) -> dict | None:
    """The share judged true of `<tag>.jsonl`, from `judged_<tag>.jsonl` (None when unjudged);
    every sampled link must have exactly one verdict, in the sample's order."""
    sample_path, judged_path = LABELS / f"{tag}.jsonl", LABELS / f"judged_{tag}.jsonl"
    if not (judged_path.exists() and sample_path.exists()):
        return None
    sample_lines = sample_path.read_text().splitlines()
    judged_lines = judged_path.read_text().splitlines()
    links = [json.loads(line)["link"] for line in sample_lines[1:]]
    judged = [json.loads(line) for line in judged_lines[1:]]
    got = [(v["i"], v["link"]) for v in judged]
    if got != list(enumerate(links)):
        raise ValueError(f"{judged_path.name} does not judge the links of {sample_path.name}")
    missing = [v["i"] for v in judged if v["verdict"] == "false" and not v.get("why")]
    if missing:
        raise ValueError(f"{judged_path.name}: false verdicts without a reason: {missing}")
    figures = share_true([v["verdict"] for v in judged])
    figures["drawn_at"] = json.loads(sample_lines[0])["_meta"]["drawn_at"]
    figures["judged_by"] = json.loads(judged_lines[0])["_meta"].get("judged_by")
    return figures


def rescored(near: pl.DataFrame, tag: str) -> dict | None:
    """The judged links of `judged_<tag>.jsonl` the run still links, by verdict: a sample drawn
    before a rule changed, scored again over the links the rule keeps (in-sample when the rule
    was tuned on it). None when unjudged."""
    judged_path = LABELS / f"judged_{tag}.jsonl"
    if not judged_path.exists():
        return None
    linked = set((near["source_path"] + " -> " + near["canonical_path"]).to_list())
    verdicts = [json.loads(line) for line in judged_path.read_text().splitlines()[1:]]
    kept = [v["verdict"] for v in verdicts if v["link"] in linked]
    dropped = [v["verdict"] for v in verdicts if v["link"] not in linked]
    return {
        "judged": len(verdicts),
        "still_linked": len(kept),
        "still_linked_true": kept.count("true"),
        "dropped_true": dropped.count("true"),
        "dropped_false": dropped.count("false"),
        "share_true_of_still_linked": kept.count("true") / len(kept) if kept else None,
    }


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus",
        choices=["reuters", "bbc"],
        default="reuters",
        help="the bundle run: Reuters-21578 (tuned on) or BBC News 2005 (never tuned on)",
    )
    parser.add_argument(
        "--sample-tag",
        default=None,
        help="names the sample and its seed (default: after for reuters, bbc for bbc)",
    )
    parser.add_argument(
        "--write-sample", action="store_true", help="(re)write bench/labels/neardup/<tag>.jsonl"
    )
    parser.add_argument(
        "--score",
        action="store_true",
        help="only score judged_<tag>.jsonl into the results' <tag>.sample (no corpus run)",
    )
    parser.add_argument(
        "--exclude-judged",
        action="store_true",
        help="draw the sample from links not judged in any judged_*.jsonl (a held-out sample)",
    )
    args = parser.parse_args()
    if args.sample_tag is None:
        args.sample_tag = "bbc" if args.corpus == "bbc" else "after"
    bundle, size = (BBC, BBC_SAMPLE) if args.corpus == "bbc" else (REUTERS, SAMPLE)
    if args.score:
        scored = judged_sample(args.sample_tag)
        if scored is None:
            parser.error(f"no {args.sample_tag}.jsonl with judged_{args.sample_tag}.jsonl")
        print(json.dumps(scored, indent=1))
        results = json.loads(RESULTS.read_text())
        results.setdefault(args.sample_tag, {})["sample"] = scored
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        return
    settings = Settings()
    raw = raw_records(bundle)
    articles, quarantine, seconds = run_bundle(settings, bundle)
    links, near = near_links(articles)
    crossed = cross_ticker(near)
    with_text = raw.filter(pl.col("raw_body").str.contains(r"[\p{L}\p{N}]")).height
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "corpus": bundle.name,
        "records": raw.height,
        "records_with_text": with_text,
        "articles": articles.height,
        "quarantined": quarantine.height,
        "quarantine_reasons": dict(quarantine.group_by("reason").len().sort("reason").iter_rows()),
        "exact_links": int((links["dup_method"] == "exact").sum()),
        "near_links": near.height,
        "cross_ticker_near_links": crossed.height,
        "cross_ticker_examples": [
            f"{r['canonical_title']} -> {r['title']}" for r in crossed.head(10).to_dicts()
        ],
        "exact_groups": exact_recall(articles, raw),
        "dedupe_seconds": seconds,
    }
    pool, excluded = near, 0
    if args.exclude_judged:
        named = near.with_columns(
            (pl.col("source_path") + " -> " + pl.col("canonical_path")).alias("_link")
        )
        pool = named.filter(~pl.col("_link").is_in(list(judged_links()))).drop("_link")
        excluded = near.height - pool.height
    sample = sample_links(pool, args.sample_tag, size)
    LABELS.mkdir(parents=True, exist_ok=True)
    sample_path = LABELS / f"{args.sample_tag}.jsonl"
    if args.write_sample:
        with sample_path.open("w") as fh:
            meta = {
                "tag": args.sample_tag,
                "corpus": bundle.name,
                "drawn_at": figures["commit"],
                "links": near.height,
            }
            if args.exclude_judged:
                meta["excluded_judged"] = excluded  # links of the run judged in earlier samples
            fh.write(json.dumps({"_meta": meta}) + "\n")
            for row in link_rows(sample):
                fh.write(json.dumps(row) + "\n")
    scored = judged_sample(args.sample_tag)
    if scored is not None:
        figures["sample"] = scored
        figures["sample_rescored"] = rescored(near, args.sample_tag)
    print(json.dumps(figures, indent=1))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[args.sample_tag] = figures
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
