"""Stable identifiers and text normalisation shared by every stage.

Ids are derived from content, never from row order, so a rerun yields the same ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import polars as pl

# A crawler's leading stamp ("date 2024-01-15"): parse reads crawl_date from it, hashing drops it.
CRAWL_STAMP = r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*"
_CRAWL_STAMP = re.compile(CRAWL_STAMP, re.IGNORECASE)


def short_hash(*parts: str, length: int = 16) -> str:
    """Hex sha256 prefix of the parts joined by a separator that cannot occur in text."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def normalise_text(text: str) -> str:
    """Text reduced for exact-duplicate hashing: crawl stamps, case, punctuation and spacing removed."""
    text = _CRAWL_STAMP.sub("", unicodedata.normalize("NFKC", text))
    text = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(text.split())


def normalised_text_expr(col: str | pl.Expr) -> pl.Expr:
    """Vectorised `normalise_text` over a string column (same result for ASCII and Unicode letters)."""
    expr = pl.col(col) if isinstance(col, str) else col
    return (
        expr.str.normalize("NFKC")
        .str.replace("(?i)" + CRAWL_STAMP, "")
        .str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.strip_chars()
    )


def content_hash_expr(col: str | pl.Expr) -> pl.Expr:
    """Content hash of a body column: sha256-derived hex of its normalised text (vectorised)."""
    # polars' hash is not stable across versions; hash in Python over the normalised strings
    # once per batch (C-speed hashlib, no per-row Python transformation besides the call).
    return normalised_text_expr(col).map_batches(
        lambda s: pl.Series([short_hash(v or "", length=32) for v in s], dtype=pl.String),
        return_dtype=pl.String,
    )


# Everything parse reads from an input: same values, same parsed article (for the same rules).
INPUT_FIELDS = (
    "source_path", "content_type", "text",
    "meta_url", "meta_title", "meta_date", "meta_source", "meta_dateline",
)  # fmt: skip


def input_hashes(docs: pl.DataFrame) -> pl.Series:
    """`input_hash` of each raw document (schema.RAW_DOCS): a sha256-derived hex of every field
    parse reads, so a rerun can tell an input it has already loaded before parsing it again."""
    columns = [docs[name].to_list() for name in INPUT_FIELDS]
    return pl.Series(
        "input_hash",
        [_fields_hash(fields) for fields in zip(*columns, strict=True)],
        dtype=pl.String,
    )


def _fields_hash(fields: tuple[str | None, ...]) -> str:
    # each field length-prefixed (-1 for a missing one): no two inputs share an encoding
    digest = hashlib.sha256()
    for value in fields:
        data = b"" if value is None else value.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % (-1 if value is None else len(data)))
        digest.update(data)
    return digest.hexdigest()[:32]


def article_id(identity: str, content_hash: str) -> str:
    """Article id from the input's identity (url, else path inside the bundle) and content hash."""
    return "a_" + short_hash(identity, content_hash)


def article_id_expr(identity: pl.Expr, content_hash: pl.Expr) -> pl.Expr:
    """Vectorised `article_id`."""
    return pl.struct(identity.alias("i"), content_hash.alias("h")).map_batches(
        lambda s: pl.Series(
            [article_id(r["i"] or "", r["h"] or "") for r in s.to_list()], dtype=pl.String
        ),
        return_dtype=pl.String,
    )
