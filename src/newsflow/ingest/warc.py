"""WARC and WET files (crawler output), read as crawlers write them; every record accounted for.

- `response`, `resource` and `conversion` (WET) records of a web page (an http/https target) are
  inputs, keyed "file.warc@OFFSET" (the record's byte offset, as CDX indexes give it). Their
  `WARC-Date` is the capture time (`crawled_at`, hence `crawl_date`), never a publication date;
  the HTTP `Date` and `Last-Modified` headers are not read at all. `WARC-Target-URI` is the url.
  Chunked transfer encoding and gzip/deflate/brotli/zstd content encodings are undone here, per
  record and bounded by the size caps, so one broken payload cannot end the file.
- `revisit` records are inputs too: the bundle resolves them to the capture they repeat
  (`Revisit`), and each becomes a "duplicate capture" quarantine row, never an empty article.
- `request`, `metadata`, `warcinfo` and `continuation` records, and page records about the crawl
  rather than the web (`dns:`, wget's `metadata://` log, `urn:` targets, robots.txt) are crawl
  protocol: `Skipped`, counted by kind in the run, not inputs.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsflow.ingest.decode import codec_name
from newsflow.ingest.inputs import (
    Capture,
    Doc,
    Input,
    Limits,
    Rejected,
    Revisit,
    Skipped,
    read_capped,
    size_problem,
)

PAGE_RECORDS = frozenset({"response", "resource", "conversion", "revisit"})
WEB_SCHEMES = frozenset({"http", "https"})
WARC_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_TEXT_TYPES = frozenset({"text/plain"})
# hex digest lengths by algorithm: a hex digest is rewritten in base32, as most crawlers write it
_HEX_DIGEST_CHARS = {"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}
_HEX = re.compile(r"[0-9a-fA-F]+")
_CHUNK_HEADER = re.compile(rb"[0-9A-Fa-f]{1,16}[ \t]*(?:;[^\r\n]*)?\r?\n")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)")
# fastwarc raises OSError on malformed input, but any error while it reads hostile bytes must
# quarantine, never crash the run.
_WARC_ERRORS = (Exception,)


def warc_inputs(path: Path, rel: str, limits: Limits) -> Iterator[Input]:
    """Every record of a WARC/WET file: a Doc, Revisit, Rejected or Skipped, keyed "rel@OFFSET"."""
    from fastwarc.warc import ArchiveIterator  # noqa: PLC0415 - only WARC bundles need it

    # auto_decode="none": the payload is decoded here, per record, so that a broken one is
    # quarantined alone instead of ending the file for fastwarc
    records = iter(ArchiveIterator(str(path), parse_http=True, auto_decode="none"))
    last = None
    while True:
        try:
            record = next(records, None)
        except _WARC_ERRORS as exc:
            after = f" after {last}" if last else ""
            yield Rejected(rel, "corrupt archive", f"unreadable WARC{after}: {exc}")
            return
        if record is None:
            if last is None and _has_content(path):
                # fastwarc reads bytes with no WARC record in them as an empty archive
                yield Rejected(rel, "corrupt archive", "no WARC record in a non-empty file")
            return
        where = f"{rel}@{record.stream_pos}"
        last = where
        try:
            yield _record_input(record, where, limits)
        except _WARC_ERRORS as exc:
            yield Rejected(where, "corrupt member", f"{type(exc).__name__}: {exc}")


def _has_content(path: Path) -> bool:
    """True when the file holds any byte that is not ASCII whitespace (bytes.strip's set)."""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            if chunk.strip():
                return True
    return False


def _record_input(record: Any, where: str, limits: Limits) -> Input:
    kind = _record_type(record)
    if kind not in PAGE_RECORDS:
        return Skipped(where, kind)
    # one pass over each header block: a fastwarc header lookup costs as much as listing them all
    warc = _headers(record.headers)
    url = target_uri(warc.get("warc-target-uri"))
    scheme = url.partition(":")[0].lower() if ":" in url else ""
    if scheme not in WEB_SCHEMES:
        return Skipped(where, f"{kind} {scheme}:" if scheme else f"{kind} without target URI")
    if "/robots.txt" in url and urlsplit(url).path == "/robots.txt":
        return Skipped(where, f"{kind} robots.txt")
    http = _headers(record.http_headers) if record.is_http else None
    if http is not None:
        status = record.http_headers.status_code
        if status is None or not 200 <= status < 300:
            return Rejected(where, "not a document", f"HTTP status {status}")
        content_type = http.get("content-type") or warc.get("warc-identified-payload-type", "")
    else:
        content_type = warc.get("content-type", "")
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in WARC_HTML_TYPES | WARC_TEXT_TYPES:
        return Rejected(where, "not a document", f"unsupported content type {mime or '(none)'!r}")
    digest = warc.get("warc-payload-digest")
    if digest is None and http is None:  # without HTTP headers the block is the payload
        digest = warc.get("warc-block-digest")
    capture = Capture(capture_time(warc.get("warc-date")), normal_digest(digest))
    if kind == "revisit":
        return Revisit(where, url, capture.digest, _refers_to(warc))
    raw = read_capped(record.reader, limits.read_cap)
    problem = size_problem(where, raw, len(raw), limits)
    if problem is not None:
        return problem
    try:
        data = _decoded(raw, http, limits)
    except _Undecodable as exc:
        return Rejected(where, exc.reason, exc.detail)
    problem = size_problem(where, data, len(raw), limits)
    if problem is not None:
        return problem
    meta = (url, None, None, None, None)
    content = "html" if mime in WARC_HTML_TYPES else None
    match = _CHARSET.search(params)
    charset = match.group(1) if match else None
    if charset is not None and b"\x00" not in data:
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong header: detect from the bytes instead
        else:
            return Doc(where, text, len(data), content, codec_name(charset), meta, capture)
    return Doc(where, data, len(data), content, None, meta, capture)


def _headers(block: Any) -> dict[str, str]:
    """A header block by lower-case name (header names are case-insensitive; the first wins)."""
    found: dict[str, str] = {}
    for name, value in block.items():
        found.setdefault(name.lower(), value)
    return found


def _record_type(record: Any) -> str:
    kind = str(record.record_type)
    if kind == "unknown":  # a type fastwarc does not know: name it as the file does
        kind = (record.headers.get("WARC-Type") or "unknown").strip().lower()
    return kind


def target_uri(value: str | None) -> str:
    """WARC-Target-URI without the angle brackets some writers (wget 1.20+) put around it."""
    return (value or "").strip().removeprefix("<").removesuffix(">").strip()


def capture_time(value: str | None) -> datetime | None:
    """A WARC-Date (W3C ISO 8601, or a 14-digit ARC timestamp) as naive UTC, None if unreadable."""
    text = (value or "").strip()
    try:
        if re.fullmatch(r"\d{14}", text):
            return datetime.strptime(text, "%Y%m%d%H%M%S")
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def normal_digest(value: str | None) -> str | None:
    """A payload digest as "algorithm:BASE32" (crawlers write sha1 in base32, some in hex)."""
    algorithm, _, code = (value or "").strip().partition(":")
    algorithm, code = algorithm.strip().lower(), code.strip()
    if not algorithm or not code:
        return None
    if len(code) == _HEX_DIGEST_CHARS.get(algorithm) and _HEX.fullmatch(code):
        code = base64.b32encode(binascii.unhexlify(code)).decode("ascii")
    return f"{algorithm}:{code.upper()}"


def _refers_to(warc: dict[str, str]) -> str:
    uri = target_uri(warc.get("warc-refers-to-target-uri"))
    date = warc.get("warc-refers-to-date")
    if uri or date:
        return " ".join(p for p in (uri, f"captured {date}" if date else "") if p)
    return warc.get("warc-refers-to") or warc.get("warc-profile") or "an earlier capture"


class _Undecodable(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


def _decoded(raw: bytes, http: dict[str, str] | None, limits: Limits) -> bytes:
    """The payload with its transfer and content encodings undone (at most read_cap + 1 bytes)."""
    if http is None:
        return raw
    transfer = http.get("transfer-encoding", "").lower()
    # A crawler that stored the body de-chunked but kept the header (Common Crawl renames it)
    # leaves no chunk-size line: such a body is used as it is.
    if "chunked" in transfer and _CHUNK_HEADER.match(raw):
        from fastwarc.stream_io import ChunkedReader  # noqa: PLC0415

        try:
            raw = read_capped(ChunkedReader(io.BytesIO(raw)), limits.read_cap)
        except OSError as exc:
            raise _Undecodable("corrupt member", f"chunked payload: {exc}") from None
    codings = [c.strip().lower() for c in http.get("content-encoding", "").split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        raw = _content_decoded(raw, coding, limits.read_cap)
    return raw


def _content_decoded(data: bytes, coding: str, cap: int) -> bytes:
    try:
        if coding in {"gzip", "x-gzip"}:
            if not data.startswith(b"\x1f\x8b"):
                return data  # stored decoded by the crawler, header kept
            return zlib.decompressobj(31).decompress(data, cap + 1)
        if coding == "deflate":  # zlib-wrapped as the RFC says, or raw deflate as IIS sent it
            wbits = 15 if data[:1] == b"\x78" else -15
            return zlib.decompressobj(wbits).decompress(data, cap + 1)
        if coding in {"br", "zstd"}:
            from fastwarc.stream_io import BrotliReader, ZstdReader  # noqa: PLC0415

            reader = BrotliReader if coding == "br" else ZstdReader
            return read_capped(reader(io.BytesIO(data)), cap)
    except (zlib.error, OSError) as exc:
        raise _Undecodable("corrupt member", f"{coding} payload: {exc}") from None
    raise _Undecodable("not a document", f"unsupported content encoding {coding!r}")
