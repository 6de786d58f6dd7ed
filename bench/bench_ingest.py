"""Ingest benchmark (issue 4): throughput on the real corpora, peak RSS on a 100k-document archive,
and WARC reading (issue 27).

    uv run python -m bench.bench_ingest                      # full: BBC, Reuters, 100k archive, WARC
    uv run python -m bench.bench_ingest --docs 2000 --out /tmp/ingest.json   # quick
    uv run python -m bench.bench_ingest --only warc          # only the WARC figures (merged in)

Figures, each measured in this one run:
  * docs/s of `ingest.iter_batches` over the whole BBC tar.gz and Reuters jsonl.gz, and the
    ratio of that time to a bare pass that only decompresses and reads the same inputs
    (tarfile / gzip line reading): what decoding, checks and frame building cost on top;
  * peak RSS (ru_maxrss of a child process) while ingesting a generated N-document tar.gz, next
    to the RSS of a child that only imports the same modules, and the same for an N/10 archive:
    a streaming ingest keeps the growth flat as the archive grows ten times;
  * WARC (issue 27): a generated crawl of --warc-docs BBC pages as a wget-like WARC (request,
    response, metadata records; a third of the pages gzip-encoded, a fifth chunked), plain and
    gzipped. In one run: our ingest (fastwarc) against the same ingest with the warcio-based
    reader newsflow used before, and the bare record reads of both libraries (every record,
    payload decoded) -- the reader speedup and what ingest costs on top of reading.
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
from typing import Any

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


# --- WARC (issue 27) ----------------------------------------------------------------------------


def generate_warc(path: Path, docs: int, texts: list[bytes], *, gzipped: bool) -> int:
    """A crawl of `docs` BBC pages as crawlers write it: request, response, metadata per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench"}))
        for i in range(docs):
            url = f"http://news.example/{i // 1000}/{i}.html"
            text = texts[i % len(texts)].decode("utf-8", errors="replace")
            title, _, body = text.partition("\n")
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
            page = (
                f"<html><head><title>{title} ({i})</title></head><body><article><h1>{title}</h1>"
                f"{paragraphs}</article></body></html>"
            ).encode()
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if i % 3 == 0:
                page = gzip.compress(page, compresslevel=1, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            if i % 5 == 0:
                page = b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page)
                headers.append(("Transfer-Encoding", "chunked"))
            request = StatusAndHeaders(f"GET /{i}.html HTTP/1.1", [("Host", "news.example")],
                                       is_http_request=True)  # fmt: skip
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(page), http_headers=http
                )
            )
            fields = io.BytesIO(b"fetchTimeMs: 120\r\n")
            writer.write_record(
                writer.create_warc_record(
                    url, "metadata", payload=fields, warc_content_type="application/warc-fields"
                )
            )
    return path.stat().st_size


def fastwarc_read_seconds(path: Path) -> float:
    """Every record read with fastwarc, payload as stored (the floor of our reader). Not with
    auto_decode="all": fastwarc 2.0.1 then ends the file silently after a chunked+gzip record."""
    from fastwarc.warc import ArchiveIterator

    start = time.perf_counter()
    for record in ArchiveIterator(str(path), auto_decode="none"):
        record.reader.read()
    return time.perf_counter() - start


def reader_seconds(path: Path) -> float:
    """Our WARC reader alone: every record to an input, payloads decoded (no text decoding)."""
    from newsflow.ingest.inputs import Limits
    from newsflow.ingest.warc import warc_inputs
    from newsflow.settings import Thresholds

    limits = Thresholds()
    start = time.perf_counter()
    for _ in warc_inputs(path, path.name, Limits(limits.max_file_bytes, limits.max_member_bytes,
                                                  limits.max_compression_ratio)):  # fmt: skip
        pass
    return time.perf_counter() - start


def warcio_read_seconds(path: Path) -> float:
    """Every record read with warcio, payload decoded (content_stream: chunked, gzip)."""
    from warcio.archiveiterator import ArchiveIterator

    start = time.perf_counter()
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            record.content_stream().read()
    return time.perf_counter() - start


