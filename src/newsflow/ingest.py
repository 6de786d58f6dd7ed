"""Ingest: stream a bundle as batches of raw documents (schema.RAW_DOCS) and quarantine rows.

Bundles: a folder (walked recursively in sorted order, archives and JSON lines inside it are
expanded), .zip, .tar/.tar.gz/.tgz/.tar.bz2/.tar.xz (read as a stream), .jsonl/.ndjson (+ .gz),
.warc/.warc.gz and Common Crawl .wet(.gz), or one .txt/.html file (also gzipped: page.html.gz).

Every input of a bundle ends as exactly one RAW_DOCS row or one QUARANTINE row (stage "ingest"):
nothing is skipped silently, nothing is written to disk, nothing is held whole in memory.

How inputs are counted:
- a file in a folder or a member of an archive is one input; directory entries are containers,
  not inputs; a hidden directory (".git/") is one input quarantined as "not a document" and not
  descended into (its files were never meant as documents, and listing a .git tree would drown
  the accounting); hidden and system files, README/LICENSE files and unsupported types are
  quarantined as "not a document";
- a non-blank line of a JSON lines file is one input ("name.jsonl:LINE", 1-based); blank lines
  are separators, not inputs;
- a WARC response/resource/conversion record is one input ("name.warc@BYTE_OFFSET"); request,
  metadata, revisit and warcinfo records are crawl protocol, not inputs;
- an archive that cannot be read further (corrupt, or stopped at a zip bomb) adds one row for the
  unread remainder, keyed by the archive's own path.
Every input gets a unique `source_path` (a repeated archive member name gets a "#N" suffix) and
a running `input_seq` (0-based, documents and quarantined inputs alike).

Quarantine reasons (the detail says more): unsafe path, symlink not followed, hardlink not
followed, special file, not a document, encrypted member, zip bomb, file too large, member too
large, binary file, empty document, malformed json, no text field, corrupt archive, corrupt
member, archive not read further, unreadable file.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import json
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast

import charset_normalizer
import ftfy
import ftfy.badness
import polars as pl

from newsflow import ids, schema
from newsflow.settings import Settings

STAGE = "ingest"

TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"})
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
# .wet: Common Crawl's extracted-text WARC files ("conversion" records).
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
SYSTEM_FILES = frozenset({"__macosx", "thumbs.db", "desktop.ini"})
# Files that describe a bundle rather than report news (the BBC corpus ships a README.TXT).
BUNDLE_DOC_FILE = re.compile(r"(?i)^(readme|licen[cs]e|copying|changelog|manifest)(\.[a-z]{1,4})?$")

# JSON lines field names, in order of preference (matched case-insensitively).
# description/summary last: a teaser is better than nothing (parse quarantines it if too short).
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

# Ratios are only judged on at least this much decompressed data: a small repetitive file
# trivially beats any ratio and is harmless, because the size caps already bound memory.
MIN_BOMB_BYTES = 1 << 20
# A batch is also cut when its documents reach this many bytes, so 500 docs near
# max_file_bytes cannot pile up gigabytes.
MAX_BATCH_BYTES = 256 << 20
READ_CHUNK = 1 << 20

_HTML_SNIFF_TEXT = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
_ASCII_BYTES = bytes(range(128))
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]{0,300}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""",
    re.IGNORECASE,
)
_NOT_CONTROL_BYTES = bytes(
    b for b in range(256) if not (b < 32 and b not in b"\t\n\x0c\r" or b == 127)
)
_MULTIBYTE_TAGS = (
    "jis",
    "jp",
    "gb",
    "big5",
    "kr",
    "932",
    "936",
    "949",
    "950",
    "johab",
    "hz",
    "2022",
)
# UTF-8 read as cp1252/latin-1 always shows a lead byte (Â..ô) followed by what was a
# continuation byte (0x80-0xBF as latin-1 or cp1252): a cheap gate before ftfy's slower check.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    "\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc"
    "\u2122\u0161\u203a\u0153\u017e\u0178]"
)


class IngestError(ValueError):
    """The bundle itself cannot be ingested (missing, unsupported type): a message for people."""


@dataclass(frozen=True)
class IngestBatch:
    """One batch of a bundle: the documents that passed ingest and the inputs quarantined."""

    docs: pl.DataFrame  # schema.RAW_DOCS
    quarantine: pl.DataFrame  # schema.QUARANTINE, stage "ingest"
    inputs: int  # docs.height + quarantine.height


