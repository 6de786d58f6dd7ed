"""What a path is: its bundle kind by name, and the entries that are not documents."""

from __future__ import annotations

import re

from newsflow.ingest.inputs import Rejected

TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"})
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
# .wet: Common Crawl's extracted-text WARC files ("conversion" records).
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
SYSTEM_FILES = frozenset({"__macosx", "thumbs.db", "desktop.ini"})
# Files that describe a bundle rather than report news (the BBC corpus ships a README.TXT).
BUNDLE_DOC_FILE = re.compile(r"(?i)^(readme|licen[cs]e|copying|changelog|manifest)(\.[a-z]{1,4})?$")


def kind_by_name(name: str) -> str:
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
        inner = kind_by_name(lower[:-3])
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


def not_a_document(path: str) -> Rejected | None:
    """A rejection for hidden and system entries, None for a candidate document."""
    parts = [part for part in path.split("/") if part]
    for part in parts:
        if part.lower() in SYSTEM_FILES:
            return Rejected(path, "not a document", f"system file or folder {part!r}")
        if part.startswith(".") and part not in {".", ".."}:
            return Rejected(path, "not a document", f"hidden file or folder {part!r}")
    name = parts[-1] if parts else ""
    if BUNDLE_DOC_FILE.match(name):
        return Rejected(path, "not a document", f"bundle documentation file {name!r}")
    return None


def unsupported(path: str, kind: str) -> Rejected:
    suffix = _suffix(path) or "(none)"
    if kind in {"zip", "tar", "warc"}:
        return Rejected(
            path, "not a document", "nested archive inside an archive: ingest it as its own bundle"
        )
    return Rejected(path, "not a document", f"unsupported file type {suffix!r}")
