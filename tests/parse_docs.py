"""Raw documents for the parse tests: a RAW_DOCS frame from a few dicts, one text parsed
into its article, plain prose to pad a page with, and the markers no body may keep."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from newsflow import parse, schema
from newsflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # as in conftest.py
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
SETTINGS = Settings()
# What must never survive into a body (same spirit as the parse suite's _boilerplate_marker).
# A polars (Rust) regex.
MARKERS = (
    r"(?im)^(?:read (?:more|further)|also read|related stories)\b|^published in |"
    r"all rights reserved|^(?:©|copyright)\s*\d{4}|\breuter\s*\z"
)


def raw_docs(*docs: dict) -> pl.DataFrame:
    """A RAW_DOCS frame; each dict needs `text` and may set any other RAW_DOCS column."""
    rows = [
        {
            "bundle_id": "b1",
            "source_path": f"doc{i}.txt",
            "input_seq": i,
            "content_type": "text",
            "encoding": "utf-8",
            "size_bytes": len(d.get("text") or ""),
            "meta_url": None,
            "meta_title": None,
            "meta_date": None,
            "meta_source": None,
            "meta_dateline": None,
        }
        | d
        for i, d in enumerate(docs)
    ]
    return pl.DataFrame(rows, schema=schema.RAW_DOCS)


def parse_one(text: str, **fields) -> dict:
    articles, quarantine = parse.parse_batch(raw_docs({"text": text, **fields}), SETTINGS)
    assert quarantine.is_empty(), quarantine.to_dicts()
    return articles.row(0, named=True)


PROSE = (
    "Officials from both countries met for several hours and discussed border security, trade "
    "and the return of refugees, according to a statement released after the meeting ended."
)
