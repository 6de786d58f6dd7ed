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
- a WARC response/resource/conversion record of a web page and a revisit record are one input
  each ("name.warc@BYTE_OFFSET"); request, metadata, warcinfo and continuation records, and
  records about the crawl (dns:, metadata://, urn: targets, robots.txt) are crawl protocol, not
  inputs: each batch counts them by kind (`IngestBatch.skipped`). A revisit, or a response with
  the URL and payload digest of an earlier capture in the bundle, is quarantined as "duplicate
  capture" naming that capture. A record's WARC-Date is its capture time (RAW_DOCS.crawled_at),
  never metadata about the page's publication (see ingest/warc.py);
- an archive that cannot be read further (corrupt, or stopped at a zip bomb) adds one row for the
  unread remainder, keyed by the archive's own path.
Every input gets a unique `source_path` (a repeated archive member name gets a "#N" suffix) and
a running `input_seq` (0-based, documents and quarantined inputs alike).

Quarantine reasons are the fixed vocabulary of `newsflow.reasons.INGEST_REASONS` (unsafe path,
symlink not followed, hardlink not followed, special file, not a document, encrypted member, zip
bomb, too large, binary file, empty document, malformed json, no text field, corrupt archive,
corrupt member, archive not read further, unreadable file, duplicate capture); the detail says more (sizes, names,
limits, the error).
"""

from newsflow.ingest.bundle import bundle_id, bundle_kind, iter_batches
from newsflow.ingest.decode import decode_bytes
from newsflow.ingest.inputs import STAGE, IngestBatch, IngestError

__all__ = [
    "STAGE",
    "IngestBatch",
    "IngestError",
    "bundle_id",
    "bundle_kind",
    "decode_bytes",
    "iter_batches",
]
