"""A bundle as batches: its id and kind, and its inputs cut into RAW_DOCS batches."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from newsflow import ids, schema
from newsflow.ingest.containers import container, single_file, walk_dir
from newsflow.ingest.decode import finish, no_surrogates
from newsflow.ingest.inputs import (
    MAX_BATCH_BYTES,
    STAGE,
    Capture,
    Doc,
    IngestBatch,
    IngestError,
    Input,
    Limits,
    NotText,
    Rejected,
    Revisit,
    Skipped,
)
from newsflow.ingest.kinds import kind_by_name
from newsflow.settings import Settings


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
    kind = kind_by_name(bundle.name)
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
    limits = Limits(
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
        inputs = walk_dir(bundle, "", limits)
    elif kind == "document":
        inputs = single_file(bundle, bundle.name, limits)
    else:
        inputs = container(bundle, bundle.name, kind, "", limits)
    return _batches(inputs, bundle_id(bundle), max(1, settings.batch_size), max_batch_bytes)


# RAW_DOCS columns read from the inputs; input_hash is derived from them per batch
_READ_COLUMNS = [name for name in schema.RAW_DOCS.names() if name != "input_hash"]


class _Captures:
    """The WARC captures of a bundle read so far, by payload digest: the cheap exact-duplicate key.

    A revisit record names the payload it repeats; a response with the payload and URL of an
    earlier capture is that capture again (wget stores a page reached twice twice). Both become
    "duplicate capture" rows without being decoded or parsed. The same payload at another URL
    stays a document: dedupe links it to the first as an exact duplicate (a syndicated copy is
    coverage). Memory: one entry per WARC document of the bundle.
    """

    def __init__(self) -> None:
        self.first: dict[str, str] = {}  # digest -> source_path of its first capture
        self.at_url: dict[tuple[str, str], str] = {}  # (digest, url) -> source_path

    def duplicate(self, doc: Doc, path: str) -> Rejected | None:
        """A rejection when `doc` repeats an earlier capture of the same URL, else remember it."""
        if doc.capture is None or doc.capture.digest is None:
            return None
        digest = doc.capture.digest
        self.first.setdefault(digest, path)
        earlier = self.at_url.setdefault((digest, doc.meta[0] or ""), path)
        if earlier != path:
            return Rejected(
                path, "duplicate capture", f"same URL and payload ({digest}) as {earlier}"
            )
        return None

    def revisited(self, revisit: Revisit, path: str) -> Rejected:
        """The quarantine row of a revisit record, naming the capture it repeats."""
        first = self.first.get(revisit.digest) if revisit.digest else None
        if first is not None:
            detail = f"revisit of {first} ({revisit.digest})"
        else:
            detail = f"revisit of {revisit.refers_to}, a capture not in this bundle"
        return Rejected(path, "duplicate capture", detail)


def _batches(
    inputs: Iterator[Input], bundle: str, batch_size: int, max_batch_bytes: int
) -> Iterator[IngestBatch]:
    seen: dict[str, int] = {}
    captures = _Captures()
    docs: dict[str, list[Any]] = {name: [] for name in _READ_COLUMNS}
    rejected: dict[str, list[str]] = {"source_path": [], "reason": [], "detail": []}
    skipped: dict[str, int] = {}
    doc_bytes = 0
    seq = 0
    for item in inputs:
        if isinstance(item, Skipped):  # crawl protocol: counted, not an input
            skipped[item.kind] = skipped.get(item.kind, 0) + 1
            continue
        path = _unique(no_surrogates(item.source_path), seen)
        if isinstance(item, Revisit):
            item = captures.revisited(item, path)
        elif isinstance(item, Doc):
            item = captures.duplicate(item, path) or item
        if isinstance(item, Doc):
            try:
                text, encoding, content_type = finish(item)
            except NotText as exc:
                item = Rejected(path, exc.reason, exc.detail)
            else:
                meta = [no_surrogates(value) if value else value for value in item.meta]
                capture = item.capture or _NO_CAPTURE
                for name, value in zip(
                    _READ_COLUMNS,
                    (bundle, path, seq, content_type, text, encoding, item.size_bytes, *meta,
                     capture.crawled_at, capture.digest),
                    strict=True,
                ):  # fmt: skip
                    docs[name].append(value)
                doc_bytes += item.size_bytes
        if isinstance(item, Rejected):
            rejected["source_path"].append(path)
            rejected["reason"].append(item.reason)
            rejected["detail"].append(no_surrogates(item.detail))
        seq += 1
        if (
            len(docs["source_path"]) >= batch_size
            or doc_bytes >= max_batch_bytes
            or len(rejected["source_path"]) >= 10 * batch_size
        ):
            yield _batch(bundle, docs, rejected, skipped)
            docs = {name: [] for name in _READ_COLUMNS}
            rejected = {"source_path": [], "reason": [], "detail": []}
            skipped = {}
            doc_bytes = 0
    if docs["source_path"] or rejected["source_path"] or skipped:
        yield _batch(bundle, docs, rejected, skipped)


_NO_CAPTURE = Capture(None, None)


def _batch(
    bundle: str,
    docs: dict[str, list[Any]],
    rejected: dict[str, list[str]],
    skipped: dict[str, int],
) -> IngestBatch:
    doc_frame = pl.DataFrame(docs, schema={name: schema.RAW_DOCS[name] for name in _READ_COLUMNS})
    doc_frame = doc_frame.with_columns(ids.input_hashes(doc_frame))
    count = len(rejected["source_path"])
    quarantine = pl.DataFrame(
        {"bundle_id": [bundle] * count, "stage": [STAGE] * count, **rejected},
        schema={name: pl.String for name in ("bundle_id", "stage", *rejected)},
    )
    quarantine = schema.conform(quarantine, schema.QUARANTINE)
    return IngestBatch(doc_frame, quarantine, doc_frame.height + quarantine.height, skipped)


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