def warcio_inputs(path: Path, rel: str, limits: Any) -> Any:
    """The warcio-based WARC reader newsflow had before issue 27, yielding today's Input types
    (protocol records as Skipped), so that the two ingests do the same work per record."""
    from warcio.archiveiterator import ArchiveIterator

    from newsflow.ingest.inputs import Doc, Rejected, Skipped, read_capped

    with path.open("rb") as raw:
        records = ArchiveIterator(raw)
        for record in records:
            if record.rec_type not in {"response", "resource", "conversion"}:
                yield Skipped(rel, record.rec_type)
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            mime, _, params = content_type.partition(";")
            if record.http_headers.get_statuscode() != "200" or mime.strip() != "text/html":
                yield Rejected(f"{rel}@{records.get_record_offset()}", "not a document", mime)
                continue
            data = read_capped(record.content_stream(), limits.read_cap)
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{rel}@{records.get_record_offset()}"
            yield Doc(where, data, len(data), "html", None, (url, None, None, None, None))


def warc_ratio(docs: int, work: Path) -> dict[str, object]:
    """Our WARC ingest (fastwarc) against the warcio-based one, plain and gzipped, in one run."""
    from unittest import mock

    texts = bbc_texts()
    result: dict[str, object] = {"pages": docs}
    for label, gzipped in (("warc", False), ("warc_gz", True)):
        path = work / f"crawl.{'warc.gz' if gzipped else 'warc'}"
        size = generate_warc(path, docs, texts, gzipped=gzipped)
        ours = ingest_seconds(path)
        with mock.patch("newsflow.ingest.containers.warc_inputs", warcio_inputs):
            before = ingest_seconds(path)
        raw, reader, slow = (
            fastwarc_read_seconds(path),
            reader_seconds(path),
            warcio_read_seconds(path),
        )
        assert ours["docs"] == before["docs"] == docs, (ours, before)
        seconds, before_seconds = float(ours["seconds"]), float(before["seconds"])
        result[label] = {
            "file_mb": round(size / 1e6, 1),
            "ingest": ours,
            "ingest_with_warcio_reader": before,
            "ingest_speedup_vs_warcio_reader": round(before_seconds / seconds, 2),
            "fastwarc_raw_read_seconds": round(raw, 3),
            "our_reader_seconds": round(reader, 3),
            "warcio_read_seconds": round(slow, 3),
            "reader_speedup_vs_warcio": round(slow / reader, 2),
            "reader_vs_fastwarc_raw_read": round(reader / raw, 2),
        }
        print(label, result[label], flush=True)
        path.unlink()
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
    parser.add_argument(
        "--warc-docs", type=int, default=20_000, help="pages in the generated WARC crawl"
    )
    parser.add_argument(
        "--only",
        choices=["warc"],
        default=None,
        help="measure only this part and merge its figures into the results file",
    )
    args = parser.parse_args(argv)

    stamp = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
    }
    figures: dict[str, object] = dict(stamp)
    if args.only and args.out.exists():  # the other figures stay as (and when) measured
        figures = json.loads(args.out.read_text(encoding="utf-8"))
    if not args.no_corpora and not args.only:
        figures["bbc_tar_gz"] = corpus_ratio(BBC)
        print("BBC tar.gz:", figures["bbc_tar_gz"], flush=True)
        figures["reuters_jsonl_gz"] = corpus_ratio(REUTERS)
        print("Reuters jsonl.gz:", figures["reuters_jsonl_gz"], flush=True)
    with tempfile.TemporaryDirectory(dir=args.work) as work:
        if not args.only:
            figures["generated_archive_rss"] = rss(args.docs, Path(work))
            print("generated archive:", figures["generated_archive_rss"], flush=True)
        figures["warc"] = {**stamp, **warc_ratio(args.warc_docs, Path(work))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