@dataclass(frozen=True, slots=True)
class _Doc:
    source_path: str
    data: bytes | str  # raw bytes to decode, or text already decoded (JSON lines)
    size_bytes: int
    content_type: str | None = None  # None: sniff from the content
    encoding: str | None = None  # given when data is already text
    # url, title, date, source, dateline
    meta: tuple[str | None, ...] = (None, None, None, None, None)


@dataclass(frozen=True, slots=True)
class _Rejected:
    source_path: str
    reason: str
    detail: str


_Input = _Doc | _Rejected


class _NotText(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class _Limits:
    file_bytes: int
    member_bytes: int
    ratio: float

    @property
    def read_cap(self) -> int:
        return min(self.file_bytes, self.member_bytes)

    def too_large(self, what: str) -> _NotText:
        if self.file_bytes <= self.member_bytes:
            return _NotText("file too large", f"{what} is over max_file_bytes={self.file_bytes}")
        return _NotText(
            "member too large", f"{what} decompresses to over max_member_bytes={self.member_bytes}"
        )

    def is_bomb(self, decompressed: int, compressed: int) -> bool:
        return decompressed >= MIN_BOMB_BYTES and decompressed > self.ratio * max(compressed, 1)


# ---------------------------------------------------------------------------------------------
# public API


def bundle_id(bundle: Path) -> str:
    """Stable id of a bundle from its own name (not its folder: bundles move inbox/ -> done/)."""
    name = Path(os.path.abspath(bundle)).name
    return "b_" + ids.short_hash(name)


def bundle_kind(bundle: Path) -> str:
    """The bundle's format ("dir", "zip", "tar", "jsonl", "warc", "document"), else IngestError."""
    if not os.path.lexists(bundle):
        raise IngestError(f"bundle not found: {bundle}")
    if bundle.is_dir():
        return "dir"
    if not bundle.is_file():
        raise IngestError(f"bundle is not a file or folder: {bundle}")
    kind = _kind_by_name(bundle.name)
    if kind in {"zip", "tar", "jsonl", "warc"}:
        return kind
    if kind in {"text", "html", "json"}:
        return "document"
    raise IngestError(
        f"unsupported bundle type: {bundle.name!r}; expected a folder, .zip, .tar/.tar.gz/.tgz, "
        ".jsonl/.jsonl.gz, .warc/.warc.gz, or a single .txt/.html/.json file"
    )


def iter_batches(
    bundle: Path, settings: Settings, *, max_batch_bytes: int = MAX_BATCH_BYTES
) -> Iterator[IngestBatch]:
    """Stream `bundle` as batches of up to settings.batch_size documents plus their quarantine rows.

    Raises IngestError at once when the bundle is missing or of an unsupported type; after that
    no input raises: each one becomes a document or a quarantine row with a reason.
    """
    kind = bundle_kind(bundle)
    limits = _Limits(
        settings.thresholds.max_file_bytes,
        settings.thresholds.max_member_bytes,
        settings.thresholds.max_compression_ratio,
    )
    if kind != "dir":
        try:
            with bundle.open("rb"):
                pass
        except OSError as exc:
            raise IngestError(f"cannot read bundle {bundle}: {exc.strerror or exc}") from exc
    if kind == "dir":
        inputs = _walk_dir(bundle, "", limits)
    elif kind == "document":
        inputs = _single_file(bundle, bundle.name, limits)
    else:
        inputs = _container(bundle, bundle.name, kind, "", limits)
    return _batches(inputs, bundle_id(bundle), max(1, settings.batch_size), max_batch_bytes)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes: (text with \\n newlines and clear mojibake repaired, encoding name).

    Raises ValueError (reason, detail) for binary or empty input; the encoding names are Python's
    normalised codec names with hyphens: "utf-8", "utf-8-sig", "utf-16", "cp1252", "iso8859-1"...
    """
    try:
        text, encoding = _decode(data)
        return _clean_text(text), encoding
    except _NotText as exc:
        raise ValueError(exc.reason, exc.detail) from None


# ---------------------------------------------------------------------------------------------
# batching


# RAW_DOCS columns read from the inputs; input_hash is derived from them per batch
_READ_COLUMNS = [name for name in schema.RAW_DOCS.names() if name != "input_hash"]


def _batches(
    inputs: Iterator[_Input], bundle: str, batch_size: int, max_batch_bytes: int
) -> Iterator[IngestBatch]:
    seen: dict[str, int] = {}
    docs: dict[str, list[Any]] = {name: [] for name in _READ_COLUMNS}
    rejected: dict[str, list[str]] = {"source_path": [], "reason": [], "detail": []}
    doc_bytes = 0
    for seq, item in enumerate(inputs):
        path = _unique(_no_surrogates(item.source_path), seen)
        if isinstance(item, _Doc):
            try:
                text, encoding, content_type = _finish(item)
            except _NotText as exc:
                item = _Rejected(path, exc.reason, exc.detail)
            else:
                meta = [_no_surrogates(value) if value else value for value in item.meta]
                for name, value in zip(
                    _READ_COLUMNS,
                    (bundle, path, seq, content_type, text, encoding, item.size_bytes, *meta),
                    strict=True,
                ):
                    docs[name].append(value)
                doc_bytes += item.size_bytes
        if isinstance(item, _Rejected):
            rejected["source_path"].append(path)
            rejected["reason"].append(item.reason)
            rejected["detail"].append(_no_surrogates(item.detail))
        if (
            len(docs["source_path"]) >= batch_size
            or doc_bytes >= max_batch_bytes
            or len(rejected["source_path"]) >= 10 * batch_size
        ):
            yield _batch(bundle, docs, rejected)
            docs = {name: [] for name in _READ_COLUMNS}
            rejected = {"source_path": [], "reason": [], "detail": []}
            doc_bytes = 0
    if docs["source_path"] or rejected["source_path"]:
        yield _batch(bundle, docs, rejected)


def _batch(bundle: str, docs: dict[str, list[Any]], rejected: dict[str, list[str]]) -> IngestBatch:
    doc_frame = pl.DataFrame(docs, schema={name: schema.RAW_DOCS[name] for name in _READ_COLUMNS})
    doc_frame = doc_frame.with_columns(ids.input_hashes(doc_frame))
    count = len(rejected["source_path"])
    quarantine = pl.DataFrame(
        {"bundle_id": [bundle] * count, "stage": [STAGE] * count, **rejected},
        schema={name: pl.String for name in ("bundle_id", "stage", *rejected)},
    )
    quarantine = schema.conform(quarantine, schema.QUARANTINE)
    return IngestBatch(doc_frame, quarantine, doc_frame.height + quarantine.height)


def _no_surrogates(text: str) -> str:
    """`text` as valid Unicode: OS/tar names with undecodable bytes, lone JSON surrogates fixed."""
    if _SURROGATES.search(text) is None:
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")  # file names the OS could not decode
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def _unique(path: str, seen: dict[str, int]) -> str:
    """`path`, or `path#N` when an earlier input of the bundle already used it."""
    count = seen.get(path, 0)
    seen[path] = count + 1
    if count == 0:
        return path
    candidate = f"{path}#{count + 1}"
    while candidate in seen:
        count += 1
        candidate = f"{path}#{count + 1}"
    seen[candidate] = 1
    return candidate


def _finish(doc: _Doc) -> tuple[str, str, str]:
    """(text, encoding, content_type) of a document, or _NotText."""
    if isinstance(doc.data, str):  # JSON strings may hold lone surrogates ("\ud800")
        text, encoding = _clean_text(_no_surrogates(doc.data)), doc.encoding or "utf-8"
    else:
        text, encoding = _decode(doc.data)
        text = _clean_text(text)
    if not text.strip():
        raise _NotText("empty document", "only whitespace after decoding")
    content_type = doc.content_type or (
        "html" if _HTML_SNIFF_TEXT.search(text, 0, 4096) else "text"
    )
    return text, encoding, content_type


# ---------------------------------------------------------------------------------------------
# decoding


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a document's bytes, or _NotText when they are empty or binary."""
    if not data:
        raise _NotText("empty document", "0 bytes")
    text, encoding = _decode_text(data)
    if encoding.startswith(("utf-16", "utf-32")):
        controls = len(_CONTROL_CHARS.findall(text, 0, 65536))
    else:  # 8-bit and UTF-8 text: the control characters are the control bytes (C speed)
        controls = len(data[:65536].translate(None, _NOT_CONTROL_BYTES))
    if controls > max(2, min(len(text), 65536) // 100):
        raise _NotText("binary file", f"{controls} control characters in the first 64 KiB")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise _NotText("binary file", f"{codec} byte order mark but {exc.reason}") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _NotText("binary file", "contains NUL bytes")
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            raise _NotText("binary file", "contains NUL bytes") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), _codec_name(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration: detect from the bytes
    return _detect(data)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML page declares in its first 4 KiB (WHATWG: latin-1 means cp1252)."""
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    return (
        "cp1252"
        if name in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
        else name
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit where UTF-16 puts them for Latin text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= 0.9 * len(odd) and even_nuls <= 0.1 * len(even):
        return "utf-16-le"
    if even_nuls >= 0.9 * len(even) and odd_nuls <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """Legacy 8-bit or CJK text: charset-normalizer's best guess, corrected for two known slips."""
    ranked = list(charset_normalizer.from_bytes(data))
    if not ranked:
        raise _NotText("binary file", "not decodable as text in any known encoding")
    # Mostly-ASCII text with a stray high byte (a BBC "\xa3" for the pound sign) is scored as
    # Japanese or Chinese with "no chaos"; real CJK text is mostly high bytes.
    high_bytes = len(data.translate(None, _ASCII_BYTES))
    if _is_multibyte(ranked[0].encoding) and high_bytes < 0.05 * len(data):
        ranked = [m for m in ranked if not _is_multibyte(m.encoding)] or ranked
    best = ranked[0]
    # Windows code pages are far more common in web text than their DOS, Mac and ISO siblings,
    # which charset-normalizer often ranks first on short samples where they score the same
    # (cp1250 for cp1252, mac-cyrillic for cp1251).
    tied = [m for m in ranked if m.chaos <= best.chaos + 0.001]
    windows = [m for m in tied if _codec_name(m.encoding).startswith("cp125")]
    windows.sort(key=lambda m: _codec_name(m.encoding) != "cp1252")
    chosen = windows[0] if windows else best
    encoding, text = _codec_name(chosen.encoding), str(chosen)
    if encoding != "cp1252":
        try:
            as_cp1252 = data.decode("cp1252")
        except UnicodeDecodeError:
            as_cp1252 = None
        if as_cp1252 == text:  # the same text: name it by the common code page
            return text, "cp1252"
    return text, encoding


def _is_multibyte(name: str) -> bool:
    codec = _codec_name(name)
    return any(tag in codec for tag in _MULTIBYTE_TAGS)


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name.replace("_", "-")
    except LookupError:
        return name.lower().replace("_", "-")


def _clean_text(text: str) -> str:
    """Newlines as \\n, NUL characters removed, mojibake repaired where ftfy finds it clearly."""
    if text.startswith("\ufeff"):  # a BOM that survived decoding (a header named the charset)
        text = text[1:]
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii() and _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        text = ftfy.fix_encoding(text)
    return text


# ---------------------------------------------------------------------------------------------
# walking bundles


def _kind_by_name(name: str) -> str:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(TAR_SUFFIXES):
        return "tar"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(".gz"):  # one gzipped page or text ("page.html.gz")
        inner = _kind_by_name(lower[:-3])
        return inner if inner in {"text", "html"} else "unsupported"
    suffix = _suffix(lower)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "unsupported"


def _suffix(path: str) -> str:
    """PurePosixPath(path).suffix without building a path object (this runs once per input)."""
    name = path.rstrip("/").rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _not_a_document(path: str) -> _Rejected | None:
    """A rejection for hidden and system entries, None for a candidate document."""
    parts = [part for part in path.split("/") if part]
    for part in parts:
        if part.lower() in SYSTEM_FILES:
            return _Rejected(path, "not a document", f"system file or folder {part!r}")
        if part.startswith(".") and part not in {".", ".."}:
            return _Rejected(path, "not a document", f"hidden file or folder {part!r}")
    name = parts[-1] if parts else ""
    if BUNDLE_DOC_FILE.match(name):
        return _Rejected(path, "not a document", f"bundle documentation file {name!r}")
    return None


def _unsupported(path: str, kind: str) -> _Rejected:
    suffix = _suffix(path) or "(none)"
    if kind in {"zip", "tar", "warc"}:
        return _Rejected(
            path, "not a document", "nested archive inside an archive: ingest it as its own bundle"
        )
    return _Rejected(path, "not a document", f"unsupported file type {suffix!r}")


def _walk_dir(folder: Path, prefix: str, limits: _Limits) -> Iterator[_Input]:
    """Files of a folder, recursively in sorted name order, never following symlinks."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _Rejected(
            prefix or folder.name, "unreadable file", f"cannot list folder: {exc.strerror or exc}"
        )
        return
    for entry in entries:
        rel = prefix + entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            yield _Rejected(rel, "unreadable file", exc.strerror or str(exc))
            continue
        if stat.S_ISLNK(mode):
            yield _Rejected(rel, "symlink not followed", f"-> {_readlink(entry.path)}")
            continue
        hidden = _not_a_document(entry.name)
        if stat.S_ISDIR(mode):
            if hidden is not None:
                yield _Rejected(rel + "/", hidden.reason, hidden.detail + ", not descended into")
            else:
                yield from _walk_dir(Path(entry.path), rel + "/", limits)
        elif not stat.S_ISREG(mode):
            yield _Rejected(rel, "special file", f"not a regular file (mode {stat.filemode(mode)})")
        elif hidden is not None:
            yield _Rejected(rel, hidden.reason, hidden.detail)
        else:
            kind = _kind_by_name(entry.name)
            if kind in {"zip", "tar", "jsonl", "warc"}:
                yield from _container(Path(entry.path), rel, kind, rel + "/", limits)
            elif kind == "unsupported":
                yield _unsupported(rel, kind)
            else:
                yield from _single_file(Path(entry.path), rel, limits)


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _single_file(path: Path, rel: str, limits: _Limits) -> Iterator[_Input]:
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            yield _Rejected(
                rel, "file too large", f"{size} bytes is over max_file_bytes={limits.file_bytes}"
            )
            return
        with path.open("rb") as fh:
            data = _read_capped(fh, limits.file_bytes)
    except OSError as exc:
        yield _Rejected(rel, "unreadable file", exc.strerror or str(exc))
        return
    if len(data) > limits.file_bytes:  # grew since stat
        yield _Rejected(rel, "file too large", f"over max_file_bytes={limits.file_bytes}")
        return
    yield from _file_inputs(rel, data, limits)


def _read_capped(stream: _Readable, cap: int) -> bytes:
    """Up to cap + 1 bytes of `stream` (cap + 1 means: too large), read in bounded chunks."""
    parts: list[bytes] = []
    total = 0
    while total <= cap:
        chunk = stream.read(min(READ_CHUNK, cap + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _container(path: Path, rel: str, kind: str, prefix: str, limits: _Limits) -> Iterator[_Input]:
    """Inputs of an archive or JSON lines file on disk; `rel` names the container itself."""
    if kind == "zip":
        inputs = _zip_inputs(path, rel, prefix, limits)
    elif kind == "tar":
        inputs = _tar_inputs(path, rel, prefix, limits)
    elif kind == "warc":
        inputs = _warc_inputs(path, rel, limits)
    else:
        inputs = _jsonl_file(path, rel, limits)
    try:
        yield from inputs
    except OSError as exc:  # the file vanished or cannot be opened; members read so far stay
        yield _Rejected(rel, "unreadable file", exc.strerror or str(exc))


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _LineReadable(_Readable, Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _CountingReader:
    """A read-only file wrapper counting the (compressed) bytes handed out."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


# Errors a hostile or truncated archive can raise while it is read.
_ARCHIVE_ERRORS = (
    tarfile.TarError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    zlib.error,
    lzma.LZMAError,
    UnicodeError,
    ValueError,
    NotImplementedError,
    RuntimeError,  # zipfile: encrypted member without password
)


def _member_problem(name: str) -> _Rejected | None:
    """A rejection for an unsafe member path (absolute or with '..'), None when it is safe."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return _Rejected(name, "unsafe path", "absolute path in archive")
    if ".." in normal.split("/"):
        return _Rejected(name, "unsafe path", "'..' in archive path")
    return None


def _member_inputs(name: str, data: bytes, compressed: int, limits: _Limits) -> Iterator[_Input]:
    """The inputs of a member's bytes read with _read_capped(limits.read_cap)."""
    problem = _size_problem(name, data, compressed, limits)
    if problem is not None:
        yield problem
    else:
        yield from _file_inputs(name, data, limits)


def _size_problem(
    name: str, data: bytes, compressed: int, limits: _Limits, what: str = "member"
) -> _Rejected | None:
    """A rejection when bytes read with _read_capped(limits.read_cap) are a bomb or too large."""
    if limits.is_bomb(len(data), compressed):
        return _Rejected(
            name,
            "zip bomb",
            f"compression ratio over {limits.ratio:g} ({len(data)} bytes from {compressed})",
        )
    if len(data) > limits.read_cap:
        problem = limits.too_large(f"{what} {name!r}")
        return _Rejected(name, problem.reason, problem.detail)
    return None


def _file_inputs(name: str, data: bytes, limits: _Limits) -> Iterator[_Input]:
    """The inputs in one file's bytes: a page or text, or the article record(s) of a .json file."""
    if _kind_by_name(name) == "json":
        yield from _json_document(name, data)
    else:
        yield _document(name, data, limits)


def _document(name: str, data: bytes, limits: _Limits) -> _Input:
    """A document candidate from its stored bytes; a `.gz` name is first decompressed, bounded."""
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                plain = _read_capped(unzipped, limits.read_cap)
        except _ARCHIVE_ERRORS as exc:
            return _Rejected(name, "corrupt archive", f"not a readable gzip file: {exc}")
        problem = _size_problem(name, plain, len(data), limits, what="gzipped file")
        if problem is not None:
            return problem
        data = plain
    content_type = "html" if _kind_by_name(name) == "html" else None
    return _Doc(name, data, len(data), content_type)


def _zip_inputs(path: Path, rel: str, prefix: str, limits: _Limits) -> Iterator[_Input]:
    try:
        archive = zipfile.ZipFile(path)
    except _ARCHIVE_ERRORS as exc:
        yield _Rejected(rel, "corrupt archive", f"not a readable zip file: {exc}")
        return
    with archive:
        for info in archive.infolist():
            yield from _zip_member(archive, info, prefix, limits)


def _zip_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: str, limits: _Limits
) -> Iterator[_Input]:
    name = prefix + _zip_name(info)
    if info.is_dir():  # a container, not an input (and nothing is ever extracted)
        return
    unsafe = _member_problem(info.filename)
    if unsafe is not None:
        yield _Rejected(name, unsafe.reason, unsafe.detail)
        return
    mode = info.external_attr >> 16
    if stat.S_ISDIR(mode):  # a folder entry written without its trailing slash
        return
    if stat.S_ISLNK(mode):
        yield _Rejected(name, "symlink not followed", "symbolic link in archive")
        return
    if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
        yield _Rejected(name, "special file", f"not a regular file (mode {stat.filemode(mode)})")
        return
    hidden = _not_a_document(info.filename)
    if hidden is not None:
        yield _Rejected(name, hidden.reason, hidden.detail)
        return
    if info.flag_bits & 0x1:
        yield _Rejected(name, "encrypted member", "password-protected zip member")
        return
    kind = _kind_by_name(info.filename)
    if kind in {"zip", "tar", "warc", "unsupported"}:
        yield _unsupported(name, kind)
        return
    if kind != "jsonl":
        if limits.is_bomb(info.file_size, info.compress_size):
            yield _Rejected(
                name,
                "zip bomb",
                f"declared compression ratio over {limits.ratio:g} "
                f"({info.file_size} bytes from {info.compress_size})",
            )
            return
        if info.file_size > limits.read_cap:
            problem = limits.too_large(f"member ({info.file_size} bytes declared)")
            yield _Rejected(name, problem.reason, problem.detail)
            return
    try:
        with archive.open(info) as member:
            if kind == "jsonl":
                yield from _jsonl_stream(
                    member, name, info.filename, limits, lambda: info.compress_size
                )
                return
            data = _read_capped(member, limits.read_cap)
    except _ARCHIVE_ERRORS as exc:
        yield _Rejected(name, "corrupt member", f"{type(exc).__name__}: {exc}")
        return
    yield from _member_inputs(name, data, info.compress_size, limits)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member name as written: many zip tools store UTF-8 names without setting the flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _tar_inputs(path: Path, rel: str, prefix: str, limits: _Limits) -> Iterator[_Input]:
    """Members of a tar stream ("r|*": one pass, nothing seeks, memory stays flat)."""
    with path.open("rb") as raw:
        counted = _CountingReader(raw)
        try:
            # closed by the `with` below: opening itself fails on hostile bytes
            archive = tarfile.open(fileobj=counted, mode="r|*")  # type: ignore[call-overload]  # noqa: SIM115
        except _ARCHIVE_ERRORS as exc:
            yield _Rejected(rel, "corrupt archive", f"not a readable tar file: {exc}")
            return
        with archive:
            yield from _tar_members(archive, rel, prefix, counted, limits)


def _tar_members(
    archive: tarfile.TarFile, rel: str, prefix: str, counted: _CountingReader, limits: _Limits
) -> Iterator[_Input]:
    last = None
    while True:
        try:
            info = archive.next()
        except _ARCHIVE_ERRORS as exc:
            after = f" after member {last!r}" if last else ""
            yield _Rejected(rel, "corrupt archive", f"unreadable{after}: {exc}")
            return
        if info is None:
            return
        archive.members.clear()  # type: ignore[attr-defined]  # stream mode keeps every TarInfo
        last = info.name
        name = prefix + info.name
        bomb = False
        for item in _tar_member(archive, info, name, counted, limits):
            bomb = bomb or (isinstance(item, _Rejected) and item.reason == "zip bomb")
            yield item
        if bomb:
            # Skipping the rest of a bomb means decompressing it: stop reading the archive.
            yield _Rejected(
                rel, "archive not read further", f"stopped at zip bomb member {info.name!r}"
            )
            return


def _tar_member(
    archive: tarfile.TarFile,
    info: tarfile.TarInfo,
    name: str,
    counted: _CountingReader,
    limits: _Limits,
) -> Iterator[_Input]:
    if info.isdir():  # a container, not an input (and nothing is ever extracted)
        return
    unsafe = _member_problem(info.name)
    if unsafe is not None:
        yield _Rejected(name, unsafe.reason, unsafe.detail)
        return
    if info.issym():
        yield _Rejected(
            name, "symlink not followed", f"symbolic link in archive -> {info.linkname}"
        )
        return
    if info.islnk():
        yield _Rejected(name, "hardlink not followed", f"hard link in archive -> {info.linkname}")
        return
    if not info.isreg():
        yield _Rejected(name, "special file", "device, fifo or other non-regular member")
        return
    hidden = _not_a_document(info.name)
    if hidden is not None:
        yield _Rejected(name, hidden.reason, hidden.detail)
        return
    kind = _kind_by_name(info.name)
    if kind in {"zip", "tar", "warc", "unsupported"}:
        yield _unsupported(name, kind)
        return
    start = counted.count
    try:
        member = archive.extractfile(info)
        if member is None:
            yield _Rejected(name, "special file", "member has no data")
            return
        if kind == "jsonl":
            yield from _jsonl_stream(member, name, info.name, limits, lambda: counted.count - start)
            return
        data = _read_capped(member, limits.read_cap)
    except _ARCHIVE_ERRORS as exc:
        yield _Rejected(name, "corrupt member", f"{type(exc).__name__}: {exc}")
        return
    yield from _member_inputs(name, data, counted.count - start, limits)


# ---------------------------------------------------------------------------------------------
# JSON lines


def _jsonl_file(path: Path, rel: str, limits: _Limits) -> Iterator[_Input]:
    with path.open("rb") as raw:
        if path.name.lower().endswith(".gz"):
            counted = _CountingReader(raw)
            yield from _jsonl_stream(counted, rel, path.name, limits, lambda: counted.count)
        else:
            yield from _jsonl_stream(raw, rel, path.name, limits, None)


def _jsonl_stream(
    stream: _Readable,
    rel: str,
    filename: str,
    limits: _Limits,
    compressed: Callable[[], int] | None,
) -> Iterator[_Input]:
    """One input per non-blank line, read line by line with a cap on each line's length.

    `compressed` reports the compressed bytes consumed so far (None for plain files), to stop
    at a zip bomb; a `.gz` file name means `stream` is gzip-compressed, else it reads lines.
    """
    line_no = 0
    decompressed = 0
    if filename.lower().endswith(".gz"):
        reader: _LineReadable = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[call-overload]
    else:
        reader = cast(_LineReadable, stream)
    while True:
        try:
            line = reader.readline(limits.file_bytes + 1)
        except _ARCHIVE_ERRORS as exc:
            yield _Rejected(
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
            yield _Rejected(
                where,
                "zip bomb",
                f"compression ratio over {limits.ratio:g}; this and later lines not read",
            )
            return
        if len(line) > limits.file_bytes:
            try:
                skipped = _skip_line(reader, limits)
            except _ARCHIVE_ERRORS as exc:
                yield _Rejected(
                    where, "corrupt archive", f"unreadable inside line {line_no}: {exc}"
                )
                return
            if skipped is None:
                yield _Rejected(
                    where, "file too large", "JSON line with no end; later lines not read"
                )
                return
            yield _Rejected(
                where, "file too large", f"JSON line over max_file_bytes={limits.file_bytes}"
            )
            continue
        if not line.strip():
            continue
        yield _json_record(where, line)


def _skip_line(stream: _LineReadable, limits: _Limits) -> int | None:
    """Read to the end of an over-long line; None when it runs past max_member_bytes."""
    skipped = 0
    while True:
        chunk = stream.readline(READ_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return skipped + len(chunk)
        skipped += len(chunk)
        if skipped > limits.member_bytes:
            return None


def _json_record(where: str, line: bytes) -> _Input:
    try:
        raw_text, encoding = _decode(line.strip())
        record = json.loads(raw_text)
    except _NotText as exc:
        return _Rejected(where, "malformed json", f"{exc.reason}: {exc.detail}")
    except (ValueError, RecursionError) as exc:
        return _Rejected(where, "malformed json", str(exc)[:200])
    if not isinstance(record, dict):
        return _Rejected(
            where, "malformed json", f"expected an object per line, got {type(record).__name__}"
        )
    return _record_input(where, record, len(line), encoding)


def _record_input(where: str, record: Any, size: int, encoding: str) -> _Input:
    """A document from one article record (a JSON object), mapping the common field names."""
    if not isinstance(record, dict):
        return _Rejected(
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
        return _Doc(where, html, size, "html", encoding, meta)
    text = _first(fields, TEXT_FIELDS, join=True)
    if text is not None and text.strip():
        return _Doc(where, text, size, None, encoding, meta)
    present = [key for key in (*HTML_FIELDS, *TEXT_FIELDS) if key in fields]
    if present:
        return _Rejected(where, "empty document", f"field {present[0]!r} is empty")
    keys = ", ".join(sorted(fields)[:12])
    return _Rejected(where, "no text field", f"no text/body/content/html field; keys: {keys}")


def _json_document(name: str, data: bytes) -> Iterator[_Input]:
    """A .json file: one article object, an array of them, or an object wrapping such an array
    (NewsAPI's {"articles": [...]}); array items are keyed "name.json:N" (1-based)."""
    try:
        raw_text, encoding = _decode(data)
        value = json.loads(raw_text)
    except _NotText as exc:
        reason = exc.reason if exc.reason == "empty document" else "malformed json"
        yield _Rejected(name, reason, exc.detail)
        return
    except (ValueError, RecursionError) as exc:
        yield _Rejected(name, "malformed json", str(exc)[:200])
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
        yield _Rejected(name, "empty document", "empty JSON array")
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
                return value[key]  # type: ignore[no-any-return]
        return None
    if isinstance(value, list):
        strings = [item for item in value if isinstance(item, str)]
        if not strings:
            return None
        return "\n\n".join(strings) if join else strings[0]
    return None


# ---------------------------------------------------------------------------------------------
# WARC

# Records that carry a fetched page; the others (warcinfo, request, metadata, revisit) are crawl
# protocol, not inputs, the way directory entries are not.
WARC_DOCUMENT_RECORDS = frozenset({"response", "resource", "conversion"})
WARC_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
WARC_TEXT_TYPES = frozenset({"text/plain"})
# warcio raises whatever its parsing hits on malformed records (AttributeError on a record
# without a target URI, ...): any error while it reads hostile bytes quarantines, never crashes.
_WARC_ERRORS = (Exception,)


def _warc_inputs(path: Path, rel: str, limits: _Limits) -> Iterator[_Input]:
    """Response and resource records of a WARC file, one input each, keyed "file.warc@OFFSET"."""
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - only WARC bundles need it

    with path.open("rb") as raw:
        records = ArchiveIterator(raw)
        while True:
            try:
                record = next(records, None)
            except _WARC_ERRORS as exc:
                yield _Rejected(rel, "corrupt archive", f"unreadable WARC: {exc}")
                return
            if record is None:
                return
            if record.format != "warc":  # warcio reads any text header line as an old ARC record
                yield _Rejected(
                    rel, "corrupt archive", "not a WARC file: no WARC/1.x record header"
                )
                return
            if record.rec_type not in WARC_DOCUMENT_RECORDS:
                continue
            try:
                item: _Input = _warc_record(record, limits)
            except _WARC_ERRORS as exc:
                item = _Rejected("", "corrupt member", f"{type(exc).__name__}: {exc}")
            try:
                # asking for the offset reads the record to its end: only after its content
                where = f"{rel}@{records.get_record_offset()}"
            except _WARC_ERRORS as exc:
                yield _Rejected(rel, "corrupt archive", f"unreadable WARC: {exc}")
                return
            yield dataclasses.replace(item, source_path=where)


def _warc_record(record: Any, limits: _Limits) -> _Input:
    where = ""  # set by the caller once the record's offset is known
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if not str(status).startswith("2"):
            return _Rejected(where, "not a document", f"HTTP status {status}")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in WARC_HTML_TYPES | WARC_TEXT_TYPES:
        return _Rejected(where, "not a document", f"unsupported content type {mime or '(none)'!r}")
    stored = int(record.rec_headers.get_header("Content-Length") or 0)
    data = _read_capped(record.content_stream(), limits.read_cap)
    meta = (
        record.rec_headers.get_header("WARC-Target-URI"),
        None,
        record.rec_headers.get_header("WARC-Date"),
        None,
        None,
    )
    problem = _size_problem(where, data, stored, limits)
    if problem is not None:
        return problem
    content = "html" if mime in WARC_HTML_TYPES else None
    charset = _header_charset(params)
    if charset is not None and b"\x00" not in data:
        try:
            return _Doc(where, data.decode(charset), len(data), content, _codec_name(charset), meta)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong header: detect from the bytes instead
    return _Doc(where, data, len(data), content, None, meta)


def _header_charset(params: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", params)
    return match.group(1) if match else None
