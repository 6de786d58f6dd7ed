"""parse_batch: RAW_DOCS -> PARSED articles or QUARANTINE rows (the stage's entry point)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import polars as pl

from newsflow import ids, reasons, schema
from newsflow.dates import date_in_url, parse_date_value, plausible_published, year_for
from newsflow.parse.html import extract_html, visible_text
from newsflow.parse.rules import ParseRules, load_rules
from newsflow.parse.text import (
    DATE_SOURCES,
    DETAIL_CHARS,
    HTML_START,
    LETTER,
    SOURCE_ORDER,
    STAGE,
    WORDS,
    Evidence,
    clean_line,
    parse_text,
    read_lead,
    split_title,
    whole_text,
)
from newsflow.settings import Settings

_LANG_SAMPLE_CHARS = 300  # language id reads this much of the body (its cost is linear in it)
_LANG_MIN_PROB = 0.5  # below this normalised probability the language is "und"


def detect_language(texts: Iterable[str], rules: ParseRules) -> list[str]:
    """ISO 639-1 code per text (from its first few hundred characters), "und" when unsure."""
    model = rules.language_model
    codes: list[str] = []
    for text in texts:
        sample = text[:_LANG_SAMPLE_CHARS]
        if len(LETTER.findall(sample)) < 20:
            codes.append("und")
            continue
        code, probability = model.classify(sample)
        code = rules.language_aliases.get(code, code)
        codes.append(code if probability >= _LANG_MIN_PROB and len(code) == 2 else "und")
    return codes


def _choose_date(evidence: Evidence, settings: Settings, today: date) -> tuple[date | None, str]:
    # A capture time (WARC-Date) is no evidence of publication: it neither dates the article
    # nor gives a year-less dateline its year (a recrawl would move old stories into its year).
    # It only bounds the plausible dates (`crawl_date`).
    evidence.add_date("text", evidence.page_date)  # after the bylines the text rules read
    if evidence.dateline_md is not None and "dateline" not in evidence.dates:
        reference = next(
            (
                evidence.dates[s]
                for s in ("meta", "jsonld", "footer", "text", "url")
                if s in evidence.dates
            ),
            evidence.stamp_date,
        )
        evidence.add_date("dateline", year_for(*evidence.dateline_md, reference))
    if evidence.stamp_date is not None:
        evidence.add_date("crawl_stamp", evidence.stamp_date)
    for how in DATE_SOURCES:
        value = evidence.dates.get(how)
        if plausible_published(value, evidence.crawl_date, settings, today):
            return value, how
    return None, "none"


_WORD = re.compile(r"[^\W_]")  # a letter or digit: what makes a word (parse.text.WORDS)


def _has_word(text: str) -> bool:
    return _WORD.search(text) is not None


def _clean_meta(value: str | None) -> str | None:
    cleaned = clean_line(value) if value else ""
    return cleaned or None


def parse_batch(
    docs: pl.DataFrame, settings: Settings, rules: ParseRules | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """RAW_DOCS -> (PARSED articles, QUARANTINE rows with stage="parse"); every input lands in one."""
    rules = rules or load_rules()
    today = date.today()
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "title",
            "title_source",
            "source_name",
            "source_name_source",
            "url",
            "dateline",
            "published_date",
            "date_source",
            "crawl_date",
            "body",
            "reason",
            "detail",
        )
    }
    for (
        content_type, text, meta_url, meta_title, meta_date, meta_source, meta_dateline, crawled_at
    ) in zip(
        docs["content_type"].to_list(),
        docs["text"].to_list(),
        docs["meta_url"].to_list(),
        docs["meta_title"].to_list(),
        docs["meta_date"].to_list(),
        docs["meta_source"].to_list(),
        docs["meta_dateline"].to_list(),
        docs["crawled_at"].to_list(),
        strict=True,
    ):  # fmt: skip
        evidence = Evidence(crawl_date=crawled_at.date() if crawled_at else None)
        url = _clean_meta(meta_url)
        body, reason, detail = "", None, None
        try:
            if meta_title and meta_title.strip():
                evidence.title, site = split_title(meta_title, rules, meta_source)
                evidence.title_source = "meta"
                evidence.add_source("title", site)
            evidence.add_source("meta", _clean_meta(meta_source))
            evidence.add_date("meta", parse_date_value(meta_date))
            if not text or not text.strip():
                reason, detail = "empty document", "only white space"
            elif content_type == "html" or (
                # a whole HTML page delivered as text (a .txt save of a page) is parsed as HTML
                content_type == "text" and HTML_START.match(text[:2000])
            ):
                extracted, canonical = extract_html(text, url, evidence, rules)
                url = canonical or url
                # trafilatura already gives one paragraph per line: never reflow its output
                body = parse_text(extracted, evidence, rules, reflow=False)
                if not _has_word(body):  # no main text found: what a reader sees is the body
                    seen = visible_text(text)
                    body = parse_text(seen, evidence, rules, reflow=False) or seen
                if not _has_word(body):
                    body, reason, detail = "", "empty document", "markup only: no visible words"
            elif content_type == "text":
                body = parse_text(text, evidence, rules)
                if not _has_word(body):  # the rules took every block: keep them all
                    body = whole_text(text, evidence, rules)
                if not _has_word(body):
                    body, reason, detail = "", "empty document", "no words: only symbols"
            else:
                reason, detail = "unsupported content type", str(content_type)
            if evidence.dateline is None and meta_dateline and meta_dateline.strip():
                # a container field (Reuters' "dateline") read like a lead paragraph's dateline
                read_lead(meta_dateline.strip() + " .", evidence, rules)
        except Exception as error:  # noqa: BLE001 - one bad page is quarantined, never fatal
            body, reason = "", "parse error"
            detail = f"{type(error).__name__}: {error}"[:DETAIL_CHARS]
        evidence.add_date("url", date_in_url(url))
        published, date_source = _choose_date(evidence, settings, today)
        how = next((h for h in SOURCE_ORDER if h in evidence.sources), None)
        columns["title"].append(evidence.title)
        columns["title_source"].append(evidence.title_source if evidence.title else None)
        columns["source_name"].append(evidence.sources[how] if how else None)
        columns["source_name_source"].append(how)
        columns["url"].append(url)
        columns["dateline"].append(evidence.dateline)
        columns["published_date"].append(published)
        columns["date_source"].append(date_source)
        columns["crawl_date"].append(evidence.crawl_date)
        columns["body"].append(body)
        columns["reason"].append(reason if reason is None else reasons.check(reason))
        columns["detail"].append(detail)

    parsed = docs.with_columns(
        pl.Series(name, values, dtype=pl.Date if name.endswith("_date") else pl.String)
        for name, values in columns.items()
    ).with_columns(word_count=pl.col("body").str.count_matches(WORDS).cast(pl.Int64))
    # Every document with a word is an article, however short (issue 21): a one-line flash or
    # an earnings table is news. Only documents without words are quarantined.
    rejected = parsed.filter(pl.col("reason").is_not_null())
    quarantine = schema.quarantine_rows(
        rejected,
        stage=STAGE,
        reason=pl.col("reason"),
        # the specifics, then what the input was (its title, else its first characters)
        detail=pl.concat_str(
            pl.col("detail"),
            pl.coalesce(
                pl.col("title"), pl.col("text").str.strip_chars().str.slice(0, DETAIL_CHARS)
            ).replace("", None),
            separator=" | ",
            ignore_nulls=True,
        ).fill_null(""),
    )
    kept = parsed.filter(pl.col("reason").is_null())
    kept = kept.with_columns(
        language=pl.Series(detect_language(kept["body"].to_list(), rules), dtype=pl.String),
        content_hash=ids.content_hash_expr("body"),
    ).with_columns(
        article_id=ids.article_id_expr(
            pl.coalesce(pl.col("url"), pl.col("source_path")), pl.col("content_hash")
        )
    )
    return schema.conform(kept, schema.PARSED), schema.conform(quarantine, schema.QUARANTINE)
