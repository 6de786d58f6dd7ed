"""Ingest benchmark (issue 4): throughput on the real corpora, peak RSS on a 100k-document archive.

    uv run python -m bench.bench_ingest                      # full: BBC, Reuters, 100k archive
    uv run python -m bench.bench_ingest --docs 2000 --out /tmp/ingest.json   # quick

Figures, each measured in this one run:
  * docs/s of `ingest.iter_batches` over the whole BBC tar.gz and Reuters jsonl.gz, and the
    ratio of that time to a bare pass that only decompresses and reads the same inputs
    (tarfile / gzip line reading): what decoding, checks and frame building cost on top;
  * peak RSS (ru_maxrss of a child process) while ingesting a generated N-document tar.gz, next
    to the RSS of a child that only imports the same modules, and the same for an N/10 archive:
    a streaming ingest keeps the growth flat as the archive grows ten times.
Writes bench/results/ingest.json (or --out).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import platform
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from newsflow import ingest, settings
inputs = docs = 0
start = time.perf_counter()
if sys.argv[1] != "--imports-only":
    for batch in ingest.iter_batches(Path(sys.argv[1]), settings.Settings()):
        inputs += batch.inputs
        docs += batch.docs.height
print(json.dumps({"inputs": inputs, "docs": docs, "seconds": time.perf_counter() - start,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def ingest_seconds(bundle: Path) -> dict[str, float | int]:
    """Time a full ingest of `bundle` in this process."""
    from newsflow import ingest, settings

    cfg = settings.Settings()
    inputs = docs = text_bytes = 0
    start = time.perf_counter()
    for batch in ingest.iter_batches(bundle, cfg):
        inputs += batch.inputs
        docs += batch.docs.height
        text_bytes += int(batch.docs["size_bytes"].sum() or 0)
    seconds = time.perf_counter() - start
    return {
        "inputs": inputs,
        "docs": docs,
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs / seconds, 1),
        "inputs_per_s": round(inputs / seconds, 1),
        "mb_per_s": round(text_bytes / seconds / 1e6, 2),
    }


def bare_read_seconds(bundle: Path) -> float:
    """Only decompress and read every input of the bundle (the floor any ingest pays)."""
    start = time.perf_counter()
    if bundle.name.endswith(".tar.gz"):
        with tarfile.open(bundle, "r|gz") as tf:
            for member in tf:
                if member.isreg():
                    handle = tf.extractfile(member)
                    assert handle is not None
                    handle.read()
    else:
        with gzip.open(bundle, "rb") as fh:
            for _line in fh:
                pass
    return time.perf_counter() - start


def corpus_ratio(bundle: Path) -> dict[str, object]:
    bare = bare_read_seconds(bundle)
    ours = ingest_seconds(bundle)
    return {
        **ours,
        "bare_read_seconds": round(bare, 3),
        "ratio_vs_bare_read": round(ours["seconds"] / bare, 2),
    }  # type: ignore[operator]


def bbc_texts() -> list[bytes]:
    with tarfile.open(BBC, "r|gz") as tf:
        texts = []
        for member in tf:
            handle = tf.extractfile(member) if member.isreg() else None
            if handle is not None and member.name.count("/") == 2:
                texts.append(handle.read())
    return texts


def generate_archive(path: Path, docs: int, texts: list[bytes], seed: int = 7) -> int:
    """A tar.gz of `docs` articles: BBC paragraphs resampled, so no two documents are equal."""
    rng = random.Random(seed)
    paragraphs = [p for text in texts for p in text.split(b"\n\n") if p.strip()]
    with tarfile.open(path, "w:gz", compresslevel=1) as tf:
        for i in range(docs):
            body = b"\n\n".join(rng.choices(paragraphs, k=rng.randint(4, 10)))
            data = b"Generated story %d\n\n" % i + body
            info = tarfile.TarInfo(f"crawl/{i // 1000:03d}/{i:06d}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path.stat().st_size


def child(bundle: Path | None) -> dict[str, float]:
    arg = str(bundle) if bundle is not None else "--imports-only"
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, arg], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def rss(docs: int, work: Path) -> dict[str, object]:
    texts = bbc_texts()
    result: dict[str, object] = {"imports_only_rss_mib": round(child(None)["peak_rss_mib"], 1)}
    for label, n in (("small", max(1, docs // 10)), ("large", docs)):
        archive = work / f"generated_{n}.tar.gz"
        start = time.perf_counter()
        size = generate_archive(archive, n, texts)
        generated = time.perf_counter() - start
        measured = child(archive)
        archive.unlink()
        result[label] = {
            "docs": n,
            "archive_mb": round(size / 1e6, 1),
            "generate_seconds": round(generated, 1),
            "inputs": measured["inputs"],
            "ingest_seconds": round(measured["seconds"], 2),
            "docs_per_s": round(measured["docs"] / measured["seconds"], 1),
            "peak_rss_mib": round(measured["peak_rss_mib"], 1),
        }
    small, large = result["small"], result["large"]
    assert isinstance(small, dict) and isinstance(large, dict)
    result["peak_rss_mib"] = large["peak_rss_mib"]
    result["under_1_gib"] = large["peak_rss_mib"] < 1024
    result["rss_ratio_large_vs_small"] = round(large["peak_rss_mib"] / small["peak_rss_mib"], 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--docs", type=int, default=100_000, help="documents in the generated archive"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "ingest.json", help="results file")
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="folder for the generated archive (default: a temp dir)",
    )
    parser.add_argument(
        "--no-corpora", action="store_true", help="skip the BBC/Reuters throughput runs"
    )
    args = parser.parse_args(argv)

    figures: dict[str, object] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
    }
    if not args.no_corpora:
        figures["bbc_tar_gz"] = corpus_ratio(BBC)
        print("BBC tar.gz:", figures["bbc_tar_gz"], flush=True)
        figures["reuters_jsonl_gz"] = corpus_ratio(REUTERS)
        print("Reuters jsonl.gz:", figures["reuters_jsonl_gz"], flush=True)
    with tempfile.TemporaryDirectory(dir=args.work) as work:
        figures["generated_archive_rss"] = rss(args.docs, Path(work))
    print("generated archive:", figures["generated_archive_rss"], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
