"""Documents in a file's bytes: a page or text, JSON article records, JSON lines streams."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from newsflow.ingest.decode import decode
from newsflow.ingest.inputs import (
    ARCHIVE_ERRORS,
    READ_CHUNK,
    CountingReader,
    Doc,
    Input,
    Limits,
    LineReadable,
    NotText,
    Readable,
    Rejected,
    read_capped,
    size_problem,
)
from newsflow.ingest.kinds import kind_by_name

# JSON lines field names, in order of preference (matched case-insensitively).
# description/summary last: a teaser is better than nothing (a short item is still an article).
TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "article_text",
    "full_text",
    "description",
    "summary",
)
HTML_FIELDS = ("html", "raw_html", "content_html", "html_content")
URL_FIELDS = ("url", "link", "canonical_url", "source_url", "uri")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = (
    "date",
    "published",
    "published_at",
    "datetime",
    "date_publish",
    "pubdate",
    "publish_date",
    "publishedat",
)
JSON_ARRAY_KEYS = frozenset(
    {"articles", "items", "results", "data", "docs", "documents", "entries"}
)
DATELINE_FIELDS = ("dateline",)
SOURCE_FIELDS = ("source", "site", "outlet", "source_name", "source_domain", "publisher", "domain")


def file_inputs(name: str, data: bytes, limits: Limits) -> Iterator[Input]:
    """The inputs in one file's bytes: a page or text, or the article record(s) of a .json file."""
    if kind_by_name(name) == "json":
        yield from json_document(name, data)
    else:
        yield document(name, data, limits)


def member_inputs(name: str, data: bytes, compressed: int, limits: Limits) -> Iterator[Input]:
    """The inputs of a member's bytes read with read_capped(limits.read_cap)."""
    problem = size_problem(name, data, compressed, limits)
    if problem is not None:
        yield problem
    else:
        yield from file_inputs(name, data, limits)


def document(name: str, data: bytes, limits: Limits) -> Input:
    """A document candidate from its stored bytes; a `.gz` name is first decompressed, bounded."""
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                plain = read_capped(unzipped, limits.read_cap)
        except ARCHIVE_ERRORS as exc:
            return Rejected(name, "corrupt archive", f"not a readable gzip file: {exc}")
        problem = size_problem(name, plain, len(data), limits, what="gzipped file")
        if problem is not None:
            return problem
        data = plain
    content_type = "html" if kind_by_name(name) == "html" else None
    return Doc(name, data, len(data), content_type)


def jsonl_file(path: Path, rel: str, limits: Limits) -> Iterator[Input]:
    with path.open("rb") as raw:
        if path.name.lower().endswith(".gz"):
            counted = CountingReader(raw)
            yield from jsonl_stream(counted, rel, path.name, limits, lambda: counted.count)
        else:
            yield from jsonl_stream(raw, rel, path.name, limits, None)


def jsonl_stream(
    stream: Readable,
    rel: str,
    filename: str,
    limits: Limits,
    compressed: Callable[[], int] | None,
) -> Iterator[Input]:
    """One input per non-blank line, read line by line with a cap on each line's length.

    `compressed` reports the compressed bytes consumed so far (None for plain files), to stop
    at a zip bomb; a `.gz` file name means `stream` is gzip-compressed, else it reads lines.
    """
    line_no = 0
    decompressed = 0
    if filename.lower().endswith(".gz"):
        reader: LineReadable = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[call-overload]
    else:
        reader = cast(LineReadable, stream)
    while True:
        try:
            line = reader.readline(limits.file_bytes + 1)
        except ARCHIVE_ERRORS as exc:
            yield Rejected(
                f"{rel}:{line_no + 1}",
                "corrupt archive",
                f"unreadable from line {line_no + 1}: {exc}",
            )
            return
        if not line:
            return
        line_no += 1
        decompressed += len(line)
        where = f"{rel}:{line_no}"
        if compressed is not None and limits.is_bomb(decompressed, compressed()):
            yield Rejected(
                where,
                "zip bomb",
                f"compression ratio over {limits.ratio:g}; this and later lines not read",
            )
            return
        if len(line) > limits.file_bytes:
            try:
                skipped = _skip_line(reader, limits)
            except ARCHIVE_ERRORS as exc:
                yield Rejected(where, "corrupt archive", f"unreadable inside line {line_no}: {exc}")
                return
            if skipped is None:
                yield Rejected(where, "too large", "JSON line with no end; later lines not read")
                return
            yield Rejected(where, "too large", f"JSON line over max_file_bytes={limits.file_bytes}")
            continue
        if not line.strip():
            continue
        yield _json_record(where, line)


