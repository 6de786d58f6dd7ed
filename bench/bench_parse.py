"""Parse benchmark (issue 4): throughput and field yield on the real corpora, measured in one run.

    uv run python -m bench.bench_parse                        # full: BBC, Reuters, HTML fixtures
    uv run python -m bench.bench_parse --limit 2000 --out /tmp/parse.json   # quick

Figures, each measured in this one run:
  * docs/s and MB/s of `parse.parse_batch` over the whole BBC tar.gz and Reuters jsonl.gz, in
    batches of `Settings.batch_size` (the inputs are read with the stdlib first, not timed);
    Reuters once as shipped (title/date in metadata, dateline in its own field) and once with the
    dateline put back at the start of the body, as a crawl of the wire would have it;
  * the share of parse time spent in language identification, and py3langid vs langdetect
    (seeded) on the same sample: the ratio that justified py3langid;
  * HTML pages/s through trafilatura + the same rules (the committed fixtures, repeated);
  * yield: titles, dates (by date_source), datelines, sources, languages, quarantine reasons.
Writes bench/results/parse.json (or --out).
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import tarfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from newsflow import parse, schema
from newsflow.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
HTML_FIXTURES = ROOT / "tests" / "fixtures" / "parse"


def _frame(rows: list[dict]) -> pl.DataFrame:
    base = {
        "bundle_id": "bench",
        "encoding": "utf-8",
        "meta_url": None,
        "meta_title": None,
        "meta_date": None,
        "meta_source": None,
        "meta_dateline": None,
        "content_type": "text",
    }
    return pl.DataFrame(
        [
            base | {"input_seq": i, "size_bytes": len(r["text"].encode())} | r
            for i, r in enumerate(rows)
        ],
        schema=schema.RAW_DOCS,
    )


def bbc_docs(limit: int | None) -> pl.DataFrame:
    rows = []
    with tarfile.open(BBC) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt") and "README" not in member.name:
                text = archive.extractfile(member).read().decode("utf-8", errors="replace")
                rows.append({"text": text, "source_path": member.name})
                if limit and len(rows) >= limit:
                    break
    return _frame(rows)


def reuters_docs(limit: int | None, *, with_dateline: bool) -> pl.DataFrame:
    rows = []
    with gzip.open(REUTERS, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            record = json.loads(line)
            body = record.get("body") or ""
            if with_dateline and record.get("dateline") and body:
                body = f"{record['dateline']} {body}"
            rows.append(
                {
                    "text": body,
                    "source_path": f"reuters21578.jsonl:{number}",
                    "meta_title": record.get("title"),
                    "meta_date": record.get("date"),
                }
            )
            if limit and len(rows) >= limit:
                break
    return _frame(rows)


def html_docs(repeat: int) -> pl.DataFrame:
    pages = sorted(HTML_FIXTURES.glob("*.html"))
    rows = [
        {"text": page.read_text("utf-8"), "source_path": f"{i}/{page.name}", "content_type": "html"}
        for i in range(repeat)
        for page in pages
    ]
    return _frame(rows)


def run_parse(docs: pl.DataFrame, settings: Settings) -> tuple[float, pl.DataFrame, pl.DataFrame]:
    """Parse `docs` batch by batch; (seconds, articles, quarantine)."""
    articles, quarantined = [], []
    start = time.perf_counter()
    for offset in range(0, docs.height, settings.batch_size):
        good, bad = parse.parse_batch(docs.slice(offset, settings.batch_size), settings)
        articles.append(good)
        quarantined.append(bad)
    seconds = time.perf_counter() - start
    return seconds, pl.concat(articles), pl.concat(quarantined)


def _counts(series: pl.Series, top: int = 8) -> dict[str, int]:
    return {str(k): int(v) for k, v in Counter(series.fill_null("null").to_list()).most_common(top)}


def corpus_figures(name: str, docs: pl.DataFrame, settings: Settings) -> dict:
    seconds, articles, quarantine = run_parse(docs, settings)
    rules = parse.load_rules()
    start = time.perf_counter()
    parse.detect_language(articles["body"].to_list(), rules)
    language_seconds = time.perf_counter() - start
    text_mb = float(docs["size_bytes"].sum() or 0) / 1e6
    figures = {
        "docs": docs.height,
        "articles": articles.height,
        "quarantined": quarantine.height,
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs.height / seconds, 1),
        "mb_per_s": round(text_mb / seconds, 2),
        "language_id_share_of_parse_time": round(language_seconds / seconds, 3),
        "yield": {
            "title": round(float(articles["title"].is_not_null().mean() or 0), 4),
            "published_date": round(float(articles["published_date"].is_not_null().mean() or 0), 4),
            "dateline": round(float(articles["dateline"].is_not_null().mean() or 0), 4),
            "source_name": round(float(articles["source_name"].is_not_null().mean() or 0), 4),
        },
        "date_source": _counts(articles["date_source"]),
        "language": _counts(articles["language"]),
        "top_datelines": _counts(articles["dateline"]),
        "quarantine_reasons": _counts(quarantine["reason"].str.replace(r"\d+", "N")),
    }
    print(
        f"{name:>22}: {figures['docs']:>6} docs  {figures['docs_per_s']:>8.1f} docs/s  "
        f"{figures['mb_per_s']:>5.2f} MB/s  yield {figures['yield']}"
    )
    return figures


def language_id_comparison(texts: list[str]) -> dict:
    """py3langid (ours) vs langdetect with a fixed seed, same 400-char samples."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    samples = [t[:400] for t in texts if t.strip()]
    rules = parse.load_rules()
    start = time.perf_counter()
    ours = parse.detect_language(samples, rules)
    ours_seconds = time.perf_counter() - start

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    theirs = []
    start = time.perf_counter()
    for sample in samples:
        detector = factory.create()
        detector.append(sample)
        try:
            theirs.append(detector.detect())
        except Exception:  # noqa: BLE001 - langdetect raises on text without features
            theirs.append("und")
    theirs_seconds = time.perf_counter() - start
    figures = {
        "samples": len(samples),
        "py3langid_docs_per_s": round(len(samples) / ours_seconds, 1),
        "langdetect_docs_per_s": round(len(samples) / theirs_seconds, 1),
        "speedup": round(theirs_seconds / ours_seconds, 1),
        "py3langid": _counts(pl.Series(ours), 5),
        "langdetect": _counts(pl.Series(theirs), 5),
    }
    print(f"{'language id':>22}: py3langid {figures['speedup']}x faster than langdetect {figures}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="at most this many docs per corpus")
    parser.add_argument(
        "--html-repeat", type=int, default=100, help="times each HTML fixture is parsed"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "parse.json", help="results file")
    args = parser.parse_args()

    settings = Settings()
    start = time.perf_counter()
    parse.load_rules()
    rules_seconds = time.perf_counter() - start
    print(f"{'rules + models load':>22}: {rules_seconds:.2f} s (once per process)")
    start = time.perf_counter()  # first calls pay imports (trafilatura, lxml) and regex caches
    parse.parse_batch(html_docs(1), settings)
    warmup_seconds = time.perf_counter() - start

    bbc = bbc_docs(args.limit)
    reuters = reuters_docs(args.limit, with_dateline=False)
    results = {
        "benchmark": "parse",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or "?"},
        "batch_size": settings.batch_size,
        "rules_load_seconds": round(rules_seconds, 3),
        "first_html_batch_seconds": round(warmup_seconds, 3),
        "bbc": corpus_figures("bbc", bbc, settings),
        "reuters": corpus_figures("reuters", reuters, settings),
        "reuters_with_dateline": corpus_figures(
            "reuters+dateline", reuters_docs(args.limit, with_dateline=True), settings
        ),
        "html": corpus_figures("html fixtures", html_docs(args.html_repeat), settings),
        "language_id": language_id_comparison(
            bbc["text"].head(1000).to_list() + reuters["text"].head(1000).to_list()
        ),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
