"""What every bundle reader yields: a document, or a rejected input with its reason; limits."""

from __future__ import annotations

import lzma
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Protocol

import polars as pl

from newsflow import reasons

STAGE = "ingest"

# Ratios are only judged on at least this much decompressed data: a small repetitive file
# trivially beats any ratio and is harmless, because the size caps already bound memory.
MIN_BOMB_BYTES = 1 << 20
# A batch is also cut when its documents reach this many bytes, so 500 docs near
# max_file_bytes cannot pile up gigabytes.
MAX_BATCH_BYTES = 256 << 20
READ_CHUNK = 1 << 20


class IngestError(ValueError):
    """The bundle itself cannot be ingested (missing, unsupported type): a message for people."""


@dataclass(frozen=True)
class IngestBatch:
    """One batch of a bundle: the documents that passed ingest and the inputs quarantined."""

    docs: pl.DataFrame  # schema.RAW_DOCS
    quarantine: pl.DataFrame  # schema.QUARANTINE, stage "ingest"
    inputs: int  # docs.height + quarantine.height
    # WARC records read since the previous batch that are crawl protocol, not inputs, by kind
    # ("request", "metadata", "warcinfo", "response dns:", ...)
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Capture:
    """What a WARC record says about its capture (never about the page's publication)."""

    crawled_at: datetime | None  # WARC-Date, naive UTC
    digest: str | None  # WARC-Payload-Digest, normalised ("sha1:" + base32)


@dataclass(frozen=True, slots=True)
class Doc:
    source_path: str
    data: bytes | str  # raw bytes to decode, or text already decoded (JSON lines)
    size_bytes: int
    content_type: str | None = None  # None: sniff from the content
    encoding: str | None = None  # given when data is already text
    # url, title, date, source, dateline
    meta: tuple[str | None, ...] = (None, None, None, None, None)
    capture: Capture | None = None  # WARC records only


@dataclass(frozen=True, slots=True)
class Rejected:
    source_path: str
    reason: str  # one of newsflow.reasons.INGEST_REASONS; the specifics go to `detail`
    detail: str

    def __post_init__(self) -> None:
        reasons.check(self.reason)


@dataclass(frozen=True, slots=True)
class Revisit:
    """A WARC revisit record: "same payload as an earlier capture". The bundle reader resolves it
    against the captures it has read (a revisit has no content of its own to load)."""

    source_path: str
    url: str
    digest: str | None  # the payload it repeats
    refers_to: str  # what the record says it revisits (target URI, capture date), for people


@dataclass(frozen=True, slots=True)
class Skipped:
    """A WARC record that is crawl protocol (request, metadata, warcinfo, dns: ...): counted by
    kind in the run, never an input."""

    source_path: str
    kind: str


Input = Doc | Rejected | Revisit | Skipped


class NotText(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reasons.check(reason)
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Limits:
    file_bytes: int
    member_bytes: int
    ratio: float

    @property
    def read_cap(self) -> int:
        return min(self.file_bytes, self.member_bytes)

    def too_large(self, what: str) -> NotText:
        if self.file_bytes <= self.member_bytes:
            return NotText("too large", f"{what} is over max_file_bytes={self.file_bytes}")
        return NotText(
            "too large", f"{what} decompresses to over max_member_bytes={self.member_bytes}"
        )

    def is_bomb(self, decompressed: int, compressed: int) -> bool:
        return decompressed >= MIN_BOMB_BYTES and decompressed > self.ratio * max(compressed, 1)


def read_capped(stream: Readable, cap: int) -> bytes:
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


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class LineReadable(Readable, Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class CountingReader:
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
ARCHIVE_ERRORS = (
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


def size_problem(
    name: str, data: bytes, compressed: int, limits: Limits, what: str = "member"
) -> Rejected | None:
    """A rejection when bytes read with read_capped(limits.read_cap) are a bomb or too large."""
    if limits.is_bomb(len(data), compressed):
        return Rejected(
            name,
            "zip bomb",
            f"compression ratio over {limits.ratio:g} ({len(data)} bytes from {compressed})",
        )
    if len(data) > limits.read_cap:
        problem = limits.too_large(f"{what} {name!r}")
        return Rejected(name, problem.reason, problem.detail)
    return None