def _skip_line(stream: LineReadable, limits: Limits) -> int | None:
    """Read to the end of an over-long line; None when it runs past max_member_bytes."""
    skipped = 0
    while True:
        chunk = stream.readline(READ_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return skipped + len(chunk)
        skipped += len(chunk)
        if skipped > limits.member_bytes:
            return None


def _json_record(where: str, line: bytes) -> Input:
    try:
        raw_text, encoding = decode(line.strip())
        record = json.loads(raw_text)
    except NotText as exc:
        return Rejected(where, "malformed json", f"{exc.reason}: {exc.detail}")
    except (ValueError, RecursionError) as exc:
        return Rejected(where, "malformed json", str(exc)[:200])
    if not isinstance(record, dict):
        return Rejected(
            where, "malformed json", f"expected an object per line, got {type(record).__name__}"
        )
    return _record_input(where, record, len(line), encoding)


def _record_input(where: str, record: Any, size: int, encoding: str) -> Input:
    """A document from one article record (a JSON object), mapping the common field names."""
    if not isinstance(record, dict):
        return Rejected(
            where, "malformed json", f"expected an article object, got {type(record).__name__}"
        )
    fields = {str(key).lower(): value for key, value in record.items()}
    meta = (
        _first(fields, URL_FIELDS),
        _first(fields, TITLE_FIELDS),
        _first(fields, DATE_FIELDS),
        _first(fields, SOURCE_FIELDS),
        _first(fields, DATELINE_FIELDS),
    )
    html = _first(fields, HTML_FIELDS, join=True)
    if html is not None and html.strip():
        return Doc(where, html, size, "html", encoding, meta)
    text = _first(fields, TEXT_FIELDS, join=True)
    if text is not None and text.strip():
        return Doc(where, text, size, None, encoding, meta)
    present = [key for key in (*HTML_FIELDS, *TEXT_FIELDS) if key in fields]
    if present:
        return Rejected(where, "empty document", f"field {present[0]!r} is empty")
    keys = ", ".join(sorted(fields)[:12])
    return Rejected(where, "no text field", f"no text/body/content/html field; keys: {keys}")


def json_document(name: str, data: bytes) -> Iterator[Input]:
    """A .json file: one article object, an array of them, or an object wrapping such an array
    (NewsAPI's {"articles": [...]}); array items are keyed "name.json:N" (1-based)."""
    try:
        raw_text, encoding = decode(data)
        value = json.loads(raw_text)
    except NotText as exc:
        reason = exc.reason if exc.reason == "empty document" else "malformed json"
        yield Rejected(name, reason, exc.detail)
        return
    except (ValueError, RecursionError) as exc:
        yield Rejected(name, "malformed json", str(exc)[:200])
        return
    if isinstance(value, dict):
        fields = {str(key).lower() for key in value}
        if fields.isdisjoint((*TEXT_FIELDS, *HTML_FIELDS)):
            wrapped = [value[key] for key in value if str(key).lower() in JSON_ARRAY_KEYS]
            if wrapped and isinstance(wrapped[0], list):
                value = wrapped[0]
    if not isinstance(value, list):
        yield _record_input(name, value, len(data), encoding)
        return
    if not value:
        yield Rejected(name, "empty document", "empty JSON array")
    for index, item in enumerate(value, start=1):
        size = len(json.dumps(item))  # its size as JSON (escaped: lone surrogates cannot encode)
        yield _record_input(f"{name}:{index}", item, size, encoding)


def _first(fields: dict[str, Any], names: tuple[str, ...], *, join: bool = False) -> str | None:
    """The first usable string among `names` (lists of strings are joined for text fields)."""
    for name in names:
        value = _as_string(fields.get(name), join=join)
        if value is not None and value.strip():
            return value if join else value.strip()
    return None


def _as_string(value: Any, *, join: bool) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "title", "url", "href", "value", "text"):
            if isinstance(value.get(key), str):
                return str(value[key])
        return None
    if isinstance(value, list):
        strings = [item for item in value if isinstance(item, str)]
        if not strings:
            return None
        return "\n\n".join(strings) if join else strings[0]
    return None
