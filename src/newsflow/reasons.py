"""The quarantine `reason` vocabulary (issue 21): a small fixed set, the specifics in `detail`.

A quarantine row says *why* in `reason`, one of the values below (or, for a row failed by a
quality gate, the name of the failed expectation in `expectations/<stage>.json`), and *what
exactly* in `detail`: the sizes, counts, names, offending value. So `group by reason` counts
kinds of problems, never one group per file size or word count. docs/warehouse.md lists them.

Only inputs with no text are quarantined for their content (`empty document`, `binary file`):
a text with at least one word is an article, however short.
"""

from __future__ import annotations

# ingest: an input that never became a document
INGEST_REASONS: dict[str, str] = {
    "unsafe path": "an archive member with an absolute path or '..' in it",
    "symlink not followed": "a symbolic link (folder or archive); the detail names the target",
    "hardlink not followed": "a hard link inside an archive",
    "special file": "a device, pipe or socket, or an archive member without data",
    "not a document": "hidden, system or bundle documentation files, unsupported file types, "
    "WARC records that carry no page (HTTP errors, other content types)",
    "encrypted member": "a password-protected archive member",
    "zip bomb": "decompresses to more than max_compression_ratio times its size",
    "too large": "over max_file_bytes or max_member_bytes (the detail says which)",
    "binary file": "bytes that are not text in any known encoding",
    "empty document": "no text: 0 bytes, or only white space after decoding",
    "malformed json": "a JSON line or file that does not parse",
    "no text field": "a JSON record without any text or html field",
    "corrupt archive": "an archive (zip, tar, gzip, WARC) that cannot be read",
    "corrupt member": "one member of an archive that cannot be read",
    "archive not read further": "the unread rest of an archive after a corrupt part or a bomb",
    "unreadable file": "the operating system refused to read the file",
    "duplicate capture": "a WARC revisit record, or a response repeating the URL and payload of "
    "an earlier capture; the detail names that capture",
}

# parse: a document that did not become an article
PARSE_REASONS: dict[str, str] = {
    "empty document": "no words: white space, markup with no visible text, only punctuation",
    "unsupported content type": "a document of a type parse does not read (the detail names it)",
    "parse error": "parsing raised; the detail holds the error",
    "repeated input": "the same identity and content as another input of this run",
}

REASONS = frozenset(INGEST_REASONS) | frozenset(PARSE_REASONS)


def check(reason: str) -> str:
    """`reason` itself when it is in the vocabulary; a ValueError otherwise (a programming error:
    a new kind of problem gets a new entry here and in docs/warehouse.md)."""
    if reason not in REASONS:
        raise ValueError(f"quarantine reason {reason!r} is not in newsflow.reasons")
    return reason
