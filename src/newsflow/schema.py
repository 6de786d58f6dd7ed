"""Column contracts between stages: the frames each stage takes and returns.

Every stage function takes and returns polars frames with exactly these columns
(extra columns are dropped by `conform`). The warehouse tables in `sql/` are the
final shape; these are the staged shapes that lead to them.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl


def _schema(columns: Mapping[str, pl.DataType | type[pl.DataType]]) -> pl.Schema:
    """A schema of columns given as dtype classes (pl.String) or instances (pl.Datetime("us"))."""
    # pl.Schema's parameter is a union, so mypy cannot type a literal mixing the two against it.
    return pl.Schema(columns)


# ingest -> parse: one row per input document that passed the ingest checks.
RAW_DOCS = _schema(
    {
        "bundle_id": pl.String,  # stable id of the bundle (see ingest.bundle_id)
        "source_path": pl.String,  # path inside the bundle; "file.jsonl:LINE" for JSON lines
        "input_seq": pl.Int64,  # position of the input in the bundle (first seen order)
        "content_type": pl.String,  # "text" | "html"
        "text": pl.String,  # decoded document (whole page for html)
        "encoding": pl.String,  # detected encoding, e.g. "utf-8", "cp1252", "utf-16"
        "size_bytes": pl.Int64,
        # metadata supplied by the container (JSON lines fields); null otherwise
        "meta_url": pl.String,
        "meta_title": pl.String,
        "meta_date": pl.String,
        "meta_source": pl.String,
        "meta_dateline": pl.String,  # e.g. Reuters' "SALVADOR, Feb 26 -" field
        # capture of a WARC record: its WARC-Date (naive UTC; never a publication date) and its
        # normalised WARC-Payload-Digest ("sha1:BASE32"); null for other containers
        "crawled_at": pl.Datetime("us"),
        "payload_digest": pl.String,
        "input_hash": pl.String,  # ids.input_hashes: what parse reads, hashed (skips known inputs)
    }
)

# parse -> dedupe: one row per parsed article.
PARSED = _schema(
    {
        "article_id": pl.String,  # ids.article_id(identity, content_hash)
        "bundle_id": pl.String,
        "source_path": pl.String,
        "input_seq": pl.Int64,
        "input_hash": pl.String,  # the raw input's hash (RAW_DOCS), kept to skip it on a rerun
        "content_hash": pl.String,  # ids.content_hash(body): normalised-text sha256
        "title": pl.String,
        "source_name": pl.String,
        "url": pl.String,
        "dateline": pl.String,
        "published_date": pl.Date,
        "date_source": pl.String,  # how published_date was found: footer|dateline|meta|text|crawl_stamp|none
        "crawl_date": pl.Date,  # the capture (crawled_at) date, else the text's crawl stamp
        "crawled_at": pl.Datetime("us"),  # RAW_DOCS.crawled_at (UTC)
        "payload_digest": pl.String,  # RAW_DOCS.payload_digest
        "body": pl.String,
        "word_count": pl.Int64,
        "language": pl.String,  # ISO 639-1, "und" when undetermined
        "encoding": pl.String,
        "title_source": pl.String,  # how the title was found: meta | html | headline
        # how source_name was found: meta | site | footer | title | agency_tag | dateline | signature
        "source_name_source": pl.String,
    }
)

# dedupe -> extract: PARSED plus the duplicate and story links.
DEDUPED = _schema(
    {
        **PARSED,
        "duplicate_of": pl.String,  # canonical article_id, null for canonical articles
        "dup_method": pl.String,  # "exact" | "near" | null
        "dup_similarity": pl.Float64,  # word-level containment vs canonical (1.0 exact), null if not a duplicate
        "story_id": pl.String,
    }
)

# extract -> events / load: one row per actor mention.
MENTIONS = _schema(
    {
        "mention_id": pl.String,
        "article_id": pl.String,
        "actor_id": pl.String,
        "event_id": pl.String,  # set by the events stage for mentions that support an event
        "mention_text": pl.String,
        "char_start": pl.Int64,
        "char_end": pl.Int64,
        "sentence_index": pl.Int64,
    }
)

ACTORS = _schema(
    {
        "actor_id": pl.String,
        "name": pl.String,
        "actor_type": pl.String,  # PERSON | ORG | COUNTRY | GROUP | PLACE (see docs/warehouse.md)
        "country_code": pl.String,  # ISO 3166-1 alpha-3
        "aliases": pl.List(pl.String),
    }
)

EVENTS = _schema(
    {
        "event_id": pl.String,
        "event_type": pl.String,
        "cameo_root": pl.String,
        "source_actor_id": pl.String,
        "target_actor_id": pl.String,
        "event_date": pl.Date,
        "date_source": pl.String,
        "place_name": pl.String,
        "latitude": pl.Float64,
        "longitude": pl.Float64,
        "country_code": pl.String,
        "story_id": pl.String,
        "num_mentions": pl.Int64,
        "num_articles": pl.Int64,
        "num_sources": pl.Int64,
        "evidence": pl.String,
        "confidence": pl.Float64,
        "mode": pl.String,  # asserted | negated | threatened | planned | demanded | ... (events issue)
        # issue 20: how precise event_date is, whether the event is past context, the place's id
        "event_date_precision": pl.String,  # day | week | month | year; null without a date
        "background": pl.Boolean,  # told only as past context, never as news of a report's day
        "geonames_id": pl.Int64,  # GeoNames id of place_name (city or country)
        # a null role's generic agent, lemmatised ("police", "protester"); null if named or none
        "source_generic": pl.String,
        "target_generic": pl.String,
        # the PLOVER codebook's type: a negated cooperative act a REJECT, a planned or possible
        # one the intent it states (AGREE, THREATEN); else event_type (`triggers.plover_type`)
        "plover_type": pl.String,
    }
)

# extract -> events: sentence spans of the extracted (canonical, English) articles.
SENTENCES = _schema(
    {
        "article_id": pl.String,
        "sentence_index": pl.Int64,  # 0-based, in body order
        "char_start": pl.Int64,  # offsets into articles.body
        "char_end": pl.Int64,
    }
)

QUARANTINE = _schema(
    {
        "bundle_id": pl.String,
        "source_path": pl.String,
        "stage": pl.String,
        "reason": pl.String,
        "detail": pl.String,
    }
)


def empty(schema: pl.Schema) -> pl.DataFrame:
    """An empty frame with the given schema."""
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: pl.Schema) -> pl.DataFrame:
    """Select and cast `frame` to `schema`; missing columns are an error, extra ones dropped."""
    missing = [name for name in schema.names() if name not in frame.columns]
    if missing:
        raise ValueError(f"frame is missing columns {missing}")
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])


def quarantine_rows(
    frame: pl.DataFrame, *, stage: str, reason: str | pl.Expr, detail: str | pl.Expr = ""
) -> pl.DataFrame:
    """Quarantine rows for every row of `frame` (which must hold bundle_id and source_path)."""
    as_expr = lambda v: v if isinstance(v, pl.Expr) else pl.lit(v)  # noqa: E731
    return frame.select(
        pl.col("bundle_id"),
        pl.col("source_path"),
        pl.lit(stage).alias("stage"),
        as_expr(reason).cast(pl.String).alias("reason"),
        as_expr(detail).cast(pl.String).alias("detail"),
    )
