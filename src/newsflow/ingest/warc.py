"""WARC and WET files (crawler output): one input per record that carries a page."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsflow.ingest.decode import codec_name
from newsflow.ingest.inputs import Doc, Input, Limits, Rejected, read_capped, size_problem

# WARC

# Records that carry a fetched page; the others (warcinfo, request, metadata, revisit) are crawl
# protocol, not inputs, the way directory entries are not.
WARC_DOCUMENT_RECORDS = frozenset({"response", "resource", "conversion"})
WARC_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_TEXT_TYPES = frozenset({"text/plain"})
# warcio raises whatever its parsing hits on malformed records (AttributeError on a record
# without a target URI, ...): any error while it reads hostile bytes quarantines, never crashes.
_WARC_ERRORS = (Exception,)


def warc_inputs(path: Path, rel: str, limits: Limits) -> Iterator[Input]:
    """Response and resource records of a WARC file, one input each, keyed "file.warc@OFFSET"."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - only WARC bundles need it

    with path.open("rb") as raw:
        records = ArchiveIterator(raw)
        read_any = False
        while True:
            try:
                record = next(records, None)
            except _WARC_ERRORS as exc:
                yield Rejected(rel, "corrupt archive", f"unreadable WARC: {exc}")
                return
            if record is None:
                if not read_any and _has_content(path):  # warcio skips bytes it cannot read
                    yield Rejected(rel, "corrupt archive", "not a WARC file: no record in it")
                return
            read_any = True
            if record.format != "warc":  # warcio reads any text header line as an old ARC record
                yield Rejected(rel, "corrupt archive", "not a WARC file: no WARC/1.x record header")
                return
            if record.rec_type not in WARC_DOCUMENT_RECORDS:
                continue
            try:
                item: Input = _warc_record(record, limits)
            except _WARC_ERRORS as exc:
                item = Rejected("", "corrupt member", f"{type(exc).__name__}: {exc}")
            try:
                # asking for the offset reads the record to its end: only after its content
                where = f"{rel}@{records.get_record_offset()}"
            except _WARC_ERRORS as exc:
                yield Rejected(rel, "corrupt archive", f"unreadable WARC: {exc}")
                return
            yield dataclasses.replace(item, source_path=where)


def _has_content(path: Path) -> bool:
    """Whether a file holds anything but white space (an empty WARC holds no record, no input)."""
    with path.open("rb") as raw:
        head = raw.read(1 << 16)
    if path.name.lower().endswith(".gz"):
        return bool(head)
    return bool(head.strip())


def _warc_record(record: Any, limits: Limits) -> Input:
    where = ""  # set by the caller once the record's offset is known
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if not str(status).startswith("2"):
            return Rejected(where, "not a document", f"HTTP status {status}")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in WARC_HTML_TYPES | WARC_TEXT_TYPES:
        return Rejected(where, "not a document", f"unsupported content type {mime or '(none)'!r}")
    stored = int(record.rec_headers.get_header("Content-Length") or 0)
    data = read_capped(record.content_stream(), limits.read_cap)
    meta = (
        record.rec_headers.get_header("WARC-Target-URI"),
        None,
        record.rec_headers.get_header("WARC-Date"),
        None,
        None,
    )
    problem = size_problem(where, data, stored, limits)
    if problem is not None:
        return problem
    content = "html" if mime in WARC_HTML_TYPES else None
    charset = _header_charset(params)
    if charset is not None and b"\x00" not in data:
        try:
            return Doc(where, data.decode(charset), len(data), content, codec_name(charset), meta)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong header: detect from the bytes instead
    return Doc(where, data, len(data), content, None, meta)


def _header_charset(params: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", params)
    return match.group(1) if match else None
